import { connect } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { startSimulator, type Simulator } from '../../src/index.js';
import type { SimConfigInput } from '../../src/config/sim-config.js';
import { DEFAULT_CONFIG } from '../../src/config/sim-config.js';
import { SINCH_SMS_SEND_PATH, sinchSmsSend } from '../support/sinch-sms-fixtures.js';

let sim: Simulator | undefined;

afterEach(async () => {
  await sim?.close({ drain: false });
  sim = undefined;
});

const start = async (config: SimConfigInput = {}): Promise<Simulator> => {
  sim = await startSimulator({ port: 0, log: { level: 'silent' }, seed: 'hostile', ...config });
  return sim;
};

/** A JSON array of `bytes` bytes made of empty objects: cheap to send, costly to keep parsed. */
const objectArray = (bytes: number): Buffer => {
  const count = Math.floor((bytes - 2) / 3);
  return Buffer.from(`[${new Array<string>(count).fill('{}').join(',')}]`);
};

const deepBody = (depth: number): string => '['.repeat(depth) + ']'.repeat(depth);

/** Hostile 1 MB bodies sent (`npm run fuzz` sends more; this stays quick on a shared machine). */
const COUNT = 60;

describe('journal bounds', () => {
  it('keeps dozens of 1 MB unauthenticated bodies under the journal byte cap, as truncated text', async () => {
    const maxBytes = 2 * 1024 * 1024;
    const s = await start({ journal: { size: 1000, maxBytes, maxBodyBytes: 64 * 1024 } });
    const body = objectArray(1024 * 1024 - 16);
    const rssBefore = process.memoryUsage().rss;
    for (let i = 0; i < COUNT; i++) {
      const answer = await fetch(`${s.url}${SINCH_SMS_SEND_PATH}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body,
      });
      // Far more values than any body may hold: refused before it is parsed.
      expect(answer.status).toBe(400);
      await answer.arrayBuffer();
    }
    const rssAfter = process.memoryUsage().rss;
    console.log(
      `${COUNT} x 1 MB unauthenticated bodies: journal ${s.journal.size} entries, ${s.journal.bytes} bytes; RSS +${Math.round((rssAfter - rssBefore) / 1048576)} MB`,
    );
    expect((await fetch(`${s.url}/__admin/health`)).status).toBe(200);
    expect(s.journal.recorded).toBe(COUNT);
    expect(s.journal.bytes).toBeLessThanOrEqual(maxBytes);
    expect(s.journal.bytes).toBeGreaterThan(0);
    const [entry] = s.journal.list({ limit: 1 });
    expect(entry!.request.body).toMatchObject({ truncated: true, bytes: body.length });
    expect((entry!.request.body as { text: string }).text.startsWith('[{},{}')).toBe(true);
  }, 180_000);

  it('stays alive through 300 hostile 1 MB bodies with the default journal bounds, within its byte cap', async () => {
    const s = await start();
    const { maxBytes, maxBodyBytes } = DEFAULT_CONFIG.journal;
    const body = objectArray(1024 * 1024 - 16);
    const count = 300;
    let next = 0;
    const statuses = new Map<number, number>();
    const worker = async (): Promise<void> => {
      while (next < count) {
        next++;
        const answer = await fetch(`${s.url}${SINCH_SMS_SEND_PATH}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body,
        });
        await answer.arrayBuffer();
        statuses.set(answer.status, (statuses.get(answer.status) ?? 0) + 1);
      }
    };
    await Promise.all(Array.from({ length: 4 }, worker));
    expect(Object.fromEntries(statuses)).toEqual({ 400: count });
    // Alive: health answers and a real send is still accepted.
    expect((await fetch(`${s.url}/__admin/health`)).status).toBe(200);
    const send = await fetch(`${s.url}${SINCH_SMS_SEND_PATH}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(sinchSmsSend()),
    });
    expect(send.status).toBe(200);
    // The journal's own accounting: every request recorded, its bytes within the cap, each
    // hostile body kept only as a bounded excerpt.
    expect(s.journal.recorded).toBe(count + 1);
    expect(s.journal.size).toBe(count + 1);
    expect(s.journal.bytes).toBeGreaterThan(0);
    expect(s.journal.bytes).toBeLessThanOrEqual(maxBytes);
    // Far under the per-body limit each: the hostile bodies are kept as short excerpts.
    expect(s.journal.bytes).toBeLessThan((count + 1) * (maxBodyBytes / 4));
    for (const entry of s.journal
      .list({ limit: count + 1 })
      .filter((e) => e.response?.status === 400)) {
      expect(entry.request.body).toMatchObject({ truncated: true, bytes: body.length });
    }
  }, 300_000);

  it('evicts the oldest entries once the byte cap is reached, whatever the entry count', async () => {
    const s = await start({ journal: { size: 1000, maxBytes: 200_000, maxBodyBytes: 60_000 } });
    const body = JSON.stringify({ messages: 'x'.repeat(50_000) });
    for (let i = 0; i < 20; i++) {
      await (
        await fetch(`${s.url}${SINCH_SMS_SEND_PATH}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body,
        })
      ).arrayBuffer();
    }
    expect(s.journal.recorded).toBe(20);
    expect(s.journal.size).toBeLessThan(5);
    expect(s.journal.bytes).toBeLessThanOrEqual(200_000);
    // Kept parsed: under the per-body cap.
    expect(s.journal.list().at(-1)!.request.body).toEqual(JSON.parse(body));
  });
});

