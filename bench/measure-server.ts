import type { RssTrace, ServerName, ServerResult } from './bench-result.js';
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
  /** Sample RSS every second during the run, and run the soak if one is configured. */
  watchRss: boolean;
  nodeArgs?: string[];
  /** Sends callbacks to the benchmark's sink, whose count is read around the measured run. */
  sink?: ServerProcess;
}

function toTrace(samples: number[], first: number, last: number): RssTrace {
  // The bracketing readings make a trace even when a run is too short for any 1 s sample.
  const all = [first, ...samples, last];
  return { start: first, end: last, max: Math.max(...all), samples };
}

/** A measured run and the server's stats at its end. */
interface Run {
  load: LoadResult;
  end: ServerStats;
  trace?: RssTrace;
}

async function plainRun(
  server: ServerProcess,
  settings: BenchSettings,
  durationSec: number,
): Promise<Run> {
  const load = await runLoad(server.url, settings.connections, durationSec);
  return { load, end: await server.stats() };
}

async function watchedRun(
  server: ServerProcess,
  settings: BenchSettings,
  durationSec: number,
  rssBefore: number,
): Promise<Required<Run>> {
  const sampler = sampleRss(server);
  const load = await runLoad(server.url, settings.connections, durationSec);
  const samples = await sampler.stop();
  const end = await server.stats();
  return { load, end, trace: toTrace(samples, rssBefore, end.rss) };
}

/** Starts `spec`'s server, checks it answers 200, warms it up, measures it and stops it. */
export async function measureServer(
  spec: ServerSpec,
  settings: BenchSettings,
  pinning: Pinning,
  log: (line: string) => void,
): Promise<ServerResult> {
  const server = await startServer({
    name: spec.name,
    script: spec.script,
    launcher: pinning.launcher,
    ...(spec.nodeArgs && { nodeArgs: spec.nodeArgs }),
    ...(spec.sink && { env: { BENCH_SINK_URL: `${spec.sink.url}/dlr` } }),
  });
  try {
    await expectOk(spec.name, server.url);
    const idle = await server.stats();
    log(`${spec.name}: ${server.url} answers 200; warm-up ${settings.warmupSec} s`);
    await runLoad(server.url, settings.connections, settings.warmupSec);
    const warm = await server.stats();
    log(`${spec.name}: measuring ${settings.durationSec} s`);
    const sinkBefore = await spec.sink?.stats();

    const run = spec.watchRss
      ? await watchedRun(server, settings, settings.durationSec, warm.rss)
      : await plainRun(server, settings, settings.durationSec);
    const { load, end } = run;
    const sinkAfter = await spec.sink?.stats();
    const serverCpuPercent = (100 * (end.cpuMicros - warm.cpuMicros)) / (load.durationSec * 1e6);
    if (load.non2xx > 0 || load.errors > 0) {
      log(`${spec.name}: WARNING ${load.non2xx} non-2xx responses, ${load.errors} errors`);
    }

    const result: ServerResult = {
      name: spec.name,
      load,
      serverCpuPercent,
      rss: { idle: idle.rss, afterWarmup: warm.rss, end: end.rss },
      ...(run.trace && { rssTrace: run.trace }),
      ...(sinkBefore &&
        sinkAfter && {
          callbacksPerSec:
            ((sinkAfter.received ?? 0) - (sinkBefore.received ?? 0)) / load.durationSec,
          sinkCpuPercent:
            (100 * (sinkAfter.cpuMicros - sinkBefore.cpuMicros)) / (load.durationSec * 1e6),
        }),
    };
    if (spec.watchRss && settings.soakSec > 0) {
      log(`${spec.name}: soak ${settings.soakSec} s`);
      const soak = await watchedRun(server, settings, settings.soakSec, end.rss);
      result.soak = { load: soak.load, rssTrace: soak.trace, rssEnd: soak.end.rss };
    }
    return result;
  } finally {
    await server.stop();
  }
}
