import cluster, { type Worker } from 'node:cluster';
import { availableParallelism } from 'node:os';
import { SimError } from '../engine/errors.js';

/** Environment variable telling a worker its index (0 prints the banner). */
export const WORKER_INDEX_ENV = 'PROVIDER_SIM_WORKER_INDEX';

/** `--workers` as given (`auto`, a number, or absent) as a count of processes; 1 means no cluster. */
export function resolveWorkerCount(value: unknown, cores = availableParallelism()): number {
  if (value === undefined || value === null || value === '') return 1;
  if (value === 'auto') return Math.max(1, cores);
  const count = typeof value === 'number' ? value : Number(value);
  if (!Number.isInteger(count) || count < 1 || count > 256) {
    throw new SimError(
      'invalid-flag',
      '--workers',
      `--workers: expected "auto" or a whole number from 1 to 256, got ${JSON.stringify(value)}`,
      { expected: 'auto or 1..256', actual: value },
    );
  }
  return count;
}

/** Refuses several workers without shared state, saying how to get a Redis. */
export function requireSharedState(workers: number, redisUrl: string | undefined): void {
  if (workers > 1 && !redisUrl) {
    throw new SimError(
      'invalid-flag',
      '--workers',
      `--workers ${workers}: several processes need shared state; add --redis redis://127.0.0.1:6379 ` +
        `(a local Redis: \`redis-server --port 6379 --save ''\`, or \`docker run --rm -p 6379:6379 redis:7\`)`,
      { expected: '--redis <url> with --workers > 1', actual: workers },
    );
  }
}

/** Whether this process is a cluster worker started by `runWorkers`. */
export function isClusterWorker(): boolean {
  return cluster.isWorker && process.env[WORKER_INDEX_ENV] !== undefined;
}

/** This worker's index (0 outside a cluster). */
export function workerIndex(): number {
  return Number(process.env[WORKER_INDEX_ENV] ?? 0);
}

/**
 * The primary of `--workers N`: forks N workers that all listen on the one port (node:cluster
 * hands connections out round-robin), restarts a worker that dies unasked after it served, and on
 * SIGINT/SIGTERM passes the signal on and waits for every worker to drain and exit. A worker that
 * exits by itself before it listened could not start (a bad config, Redis unreachable) and would
 * fail again if restarted: the primary stops the others and resolves to that worker's exit code.
 */
export function runWorkers(count: number, log: (line: string) => void): Promise<number> {
  let stopping = false;
  let exitCode = 0;
  // Counted here rather than read from `cluster.workers`: node drops a worker from that list only
  // once both its exit and its IPC disconnect were seen, in either order, so at the last exit the
  // list may still name it.
  const live = new Set<Worker>();
  let allExited: () => void = () => undefined;
  let stop: (signal: NodeJS.Signals) => void = () => undefined;
  const fork = (index: number): void => {
    const worker = cluster.fork({ [WORKER_INDEX_ENV]: String(index) });
    let listened = false;
    live.add(worker);
    worker.once('listening', () => (listened = true));
    worker.on('exit', (code, signal) => {
      live.delete(worker);
      // Killed by a signal (by hand, or out of memory) it is started again like any other.
      if (!stopping && !listened && signal === null) {
        log(`worker ${index} could not start (exit ${code}); stopping`);
        exitCode = code || 1;
        stop('SIGTERM');
      }
      if (stopping) {
        if (live.size === 0) allExited();
        return;
      }
      log(`worker ${index} exited (${signal ?? code}); starting it again`);
      // Not unref'd: when every worker died at once, this timer is all that keeps the primary up.
      setTimeout(() => {
        if (!stopping) fork(index);
      }, 500);
    });
  };
  return new Promise((resolve) => {
    allExited = () => resolve(exitCode);
    stop = (signal) => {
      if (stopping) return;
      stopping = true;
      if (live.size === 0) allExited();
      for (const worker of live) worker.process.kill(signal);
    };
    process.on('SIGINT', () => stop('SIGINT'));
    process.on('SIGTERM', () => stop('SIGTERM'));
    for (let i = 0; i < count; i++) fork(i);
  });
}
