import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import { join } from 'node:path';
import { runLoad } from '../load.js';
import { expectOk } from '../probe.js';
import { runBenchMain, startServer, type ServerProcess } from '../server-process.js';
import { measuredSeconds, readSettings, type BenchSettings } from '../settings.js';
import { BENCH_FAULTS } from './bench-faults.js';
import { startCliServer, type CliServer } from './cli-server.js';
import type { ClusterReport, ClusterServerName, ClusterServerResult } from './cluster-result.js';
import { formatClusterReport } from './cluster-report.js';
import { checkClusterTargets, computeClusterRatios, scalingNote } from './cluster-targets.js';
import { sampleProcess } from './proc-stats.js';
import { redisServerBinary, startRedis, type RedisProcess } from './redis-process.js';
import { saveClusterResults } from './save-cluster-results.js';

const log = (line: string): void => console.log(`[bench:cluster] ${line}`);

const benchScript = (path: string): URL => new URL(`../${path}`, import.meta.url);

/** A worker must use at least this share of the busiest worker's CPU to count as serving. */
const MIN_WORKER_SHARE = 0.25;

/** CPU and RSS of a server's processes at one instant; undefined where they cannot be read. */
interface Snapshot {
  cpuMicros?: number;
  rss?: number;
  /** CPU so far of each cluster worker. */
  workers?: number[];
}

/** A started server, whatever its kind (bench child over IPC, or the CLI). */
interface Target {
  name: ClusterServerName;
  description: string;
  url: string;
  snapshot(): Promise<Snapshot>;
  stop(): Promise<void>;
}

function fromIpc(name: ClusterServerName, description: string, server: ServerProcess): Target {
  return {
    name,
    description,
    url: server.url,
    snapshot: async () => {
      const { cpuMicros, rss } = await server.stats();
      return { cpuMicros, rss };
    },
    stop: () => server.stop(),
  };
}

function fromCli(
  name: ClusterServerName,
  description: string,
  server: CliServer,
  workers: number,
): Target {
  return {
    name,
    description,
    url: server.url,
    snapshot: () => {
      const samples = server.sample();
      // Without /proc (not Linux) or with a process gone, a sum would mislead: leave it out.
      if (samples.length === 0 || samples.some((s) => s === undefined)) return Promise.resolve({});
      const present = samples.filter((s) => s !== undefined);
      return Promise.resolve({
        cpuMicros: present.reduce((sum, s) => sum + s.cpuMicros, 0),
        rss: present.reduce((sum, s) => sum + s.rss, 0),
        ...(workers > 1 && { workers: present.slice(1).map((s) => s.cpuMicros) }),
      });
    },
    stop: () => server.stop(),
  };
}

const cpuShare = (before: number | undefined, after: number | undefined, sec: number) =>
  before === undefined || after === undefined ? undefined : (100 * (after - before)) / (sec * 1e6);

/** Checks `target` answers 200, warms it up, measures it and stops it. */
async function measure(
  target: Target,
  settings: BenchSettings,
  sink: ServerProcess,
  redis: RedisProcess | undefined,
): Promise<ClusterServerResult> {
  try {
    await expectOk(target.name, target.url);
    log(`${target.name}: ${target.url} answers 200; warm-up ${settings.warmupSec} s`);
    await runLoad(target.url, settings.connections, settings.warmupSec);
    log(`${target.name}: measuring ${measuredSeconds(settings)} s`);
    const before = await target.snapshot();
    const redisBefore = redis && sampleProcess(redis.pid);
    const sinkBefore = (await sink.stats()).received ?? 0;
    const load = await runLoad(target.url, settings.connections, measuredSeconds(settings));
    const after = await target.snapshot();
    const redisAfter = redis && sampleProcess(redis.pid);
    const sinkAfter = (await sink.stats()).received ?? 0;
    const sec = load.durationSec;
    if (load.non2xx > 0 || load.errors > 0) {
      log(`${target.name}: WARNING ${load.non2xx} non-2xx responses, ${load.errors} errors`);
    }
    const workerCpu = after.workers?.map((micros, i) => cpuShare(before.workers?.[i], micros, sec));
    const workerCpuPercent = workerCpu?.every((v) => v !== undefined) ? workerCpu : undefined;
    if (workerCpuPercent) {
      const busiest = Math.max(...workerCpuPercent);
      if (workerCpuPercent.some((v) => v < busiest * MIN_WORKER_SHARE)) {
        log(
          `${target.name}: WARNING a worker took little of the load (${workerCpuPercent.map(Math.round).join('% / ')}%)`,
        );
      }
    }
    const serverCpuPercent = cpuShare(before.cpuMicros, after.cpuMicros, sec);
    const redisCpuPercent = cpuShare(redisBefore?.cpuMicros, redisAfter?.cpuMicros, sec);
    return {
      name: target.name,
      description: target.description,
      load,
      callbacksPerSec: (sinkAfter - sinkBefore) / sec,
      ...(serverCpuPercent !== undefined && { serverCpuPercent }),
      ...(workerCpuPercent && { workerCpuPercent }),
      ...(redisCpuPercent !== undefined && { redisCpuPercent }),
      ...(after.rss !== undefined && { rssEnd: after.rss }),
      ...(redis && { redisKeys: await redis.dbSize() }),
    };
  } finally {
    await target.stop();
  }
}

