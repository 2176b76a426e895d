import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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

  function start(extra: string[] = []): RunningCli {
    const cli = startCli([
      'start',
      '--port',
      '0',
      '--redis',
      redis.url,
      '--callback-url',
      sink.url,
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

  it('refuses --workers 2 without --redis, naming the flag and how to start a Redis', async () => {
    const result = await runCli(['start', '--port', '0', '--workers', '2']);
    expect(result.code).toBe(2);
    expect(result.stderr + result.stdout).toMatch(/--workers 2: .*--redis.*redis-server/);
  });
});