describe('nesting limits and journal reads', () => {
  it('refuses a 10,000-deep body with the provider error, and the journal still reads back', async () => {
    const s = await start();
    const answer = await fetch(`${s.url}${SINCH_SMS_SEND_PATH}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: 'Bearer sandbox-token' },
      body: deepBody(10_000),
    });
    expect(answer.status).toBe(400);
    expect(JSON.stringify(await answer.json())).toMatch(/deeper than 64 levels/);
    for (const path of ['/__admin/journal', '/__admin/inbound', '/__admin/requests/unmatched']) {
      expect((await fetch(`${s.url}${path}`)).status, path).toBe(200);
    }
    const [entry] = s.journal.list({ limit: 1 });
    expect(entry!.request.body).toBeUndefined();
  });

  it('journals a deep body injected through the admin API without breaking later reads', async () => {
    const s = await start();
    const answer = await fetch(`${s.url}/__admin/inbound`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: `{"provider":"sinch-sms","x":${deepBody(10_000)}}`,
    });
    expect(answer.status).toBe(400);
    expect((await fetch(`${s.url}/__admin/journal`)).status).toBe(200);
  });
});

describe('secrets', () => {
  it('redacts secret query parameters in the journal path and query', async () => {
    const s = await start();
    await (
      await fetch(`${s.url}${SINCH_SMS_SEND_PATH}?authkey=k1&api-key=k2&pass=k3&keep=1`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{}',
      })
    ).arrayBuffer();
    const [entry] = s.journal.list({ limit: 1 });
    const text = JSON.stringify(entry!.request);
    expect(text).not.toMatch(/k1|k2|k3/);
    expect(entry!.request.query).toMatchObject({ keep: '1', authkey: '[redacted]' });
  });

  it('quotes no password from a malformed body in the parse error', async () => {
    const s = await start();
    const answer = await fetch(`${s.url}${SINCH_SMS_SEND_PATH}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: 'Bearer sandbox-token' },
      body: '{"password":"hunter2-secret", "to": ["919800000001"] "x"}',
    });
    expect(answer.status).toBe(400);
    const text = await answer.text();
    expect(text).toMatch(/not valid JSON/);
    expect(text).not.toMatch(/hunter2/);
  });

  it('quotes nothing of a password when the syntax error falls inside it', async () => {
    const s = await start();
    const answer = await fetch(`${s.url}${SINCH_SMS_SEND_PATH}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: String.raw`{"appid":"clvrtap","pass":"hunter2\qsecretrest","x":1}`,
    });
    expect(answer.status).toBe(400);
    const text = await answer.text();
    expect(text).toMatch(/not valid JSON: Bad escaped character at byte 35/);
    expect(text).not.toMatch(/hunter|secret|rest/);
  });
});

describe('server limits', () => {
  it('drops a stalled body after the configured request timeout', async () => {
    const s = await start({ server: { requestTimeoutMs: 500, headersTimeoutMs: 500 } });
    const { port } = new URL(s.url!);
    const socket = connect(Number(port), '127.0.0.1');
    socket.write(
      `POST ${SINCH_SMS_SEND_PATH} HTTP/1.1\r\nHost: 127.0.0.1\r\ncontent-type: application/json\r\ncontent-length: 1000\r\n\r\n{"to":`,
    );
    let received = '';
    socket.on('data', (chunk: Buffer) => (received += chunk.toString()));
    const closed = await new Promise<boolean>((resolve) => {
      socket.on('close', () => resolve(true));
      socket.on('error', () => resolve(true));
      // Far beyond the timeout: without one, Node keeps the request open for 300 s.
      setTimeout(() => resolve(false), 20_000);
    });
    socket.destroy();
    expect(closed).toBe(true);
    expect(received).toMatch(/^HTTP\/1\.1 408|^$/);
  }, 30_000);

  it('rejects server limits that are not positive integers, naming the field', async () => {
    await expect(start({ server: { requestTimeoutMs: 0 } })).rejects.toThrow(
      /\/server\/requestTimeoutMs/,
    );
  });
});

describe('configured secrets', () => {
  it('shows the published sandbox credentials but masks configured ones and callback userinfo', async () => {
    const s = await start({
      callbackUrl: 'http://hooks:hook-pw@127.0.0.1:9/dlr?token=cb-token&x=1',
      providers: {
        'sinch-sms': {
          settings: { accounts: [{ appid: 'prod-app', userId: 'prod-user', pass: 'prod-pass-9' }] },
        },
      },
    });
    const text = await (await fetch(`${s.url}/__admin/providers`)).text();
    expect(text).not.toMatch(/prod-pass-9|hook-pw|cb-token/);
    expect(text).toContain('hooks:[redacted]@127.0.0.1:9/dlr?token=[redacted]&x=1');
    // Another provider left at its defaults still shows its sandbox credentials.
    expect(text).toMatch(/sandbox/);
  });

  it('shows the Sinch SMS sandbox account while it is the default', async () => {
    const s = await start();
    expect(await (await fetch(`${s.url}/__admin/providers`)).text()).toContain('clvrtap_18');
  });
});
