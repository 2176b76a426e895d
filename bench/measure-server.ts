import type { RoundResult, RssTrace, ServerName, ServerResult } from './bench-result.js';
import type { Pinning } from './cpu-pinning.js';
import { runLoad, type LoadResult } from './load.js';
import { expectOk } from './probe.js';
import { sampleRss } from './rss-sampler.js';
import { startServer, type ServerProcess } from './server-process.js';
import type { ServerStats } from './servers/ipc-protocol.js';
import type { BenchSettings } from './settings.js';

/** One server to measure and what to watch on it. */
export interface ServerSpec {
  name: ServerName;
  /** Built script of the server child. */
  script: URL;
  /** Sample RSS every second during its rounds, and run the soak if one is configured. */
  watchRss: boolean;
  nodeArgs?: string[];
  /** Sends callbacks to the benchmark's sink, whose count is read around each round. */
  sink?: ServerProcess;
}

/** A server started for measuring, and what its rounds have measured so far. */
export interface MeasuredServer {
  spec: ServerSpec;
  server: ServerProcess;
  idle: ServerStats;
  warm?: ServerStats;
  last?: ServerStats;
  rounds: { load: LoadResult; round: RoundResult }[];
  rssSamples: number[];
}

/**
 * After each round the server may still be working off what it accepted (DLR steps come due up to
 * a second later): the next server's round waits until that is over, so it has the core alone.
 */
const SETTLE_MS = 1200;

const settle = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, SETTLE_MS));

/**
 * Unmeasured load before each round: a server idle while the others took their turn has had its
 * heap shrunk and its connections closed, and must reach its working state again first.
 */
const ROUND_WARMUP_SEC = 1;

/** Starts `spec`'s server and checks it answers the benchmark request with 200. */
export async function startMeasured(
  spec: ServerSpec,
  pinning: Pinning,
  log: (line: string) => void,
): Promise<MeasuredServer> {
  // A server whose memory is watched can be asked for its heap after a full collection.
  const nodeArgs = [...(spec.nodeArgs ?? []), ...(spec.watchRss ? ['--expose-gc'] : [])];
  const server = await startServer({
    name: spec.name,
    script: spec.script,
    launcher: pinning.launcher,
    ...(nodeArgs.length > 0 && { nodeArgs }),
    ...(spec.sink && { env: { BENCH_SINK_URL: `${spec.sink.url}/dlr` } }),
  });
  try {
    await expectOk(spec.name, server.url);
  } catch (error) {
    await server.stop();
    throw error;
  }
  log(`${spec.name}: ${server.url} answers 200`);
  return { spec, server, idle: await server.stats(), rounds: [], rssSamples: [] };
}

/** The unmeasured run before the rounds. */
export async function warmUp(
  measured: MeasuredServer,
  settings: BenchSettings,
  log: (line: string) => void,
): Promise<void> {
  log(`${measured.spec.name}: warm-up ${settings.warmupSec} s`);
  await runLoad(measured.server.url, settings.connections, settings.warmupSec);
  await settle();
  measured.warm = await measured.server.stats({ collect: measured.spec.watchRss });
}

/** One measured round of `measured`, then the pause that lets it settle. */
export async function measureRound(
  measured: MeasuredServer,
  settings: BenchSettings,
  log: (line: string) => void,
): Promise<void> {
  const { spec, server } = measured;
  log(`${spec.name}: round ${measured.rounds.length + 1}, ${settings.durationSec} s`);
  await runLoad(server.url, settings.connections, ROUND_WARMUP_SEC);
  const before = await server.stats();
  const sinkBefore = await spec.sink?.stats();
  const sampler = spec.watchRss ? sampleRss(server) : undefined;
  const load = await runLoad(server.url, settings.connections, settings.durationSec);
  const samples = (await sampler?.stop()) ?? [];
  const after = await server.stats();
  const sinkAfter = await spec.sink?.stats();
  if (load.non2xx > 0 || load.errors > 0) {
    log(`${spec.name}: WARNING ${load.non2xx} non-2xx responses, ${load.errors} errors`);
  }
  const seconds = load.durationSec;
  const round: RoundResult = {
    requestsPerSec: load.requestsPerSec,
    p99Ms: load.p99Ms,
    serverCpuPercent: (100 * (after.cpuMicros - before.cpuMicros)) / (seconds * 1e6),
    ...(sinkBefore &&
      sinkAfter && {
        callbacksPerSec: ((sinkAfter.received ?? 0) - (sinkBefore.received ?? 0)) / seconds,
        sinkCpuPercent: (100 * (sinkAfter.cpuMicros - sinkBefore.cpuMicros)) / (seconds * 1e6),
      }),
  };
  measured.rounds.push({ load, round });
  measured.rssSamples.push(...samples);
  measured.last = after;
  await settle();
}

