import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectRedis } from '../../src/engine/stores/redis/redis-connection.js';
import { startCallbackSink, type CallbackSink } from '../support/callback-sink.js';
import { redisServerBinary, startTestRedis, type TestRedis } from '../support/redis-server.js';
import { runCli, startCli, type RunningCli } from '../support/run-cli.js';
import { SINCH_SMS_SEND_PATH, sinchSmsSend } from '../support/sinch-sms-fixtures.js';

const available = redisServerBinary() !== undefined;
if (!available)
  console.warn('SKIPPED: redis-server is not installed; the scale-out CLI tests did not run');

async function listening(cli: RunningCli): Promise<string> {
  const [, url] = await cli.waitForOutput(/listening on (http:\/\/\S+)/, 30_000);
  return url!;
}

async function eventually(
  check: () => boolean | Promise<boolean>,
  timeoutMs: number,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** A loopback port free right now. */
async function freePort(): Promise<number> {
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** Processes whose parent is `parent` (read from /proc: the tests run on Linux). */
function childPids(parent: number): number[] {
  const pids: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    let stat: string;
    try {
      stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
    } catch {
      continue;
    }
    // The command name may hold spaces and parentheses: the fields after its last `)` are fixed.
    const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
    if (ppid === parent) pids.push(Number(entry));
  }
  return pids;
}

function configFile(config: unknown): string {
  const file = join(mkdtempSync(join(tmpdir(), 'scale-')), 'config.json');
  writeFileSync(file, JSON.stringify(config));
  return file;
}

async function sendMany(url: string, count: number, tag: string): Promise<void> {
  for (let i = 0; i < count; i++) {
    const answer = await fetch(`${url}${SINCH_SMS_SEND_PATH}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(
        sinchSmsSend({ to: `9198001${String(10000 + i)}`, msgid: `${tag}-${i}.` }),
      ),
    });
    expect(answer.status).toBe(200);
  }
}

/** The message numbers `tag-<n>.` a callback body names. */
function idsIn(raw: string, tag: string): string[] {
  return [...raw.matchAll(new RegExp(`${tag}-(\\d+)\\.`, 'g'))].map((m) => m[1]!);
}

interface JournalEntry {
  recipients: string[];
  subEvents: { type: string; attempt?: number; verdict?: string; status?: string }[];
}

async function journalOf(url: string): Promise<JournalEntry[]> {
  return ((await (await fetch(`${url}/__admin/journal`)).json()) as { requests: JournalEntry[] })
    .requests;
}

/** A gateway that holds every answer until `release()`, then answers 200 at once. */
async function startHeldGateway(): Promise<{
  url: string;
  received: string[];
  answered: string[];
  release(): void;
  close(): Promise<void>;
}> {
  const received: string[] = [];
  const answered: string[] = [];
  let held: [http.ServerResponse, string][] = [];
  let holding = true;
  const answer = (res: http.ServerResponse, raw: string): void => {
    if (res.destroyed) return;
    answered.push(raw);
    res.end('{"status":"success"}');
  };
  const server = http.createServer((req, res) => {
    let raw = '';
    req.on('data', (chunk: Buffer) => (raw += chunk.toString()));
    req.on('end', () => {
      received.push(raw);
      if (holding) held.push([res, raw]);
      else answer(res, raw);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/callbacks`,
    received,
    answered,
    release() {
      holding = false;
      for (const [res, raw] of held) answer(res, raw);
      held = [];
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

describe.skipIf(!available)('replicas started from the CLI on one Redis', () => {
  let redis: TestRedis;
  let sink: CallbackSink;
  const running: RunningCli[] = [];

  beforeAll(async () => {
    redis = await startTestRedis();
    sink = await startCallbackSink();
  });
  afterAll(async () => {
    for (const cli of running) if (cli.child.exitCode === null) cli.child.kill('SIGKILL');
    await sink.close();
    await redis.stop();
  });

  function start(extra: string[] = [], callbackUrl = sink.url): RunningCli {
    const cli = startCli([
      'start',
      '--port',
      '0',
      '--redis',
      redis.url,
      '--callback-url',
      callbackUrl,
      ...extra,
    ]);
    running.push(cli);
    return cli;
  }

  it('delivers every DLR of 100 sends accepted by a replica that was killed, from the other replica', async () => {
    const config = JSON.stringify({
      state: { keyPrefix: 'kill-test' },
      providers: { 'sinch-sms': { settings: { dlrDelayMs: { min: 3000, max: 3500 } } } },
    });
    const file = join(mkdtempSync(join(tmpdir(), 'scale-')), 'config.json');
    writeFileSync(file, config);
    const a = start(['--config', file]);
    const b = start(['--config', file]);
    const urlA = await listening(a);
    await listening(b);
    for (let i = 0; i < 100; i++) {
      const to = `9198000${String(10000 + i)}`;
      const answer = await fetch(`${urlA}${SINCH_SMS_SEND_PATH}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(sinchSmsSend({ to, msgid: `kill-${i}.` })),
      });
      expect(answer.status).toBe(200);
    }
    a.child.kill('SIGKILL');
    await a.exited;
    await sink.waitFor(100, 30_000);
    const ids = new Set(
      sink.received.flatMap((c) => [...c.raw.matchAll(/kill-(\d+)\./g)].map((m) => m[1])),
    );
    expect(ids.size).toBe(100);
    // At least once, but duplicates stay rare.
    expect(sink.received.length).toBeLessThanOrEqual(105);
    b.child.kill('SIGTERM');
    await b.exited;
  }, 90_000);

  it('sends the retries a killed replica had stored, from a replica started after it', async () => {
    const gateway = await startCallbackSink();
    const client = await connectRedis({ url: redis.url, keyPrefix: 'x', connectTimeoutMs: 2000 });
    try {
      const file = configFile({
        state: { keyPrefix: 'retry-kill' },
        providers: {
          'sinch-sms': {
            settings: { dlrDelayMs: { min: 100, max: 300 } },
            retry: { maxAttempts: 3, initialDelayMs: 2000, jitter: 0 },
          },
        },
      });
      gateway.answerWith(Array.from({ length: 20 }, () => 503));
      const a = start(['--config', file], gateway.url);
      const urlA = await listening(a);
      await sendMany(urlA, 20, 'retry');
      await gateway.waitFor(20, 10_000);
      // Every first attempt failed and its retry is a delayed job in Redis.
      await eventually(
        async () => (await client.zcard('retry-kill:bull:provider-sim-work:delayed')) === 20,
        10_000,
      );
      a.child.kill('SIGKILL');
      await a.exited;
      const b = start(['--config', file], gateway.url);
      const urlB = await listening(b);
      await gateway.waitFor(40, 20_000);
      const retried = gateway.received.slice(20);
      const ids = new Set(retried.flatMap((c) => idsIn(c.raw, 'retry')));
      expect(ids.size).toBe(20);
      await new Promise((resolve) => setTimeout(resolve, 500));
      expect(gateway.received.length).toBeLessThanOrEqual(41);
      // B journaled every retry, after A's failed first attempt.
      await eventually(async () => {
        const entries = (await journalOf(urlB)).filter((e) =>
          e.recipients.some((r) => r.startsWith('9198001')),
        );
        return (
          entries.length === 20 &&
          entries.every((e) => {
            const attempts = e.subEvents.filter((s) => s.type === 'callback-attempt');
            return (
              attempts.some((s) => s.attempt === 1 && s.verdict === 'retry') &&
              attempts.some((s) => s.attempt === 2 && s.verdict === 'delivered')
            );
          })
        );
      }, 10_000);
      b.child.kill('SIGTERM');
      await b.exited;
    } finally {
      client.disconnect();
      await gateway.close();
    }
  }, 90_000);

  it('delivers the DLRs a killed replica had in flight, from the other replica, journaling the duplicates', async () => {
    const gateway = await startHeldGateway();
    try {
      const file = configFile({
        state: { keyPrefix: 'in-flight-kill' },
        providers: { 'sinch-sms': { settings: { dlrDelayMs: { min: 100, max: 300 } } } },
      });
      const a = start(['--config', file], gateway.url);
      const urlA = await listening(a);
      await sendMany(urlA, 20, 'flight');
      // Every DLR is out and none is answered: A dies with all of them in flight.
      await eventually(() => gateway.received.length === 20, 10_000);
      a.child.kill('SIGKILL');
      await a.exited;
      gateway.release();
      const b = start(['--config', file], gateway.url);
      const urlB = await listening(b);
      await eventually(() => {
        const ids = new Set(gateway.answered.flatMap((raw) => idsIn(raw, 'flight')));
        return ids.size === 20;
      }, 30_000);
      // Each step ran again on B: its status and the answered attempt are journaled there.
      await eventually(async () => {
        const entries = (await journalOf(urlB)).filter((e) =>
          e.recipients.some((r) => r.startsWith('9198001')),
        );
        return (
          entries.length === 20 &&
          entries.every(
            (e) =>
              e.subEvents.filter((s) => s.type === 'status').length >= 2 &&
              e.subEvents.some((s) => s.type === 'callback-attempt' && s.verdict === 'delivered'),
          )
        );
      }, 10_000);
      b.child.kill('SIGTERM');
      await b.exited;
    } finally {
      await gateway.close();
    }
  }, 90_000);

  it('runs --workers 2 behind one port with one journal', async () => {
    const cli = start(['--workers', '2']);
    const url = await listening(cli);
    for (let i = 0; i < 6; i++) {
      await fetch(`${url}${SINCH_SMS_SEND_PATH}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', connection: 'close' },
        body: JSON.stringify(sinchSmsSend({ to: `91980002000${i}`, msgid: `w-${i}.` })),
      });
    }
    const seen = async (): Promise<number> => {
      const journal = (await (await fetch(`${url}/__admin/journal`)).json()) as {
        requests: { recipients: string[] }[];
      };
      const entries = journal.requests;
      return entries.filter((e) => e.recipients.some((r) => r.startsWith('91980002000'))).length;
    };
    const deadline = Date.now() + 10_000;
    let count = await seen();
    while (count < 6 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      count = await seen();
    }
    expect(count).toBe(6);
    cli.child.kill('SIGTERM');
    expect(await cli.exited).toBe(0);
  }, 60_000);

  it('starts again every worker of --workers 2 when all of them die at once', async () => {
    // A fixed port: with none left listening, node lets the new workers' port 0 be a new port.
    const port = await freePort();
    const cli = startCli(['start', '--port', String(port), '--redis', redis.url, '--workers', '2']);
    running.push(cli);
    const url = await listening(cli);
    const workers = childPids(cli.child.pid!);
    expect(workers).toHaveLength(2);
    for (const pid of workers) process.kill(pid, 'SIGKILL');
    await eventually(() => (cli.output().match(/starting it again/g) ?? []).length === 2, 10_000);
    await eventually(async () => {
      const fresh = childPids(cli.child.pid!);
      if (fresh.length !== 2 || fresh.some((pid) => workers.includes(pid))) return false;
      const answer = await fetch(`${url}/__admin/health`).catch(() => undefined);
      return answer?.status === 200;
    }, 20_000);
    await sendMany(url, 2, 'revived');
    cli.child.kill('SIGTERM');
    expect(await cli.exited).toBe(0);
  }, 60_000);

  it('refuses --workers 2 without --redis, naming the flag and how to start a Redis', async () => {
    const result = await runCli(['start', '--port', '0', '--workers', '2']);
    expect(result.code).toBe(2);
    expect(result.stderr + result.stdout).toMatch(/--workers 2: .*--redis.*redis-server/);
  });
});

describe('workers that cannot start', () => {
  it('stop the cluster and exit as one process would, naming the Redis they could not reach', async () => {
    const single = await runCli(['start', '--port', '0', '--redis', 'redis://127.0.0.1:9']);
    const cluster = await runCli([
      'start',
      '--port',
      '0',
      '--redis',
      'redis://127.0.0.1:9',
      '--workers',
      '2',
    ]);
    expect(single.code).toBe(2);
    expect(cluster.code).toBe(single.code);
    expect(cluster.stderr).toContain('--redis: cannot reach redis://127.0.0.1:9');
    expect(cluster.stderr).toMatch(/worker \d could not start \(exit 2\); stopping/);
    expect(cluster.stderr).not.toContain('starting it again');
  }, 30_000);
});
