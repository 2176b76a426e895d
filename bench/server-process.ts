import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { isChildMessage, type ServerStats } from './servers/ipc-protocol.js';

/** A server running in its own process, reachable on loopback. */
export interface ServerProcess {
  readonly name: string;
  readonly url: string;
  /**
   * Asks the child for its RSS and CPU time; with `collect`, also for its heap in use after a full
   * collection (children started with `--expose-gc`).
   */
  stats(options?: { collect?: boolean }): Promise<ServerStats>;
  /** Asks the child to exit, killing it if it does not within a few seconds. */
  stop(): Promise<void>;
}

/** How to start one server child. */
export interface ServerLaunch {
  name: string;
  /** Built script of the server (a `dist/bench/servers/*.js` file). */
  script: URL;
  launcher: { command: string; args: string[] };
  nodeArgs?: string[];
  /** Extra environment for the child (e.g. `BENCH_SINK_URL`). */
  env?: Record<string, string>;
}

const READY_TIMEOUT_MS = 15_000;
const STATS_TIMEOUT_MS = 5_000;
const STOP_TIMEOUT_MS = 5_000;

const live = new Set<ChildProcess>();

// Last resort when the benchmark ends in any other way than through `stop()`.
process.once('exit', killAllServers);

/** Kills every server child still running (on error or interrupt). */
export function killAllServers(): void {
  for (const child of live) child.kill('SIGKILL');
  live.clear();
}

/** True once `child` has exited, false when it is still running after `timeoutMs`. */
export function waitForExit(child: ChildProcess, timeoutMs: number): Promise<boolean> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(true);
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), timeoutMs);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve(true);
    });
  });
}

/** Starts `launch.script` in a child process and resolves once it reports its port. */
export function startServer(launch: ServerLaunch): Promise<ServerProcess> {
  const child = spawn(
    launch.launcher.command,
    [...launch.launcher.args, ...(launch.nodeArgs ?? []), fileURLToPath(launch.script)],
    { stdio: ['ignore', 'inherit', 'inherit', 'ipc'], env: { ...process.env, ...launch.env } },
  );
  live.add(child);
  child.once('exit', () => live.delete(child));

  const pendingStats = new Map<number, { resolve(stats: ServerStats): void; fail(): void }>();
  let nextId = 1;
  const gone = (): Error => new Error(`${launch.name}: server process exited unexpectedly`);
  child.once('exit', () => {
    for (const pending of pendingStats.values()) pending.fail();
    pendingStats.clear();
  });

  const stats = (options: { collect?: boolean } = {}): Promise<ServerStats> =>
    new Promise((resolve, reject) => {
      if (!child.connected) {
        reject(gone());
        return;
      }
      const id = nextId++;
      const timer = setTimeout(() => {
        pendingStats.delete(id);
        reject(new Error(`${launch.name}: no stats answer within ${STATS_TIMEOUT_MS} ms`));
      }, STATS_TIMEOUT_MS);
      pendingStats.set(id, {
        resolve(value) {
          clearTimeout(timer);
          resolve(value);
        },
        fail() {
          clearTimeout(timer);
          reject(gone());
        },
      });
      child.send({ type: 'stats', id, ...(options.collect && { collect: true }) });
    });

  const stop = async (): Promise<void> => {
    if (child.connected) child.send({ type: 'stop' });
    if (!(await waitForExit(child, STOP_TIMEOUT_MS))) {
      child.kill('SIGKILL');
      await waitForExit(child, STOP_TIMEOUT_MS);
    }
  };

  return new Promise((resolve, reject) => {
    let settled = false;
    const fail = (reason: string): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      child.kill('SIGKILL');
      reject(new Error(`${launch.name}: ${reason}`));
    };
    const timer = setTimeout(
      () => fail(`did not report its port within ${READY_TIMEOUT_MS} ms`),
      READY_TIMEOUT_MS,
    );
    // `on`, not `once`: a later IPC error must not become an unhandled 'error' event.
    child.on('error', (error) => fail(`could not start: ${error.message}`));
    child.once('exit', (code, signal) =>
      fail(`exited before it was ready (${signal ?? `code ${String(code)}`})`),
    );
    child.on('message', (message: unknown) => {
      if (!isChildMessage(message)) return;
      if (message.type === 'stats') {
        pendingStats.get(message.id)?.resolve({
          rss: message.rss,
          cpuMicros: message.cpuMicros,
          ...(message.received !== undefined && { received: message.received }),
          ...(message.liveHeap !== undefined && { liveHeap: message.liveHeap }),
        });
        pendingStats.delete(message.id);
        return;
      }
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve({ name: launch.name, url: `http://127.0.0.1:${message.port}`, stats, stop });
    });
  });
}

/**
 * Runs a benchmark's `main`: every server child is killed on Ctrl-C or on failure, and a failure
 * is printed under `label` with exit code 1.
 */
export async function runBenchMain(label: string, main: () => Promise<void>): Promise<void> {
  process.once('SIGINT', () => {
    killAllServers();
    process.exit(130);
  });
  try {
    await main();
  } catch (error) {
    killAllServers();
    console.error(`[${label}] failed: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
  }
}