/** The median of `values` (the mean of the middle two for an even count). */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** The rounds' loads as one: medians of rates and latencies, sums of counts. */
function combineLoads(loads: readonly LoadResult[]): LoadResult {
  const sum = (pick: (load: LoadResult) => number): number =>
    loads.reduce((total, load) => total + pick(load), 0);
  return {
    requestsPerSec: median(loads.map((l) => l.requestsPerSec)),
    p50Ms: median(loads.map((l) => l.p50Ms)),
    p99Ms: median(loads.map((l) => l.p99Ms)),
    requests: sum((l) => l.requests),
    non2xx: sum((l) => l.non2xx),
    errors: sum((l) => l.errors),
    timeouts: sum((l) => l.timeouts),
    durationSec: sum((l) => l.durationSec),
    loadCpuPercent: sum((l) => l.loadCpuPercent) / loads.length,
  };
}

function toTrace(samples: number[], first: number, last: number): RssTrace {
  // The bracketing readings make a trace even when a run is too short for any 1 s sample.
  const all = [first, ...samples, last];
  return { start: first, end: last, max: Math.max(...all), samples };
}

/** Runs the soak (if configured for this server), stops the server and returns its result. */
export async function finishMeasured(
  measured: MeasuredServer,
  settings: BenchSettings,
  log: (line: string) => void,
): Promise<ServerResult> {
  const { spec, server, rounds } = measured;
  try {
    const warm = measured.warm ?? measured.idle;
    const end = measured.last ?? warm;
    // Read after the last round and its pause, outside every measured window.
    const settled = spec.watchRss ? await server.stats({ collect: true }) : undefined;
    const result: ServerResult = {
      name: spec.name,
      load: combineLoads(rounds.map((r) => r.load)),
      serverCpuPercent: median(rounds.map((r) => r.round.serverCpuPercent)),
      rss: { idle: measured.idle.rss, afterWarmup: warm.rss, end: end.rss },
      rounds: rounds.map((r) => r.round),
      ...(spec.watchRss && { rssTrace: toTrace(measured.rssSamples, warm.rss, end.rss) }),
      ...(warm.liveHeap !== undefined &&
        settled?.liveHeap !== undefined && {
          liveHeap: { afterWarmup: warm.liveHeap, end: settled.liveHeap },
        }),
      ...(spec.sink && {
        callbacksPerSec: median(rounds.map((r) => r.round.callbacksPerSec ?? 0)),
        sinkCpuPercent: median(rounds.map((r) => r.round.sinkCpuPercent ?? 0)),
      }),
    };
    if (spec.watchRss && settings.soakSec > 0) {
      log(`${spec.name}: soak ${settings.soakSec} s`);
      const sampler = sampleRss(server);
      const load = await runLoad(server.url, settings.connections, settings.soakSec);
      const samples = await sampler.stop();
      const soakEnd = await server.stats({ collect: true });
      result.soak = {
        load,
        rssTrace: toTrace(samples, end.rss, soakEnd.rss),
        rssEnd: soakEnd.rss,
        ...(soakEnd.liveHeap !== undefined && { liveHeapEnd: soakEnd.liveHeap }),
      };
    }
    return result;
  } finally {
    await server.stop();
  }
}
