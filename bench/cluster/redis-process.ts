import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { accessSync, constants, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { Redis } from 'ioredis';
import { freePort, waitForPort } from './ports.js';

/** A private redis-server on a free loopback port, with no persistence. */
export interface RedisProcess {
  url: string;
  pid: number;
  version: string;
  /** Drops every key, so one run's state does not weigh on the next. */
  flushAll(): Promise<void>;
  /** Keys held right now. */
  dbSize(): Promise<number>;
  stop(): Promise<void>;
}

/** The redis-server binary on PATH, or undefined when it is not installed. */
export function redisServerBinary(): string | undefined {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    if (!dir) continue;
    const candidate = join(dir, 'redis-server');
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // Not in this directory.
    }
  }
  return undefined;
}

function versionOf(binary: string): string {
  // stdout is null when the binary cannot be run at all.
  const out = spawnSync(binary, ['--version'], { encoding: 'utf8' }).stdout ?? '';
  return /v=(\S+)/.exec(out)?.[1] ?? 'unknown';
}

function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once('exit', () => resolve()));
}

/** Starts redis-server from `binary`, resolving once it accepts connections. */
export async function startRedis(binary: string): Promise<RedisProcess> {
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'provider-sim-bench-redis-'));
  const child = spawn(
    binary,
    ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
    { stdio: 'ignore', cwd: dir },
  );
  // A crash of this process must not leave a redis-server behind.
  const kill = (): void => void child.kill('SIGKILL');
  process.once('exit', kill);
  try {
    await waitForPort(port, () => child.exitCode !== null, 'redis-server', 10_000);
  } catch (error) {
    kill();
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
  const url = `redis://127.0.0.1:${port}`;
  // One short-lived client per command: nothing stays connected while a server is measured.
  const command = async <T>(run: (client: Redis) => Promise<T>): Promise<T> => {
    const client = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 1 });
    try {
      await client.connect();
      return await run(client);
    } finally {
      client.disconnect();
    }
  };
  return {
    url,
    pid: child.pid ?? 0,
    version: versionOf(binary),
    flushAll: () => command(async (c) => void (await c.flushall())),
    dbSize: () => command((c) => c.dbsize()),
    async stop() {
      process.off('exit', kill);
      if (child.exitCode === null) child.kill('SIGTERM');
      await exited(child);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
