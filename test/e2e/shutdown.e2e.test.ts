import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startCli, type RunningCli } from '../support/run-cli.js';
import { SINCH_SMS_SEND_PATH, sinchSmsSend } from '../support/sinch-sms-fixtures.js';

const DRAIN_TIMEOUT_MS = 2000;
const SENDS = 20;
/** Sinch SMS India takes at most 1,000 recipients per send. */
const RECIPIENTS = 1000;

let cli: RunningCli | undefined;
let gateway: net.Server | undefined;
const sockets: net.Socket[] = [];

afterEach(() => {
  cli?.child.kill('SIGKILL');
  for (const socket of sockets.splice(0)) socket.destroy();
  gateway?.close();
  cli = gateway = undefined;
});

/** A callback URL nothing listens on: every connection is refused. */
async function refusingGateway(): Promise<string> {
  const probe = net.createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as net.AddressInfo;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return `http://127.0.0.1:${port}/dlr`;
}

/** A callback URL whose server accepts connections and never answers. */
async function silentGateway(): Promise<string> {
  gateway = net.createServer((socket) => void sockets.push(socket));
  await new Promise<void>((resolve) => gateway!.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(gateway.address() as net.AddressInfo).port}/dlr`;
}

describe('provider-sim start, stopped with 20,000 DLRs pending and a dead gateway', () => {
  it.each([
    { gateway: 'refuses connections', target: refusingGateway, to: '--undelivered-file' },
    { gateway: 'never answers', target: silentGateway, to: '--undelivered-file' },
    { gateway: 'never answers', target: silentGateway, to: 'stderr' },
  ])(
    'exits within the drain timeout plus 2 s when the gateway $gateway, writing every callback to $to',
    async ({ target, to }) => {
      const dlrTarget = await target();
      const dir = mkdtempSync(join(tmpdir(), 'psim-shutdown-'));
      const undelivered = join(dir, 'undelivered.jsonl');
      const config = join(dir, 'config.json');
      writeFileSync(
        config,
        JSON.stringify({
          log: { level: 'error' },
          callbacks: { drainTimeoutMs: DRAIN_TIMEOUT_MS },
          // Every DLR waits an hour: all of them are pending when the process is told to stop.
          providers: {
            'sinch-sms': { settings: { dlrDelayMs: { min: 3_600_000, max: 3_600_000 } } },
          },
        }),
      );
      cli = startCli([
        'start',
        '--port',
        '0',
        '--config',
        config,
        '--callback-url',
        dlrTarget,
        ...(to === 'stderr' ? [] : ['--undelivered-file', undelivered]),
      ]);
      const [, url] = await cli.waitForOutput(/listening on (http:\/\/[^ ]+)/);
      for (let send = 0; send < SENDS; send++) {
        const to = Array.from(
          { length: RECIPIENTS },
          (_, i) => `91${9_000_000_000 + send * RECIPIENTS + i}`,
        );
        const answer = await fetch(`${url}${SINCH_SMS_SEND_PATH}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(sinchSmsSend({ to: to.join(','), msgid: `shutdown-${send}.` })),
        });
        expect(answer.status).toBe(200);
        expect((await answer.json()) as { count: number }).toMatchObject({ count: RECIPIENTS });
      }
      expect(existsSync(undelivered)).toBe(false);

      const signalled = performance.now();
      cli.child.kill('SIGTERM');
      const code = await cli.exited;
      const elapsed = performance.now() - signalled;

      expect(code).toBe(0);
      expect(elapsed).toBeLessThan(DRAIN_TIMEOUT_MS + 2000);
      const lines =
        to === 'stderr'
          ? cli
              .output()
              .split('\n')
              .filter((line) => line.startsWith('{"undelivered"'))
          : readFileSync(undelivered, 'utf8').trimEnd().split('\n');
      expect(lines).toHaveLength(SENDS * RECIPIENTS);
      const records = lines.map((line) => JSON.parse(line) as Record<string, unknown>);
      expect(new Set(records.map((r) => r.messageId)).size).toBe(SENDS * RECIPIENTS);
      for (const record of records) {
        expect(record).toMatchObject({
          provider: 'sinch-sms',
          kind: 'dlr',
          target: dlrTarget,
          messageId: expect.any(String),
          body: expect.anything(),
        });
      }
      expect(cli.output()).toMatch(/stopped: 20000 scheduled step\(s\) run early/);
    },
    120_000,
  );
});