/** Runs the four servers one after another, each in its own process. */
async function measureAll(
  settings: BenchSettings,
  sink: ServerProcess,
  redis: RedisProcess,
  configFile: string,
): Promise<ClusterServerResult[]> {
  const sinkUrl = `${sink.url}/dlr`;
  const launcher = { command: process.execPath, args: [] };
  const results: ClusterServerResult[] = [];

  const memory = await startServer({
    name: 'memory',
    script: benchScript('servers/provider-sim-server.js'),
    launcher,
    env: { BENCH_SINK_URL: sinkUrl },
  });
  results.push(
    await measure(
      fromIpc('memory', 'in memory, one process (the main bench server)', memory),
      settings,
      sink,
      undefined,
    ),
  );

  // FLUSHALL before every Redis run: the journal, message state and scheduled DLRs of the
  // previous run would otherwise be read, trimmed or delivered during this one.
  await redis.flushAll();
  const onRedis = await startServer({
    name: 'redis',
    script: benchScript('cluster/servers/provider-sim-redis-server.js'),
    launcher,
    env: { BENCH_SINK_URL: sinkUrl, BENCH_REDIS_URL: redis.url },
  });
  results.push(
    await measure(
      fromIpc('redis', 'on Redis, one process (library, openSimulator)', onRedis),
      settings,
      sink,
      redis,
    ),
  );

  for (const workers of [1, 2] as const) {
    await redis.flushAll();
    const name: ClusterServerName = `redis-workers-${workers}`;
    const cli = await startCliServer({
      name,
      workers,
      redisUrl: redis.url,
      callbackUrl: sinkUrl,
      configFile,
    });
    const description = `on Redis, CLI (all providers): provider-sim start --redis <url> --workers ${workers}`;
    results.push(await measure(fromCli(name, description, cli, workers), settings, sink, redis));
  }
  return results;
}

async function main(): Promise<void> {
  const binary = redisServerBinary();
  if (!binary) {
    console.error(
      '[bench:cluster] redis-server not found on PATH: this bench starts its own private Redis. ' +
        'Install it (Debian/Ubuntu: apt-get install -y redis-server; macOS: brew install redis) and run again.',
    );
    process.exitCode = 1;
    return;
  }
  const settings = readSettings();
  const cores = os.availableParallelism();
  const dir = await mkdtemp(join(os.tmpdir(), 'provider-sim-bench-cluster-'));
  // The CLI servers get the main bench server's fault rule through a config file.
  const configFile = join(dir, 'bench-config.json');
  await writeFile(configFile, `${JSON.stringify({ faults: BENCH_FAULTS })}\n`);

  const redis = await startRedis(binary);
  log(`redis-server ${redis.version} on ${redis.url} (no persistence)`);
  const sink = await startServer({
    name: 'callback-sink',
    script: benchScript('servers/callback-sink-server.js'),
    launcher: { command: process.execPath, args: [] },
  });
  let servers: ClusterServerResult[];
  try {
    servers = await measureAll(settings, sink, redis, configFile);
  } finally {
    await sink.stop();
    await redis.stop();
    await rm(dir, { recursive: true, force: true });
  }

  const report: ClusterReport = {
    generatedAt: new Date().toISOString(),
    node: process.version,
    cpu: `${os.cpus()[0]?.model ?? 'unknown CPU'} x ${os.cpus().length}`,
    cores,
    redisVersion: redis.version,
    // Pinning the server to one core, as the main bench does, would leave a second worker nothing.
    placement: `no CPU pinning: server processes, redis-server and the load generator share all ${cores} cores`,
    settings,
    servers,
    ratios: computeClusterRatios(servers),
    scalingNote: scalingNote(cores),
    targets: checkClusterTargets(servers),
  };
  console.log(`\n${formatClusterReport(report)}\n`);
  log(`results written to ${await saveClusterResults(report)}`);
}

await runBenchMain('bench:cluster', main);
