import { describe, expect, it } from 'vitest';
import { SchemaRegistry } from '../../src/engine/validation/schema-registry.js';
import { startCallbackSink } from '../../test/support/callback-sink.js';
import { sendSinchSms } from '../../test/support/provider-sends.js';
import { useSimHarness } from '../../test/support/sim-harness.js';
import { SINCH_SMS_SEND_PATH, sinchSmsSend } from '../../test/support/sinch-sms-fixtures.js';
import type { SimConfigInput } from '../../src/index.js';
import { sinchSms } from './index.js';

const schemas = new SchemaRegistry();
const h = useSimHarness({
  providers: [sinchSms],
  schemas,
  config: (sink) => ({
    callbackUrl: sink.url,
    providers: { 'sinch-sms': { settings: { dlrDelayMs: { min: 5, max: 20 } } } },
  }),
});
const start = (config: SimConfigInput = {}) => h.start(config);
const send = (body: unknown, headers: Record<string, string> = {}) =>
  sendSinchSms(h, body, headers);

const STRICT_DLT: SimConfigInput = { providers: { 'sinch-sms': { settings: { dlt: 'strict' } } } };

describe('Sinch SMS send', () => {
  it('accepts CleverTap documented sample as-is and answers one respid per recipient', async () => {
    await start();
    const result = await send(sinchSmsSend({ to: '919800000001,919800000002' }));
    expect(result.status).toBe(200);
    expect(schemas.validate('sinch-sms/send-response', result.body)).toEqual([]);
    expect(result.body.count).toBe(2);
    expect(result.body.messages.map((m: { to: string }) => m.to)).toEqual([
      '919800000001',
      '919800000002',
    ]);
    expect(new Set(result.body.messages.map((m: { respid: string }) => m.respid)).size).toBe(2);
  });

  it('rejects wrong credentials with error 101 and HTTP 401', async () => {
    await start();
    const result = await send(sinchSmsSend({ pass: 'wrong' }));
    expect(result.status).toBe(401);
    expect(result.body.error.code).toBe(101);
    expect(result.body.accepted).toBe(false);
    expect(schemas.validate('sinch-sms/error', result.body)).toEqual([]);
  });

  it('rejects a send without credentials with error 101 naming the missing fields', async () => {
    await start();
    const { appid: _a, pass: _p, ...rest } = sinchSmsSend();
    const result = await send(rest);
    expect(result.status).toBe(401);
    expect(result.body.error.message).toContain('appid');
    expect(result.body.error.message).toContain('pass');
  });

  it.each([
    ['from', 'ACLALT1', '/from'],
    ['alert', '2', '/alert'],
    ['contenttype', '2', '/contenttype'],
    ['intflag', 'no', '/intflag'],
    ['selfid', 'yes', '/selfid'],
    ['s', '3', '/s'],
    ['to', '9198-0000', '/to'],
  ])('rejects %s = %j with error 102 pointing at %s', async (field, value, pointer) => {
    await start();
    const result = await send(sinchSmsSend({ [field]: value }));
    expect(result.status).toBe(400);
    expect(result.body.error.code).toBe(102);
    expect(result.body.error.field).toBe(pointer);
    expect(schemas.validate('sinch-sms/error', result.body)).toEqual([]);
  });

  it('rejects a send without msgid with error 102', async () => {
    await start();
    const { msgid: _m, ...rest } = sinchSmsSend();
    const result = await send(rest);
    expect(result.status).toBe(400);
    expect(result.body.error).toMatchObject({ code: 102, field: '/msgid' });
  });

  it('rejects a domestic send without a DLT template id with error 104 under dlt strict', async () => {
    await start(STRICT_DLT);
    const { dtm: _d, ...rest } = sinchSmsSend();
    const result = await send(rest);
    expect(result.status).toBe(400);
    expect(result.body.error).toMatchObject({ code: 104, field: '/dtm' });
  });

  it('rejects a domestic send whose dpi is not 19 digits with error 104 under dlt strict', async () => {
    await start(STRICT_DLT);
    const result = await send(sinchSmsSend({ dpi: '17011581235' }));
    expect(result.body.error).toMatchObject({ code: 104, field: '/dpi' });
  });

  it('rejects a promotional domestic send with an alphabetic header with error 104 under dlt strict', async () => {
    await start(STRICT_DLT);
    const result = await send(sinchSmsSend({ alert: '0', from: 'ACLALT' }));
    expect(result.body.error).toMatchObject({ code: 104, field: '/from' });
    expect((await send(sinchSmsSend({ alert: '0', from: '123456' }))).status).toBe(200);
  });

  it('accepts an international send without DLT fields', async () => {
    await start();
    const { dpi: _p, dtm: _d, ...rest } = sinchSmsSend({ intflag: 'true', to: '447700900001' });
    expect((await send(rest)).status).toBe(200);
  });

  it('rejects a non-Indian number on a domestic send with error 103', async () => {
    await start();
    const result = await send(sinchSmsSend({ to: '447700900001' }));
    expect(result.status).toBe(400);
    expect(result.body.error).toMatchObject({ code: 103, field: '/to' });
  });

  it('accepts a missing DLT template id with dlt "warn" and records the diagnostic', async () => {
    await start({ providers: { 'sinch-sms': { settings: { dlt: 'warn' } } } });
    const { dtm: _d, ...rest } = sinchSmsSend();
    expect((await send(rest)).status).toBe(200);
    const [entry] = h.sim.journal.list();
    expect(entry!.diagnostics).toEqual([
      expect.objectContaining({ pointer: '/dtm', severity: 'warning' }),
    ]);
  });

  it('accepts exactly 1,000 recipients and rejects 1,001 with error 105', async () => {
    await start({
      providers: { 'sinch-sms': { settings: { dlrDelayMs: { min: 60_000, max: 60_000 } } } },
    });
    const numbers = (n: number): string =>
      Array.from({ length: n }, (_, i) => `9198${String(i).padStart(8, '0')}`).join(',');
    const ok = await send(sinchSmsSend({ to: numbers(1000) }));
    expect(ok.status).toBe(200);
    expect(ok.body.count).toBe(1000);
    const tooMany = await send(sinchSmsSend({ to: numbers(1001) }));
    expect(tooMany.status).toBe(400);
    expect(tooMany.body.error).toMatchObject({ code: 105, field: '/to' });
  });

  it('answers with the configured success body template', async () => {
    await start({
      providers: {
        'sinch-sms': {
          settings: {
            successResponse: { status: 202, body: { ok: 1, id: '{{msgid}}', ref: 'r-{{count}}' } },
          },
        },
      },
    });
    const result = await send(sinchSmsSend({ msgid: 'abc' }));
    expect(result).toEqual({ status: 202, body: { ok: 1, id: 'abc', ref: 'r-1' } });
  });
});

describe('Sinch SMS bad input', () => {
  it('answers malformed JSON with error 106 and keeps serving', async () => {
    await start();
    const result = await send('{"appid": "clvrtap",');
    expect(result.status).toBe(400);
    expect(result.body.error.code).toBe(106);
    expect(result.body.error.message).toMatch(/not valid JSON/);
    expect((await send(sinchSmsSend())).status).toBe(200);
  });

  it('answers an empty body with error 106', async () => {
    await start();
    expect((await send('')).body.error.code).toBe(106);
  });

  it('answers a wrong content type with error 107 and HTTP 415', async () => {
    await start();
    const result = await send(JSON.stringify(sinchSmsSend()), { 'content-type': 'text/plain' });
    expect(result.status).toBe(415);
    expect(result.body.error).toMatchObject({ code: 107, field: '/headers/content-type' });
  });

  it('answers a body over the limit with error 108 and HTTP 413', async () => {
    await start({ bodyLimitBytes: 2048 });
    const result = await send(sinchSmsSend({ text: 'x'.repeat(5000) }));
    expect(result.status).toBe(413);
    expect(result.body.error.code).toBe(108);
    expect((await send(sinchSmsSend())).status).toBe(200);
  });

  it('answers a body over the 1 MiB default limit sent without a length (chunked) with error 108', async () => {
    await start();
    const big = JSON.stringify(sinchSmsSend({ text: 'x'.repeat(1024 * 1024) }));
    const stream = new ReadableStream({
      start(controller) {
        for (let i = 0; i < big.length; i += 64 * 1024)
          controller.enqueue(new TextEncoder().encode(big.slice(i, i + 64 * 1024)));
        controller.close();
      },
    });
    const response = await fetch(`${h.url}${SINCH_SMS_SEND_PATH}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: stream,
      duplex: 'half',
    });
    expect(response.status).toBe(413);
    expect(((await response.json()) as { error: { code: number } }).error.code).toBe(108);
  });

  it('answers an unknown route under the provider with error 109 naming the closest route', async () => {
    await start();
    const response = await fetch(`${h.url}/sinch-sms/v1/enterprise/messages.json`, {
      method: 'POST',
      body: '{}',
    });
    expect(response.status).toBe(404);
    const body = (await response.json()) as { error: { code: number; message: string } };
    expect(body.error.code).toBe(109);
    expect(body.error.message).toContain('POST /sinch-sms/v1/enterprises/messages.json');
  });

  it('answers GET on the send route with error 110 and an Allow header', async () => {
    await start();
    const response = await fetch(`${h.url}${SINCH_SMS_SEND_PATH}`);
    expect(response.status).toBe(405);
    expect(response.headers.get('allow')).toBe('POST');
    expect(((await response.json()) as { error: { code: number } }).error.code).toBe(110);
  });

  it('keeps earlier journal entries through a run of bad requests', async () => {
    await start();
    await send(sinchSmsSend({ msgid: 'first' }));
    await send('not json');
    await send(sinchSmsSend({ pass: 'nope' }));
    await fetch(`${h.url}/nowhere`);
    const entries = h.sim.journal.list();
    expect(entries.map((e) => e.outcome)).toEqual([
      'accepted',
      'rejected',
      'rejected',
      'unmatched',
    ]);
    expect(entries[0]!.messages[0]!.reference).toBe('first');
  });
});

describe('Sinch SMS delivery reports', () => {
  it('calls back a delivered DLR with meta equal to the msgid byte for byte and ts in epoch seconds', async () => {
    await start();
    const msgid = '919800000001.1200000000.1654002362.20220531.0.wzrk_default.-1.';
    const before = Math.floor(Date.now() / 1000);
    await send(sinchSmsSend({ msgid }));
    const [callback] = await h.sink.waitFor(1);
    expect(schemas.validate('sinch-sms/dlr-callback', callback!.body)).toEqual([]);
    expect(callback!.body).toEqual([
      {
        event: 'delivered',
        data: [{ ts: expect.any(Number), meta: msgid, description: 'Delivered to handset' }],
      },
    ]);
    const ts = (callback!.body as [{ data: [{ ts: number }] }])[0].data[0].ts;
    expect(ts).toBeGreaterThanOrEqual(before);
    expect(ts).toBeLessThanOrEqual(before + 5);
  });

  it.each([
    ['919800000901', '901', 'DND failure'],
    ['919800000908', '908', 'Template blocked by DLT'],
    ['919800000920', '920', 'URL not whitelisted'],
  ])('fails %s with code %s', async (to, code, description) => {
    await start();
    await send(sinchSmsSend({ to }));
    const [callback] = await h.sink.waitFor(1);
    expect(schemas.validate('sinch-sms/dlr-callback', callback!.body)).toEqual([]);
    expect(callback!.body).toEqual([
      { event: 'failed', data: [expect.objectContaining({ code, description })] },
    ]);
  });

  it('delivers a number ending in 0911 (there is no code 911)', async () => {
    await start();
    await send(sinchSmsSend({ to: '919800000911' }));
    const [callback] = await h.sink.waitFor(1);
    expect((callback!.body as [{ event: string }])[0].event).toBe('delivered');
  });

  it('follows configured outcome rules', async () => {
    await start({
      providers: {
        'sinch-sms': {
          settings: { outcomes: [{ recipient: '^9198765', status: 'failed', code: '916' }] },
        },
      },
    });
    await send(sinchSmsSend({ to: '919876543210' }));
    const [callback] = await h.sink.waitFor(1);
    expect(callback!.body).toEqual([
      { event: 'failed', data: [expect.objectContaining({ code: '916', description: 'Expired' })] },
    ]);
  });

  it('groups several DLRs into one callback when grouping is configured', async () => {
    await start({
      providers: {
        'sinch-sms': {
          callbackBatch: { maxEvents: 3, windowMs: 200 },
          settings: { dlrDelayMs: { min: 5, max: 10 } },
        },
      },
    });
    await send(sinchSmsSend({ to: '919800000001,919800000002,919800000901', msgid: 'batch-1' }));
    const [callback] = await h.sink.waitFor(1);
    // Drained, every pending DLR and grouping window has gone out: a second callback would be here.
    await h.drain();
    expect(h.sink.received).toHaveLength(1);
    expect(schemas.validate('sinch-sms/dlr-callback', callback!.body)).toEqual([]);
    const groups = callback!.body as { event: string; data: { meta: string }[] }[];
    expect(groups.map((g) => [g.event, g.data.length]).sort()).toEqual([
      ['delivered', 2],
      ['failed', 1],
    ]);
    expect(groups.flatMap((g) => g.data.map((d) => d.meta))).toEqual([
      'batch-1',
      'batch-1',
      'batch-1',
    ]);
  });

  it('sends callbacks to the per-provider target over the default one', async () => {
    const other = await startCallbackSink();
    try {
      await start({ providers: { 'sinch-sms': { callbacks: { dlr: other.url } } } });
      await send(sinchSmsSend());
      await other.waitFor(1);
      expect(h.sink.received).toHaveLength(0);
    } finally {
      await other.close();
    }
  });

  it('retries a DLR the gateway answers 500 and 429, and journals every attempt', async () => {
    await start({ callbacks: { retry: { initialDelayMs: 10, maxDelayMs: 50, jitter: 0 } } });
    h.sink.answerWith([500, 429]);
    await send(sinchSmsSend({ msgid: 'retry-me' }));
    const attempts = await h.sink.waitFor(3);
    expect(attempts.map((a) => a.raw)).toEqual([
      attempts[0]!.raw,
      attempts[0]!.raw,
      attempts[0]!.raw,
    ]);
    const recorded = () =>
      h.sim.journal
        .list({ messageId: 'retry-me' })[0]!
        .subEvents.filter((s) => s.type === 'callback-attempt');
    await expect.poll(() => recorded().length).toBe(3);
    const [entry] = h.sim.journal.list({ messageId: 'retry-me' });
    expect(recorded()[0]!.messageIds).toEqual([entry!.messages[0]!.id]);
    expect(recorded().map((s) => [s.attempt, s.status, s.verdict])).toEqual([
      [1, 500, 'retry'],
      [2, 429, 'retry'],
      [3, 200, 'delivered'],
    ]);
  });

  it('does not retry a DLR the gateway answers 400', async () => {
    await start({ callbacks: { retry: { initialDelayMs: 10, jitter: 0 } } });
    h.sink.answerWith([400]);
    await send(sinchSmsSend({ msgid: 'no-retry' }));
    await h.waitForSubEvents('callback-attempt', 1, { messageId: 'no-retry' });
    // Drained, a retry that had been scheduled would have had its last attempt now.
    await h.drain();
    expect(h.sink.received).toHaveLength(1);
    const [entry] = h.sim.journal.list({ messageId: 'no-retry' });
    expect(entry!.subEvents.find((s) => s.type === 'callback-attempt')).toMatchObject({
      status: 400,
      verdict: 'give-up',
    });
  });

  it('retries when the gateway is unreachable, and journals the transport error', async () => {
    await start({
      callbackUrl: 'http://127.0.0.1:9/unreachable',
      callbacks: { retry: { maxAttempts: 2, initialDelayMs: 10, jitter: 0 } },
    });
    await send(sinchSmsSend({ msgid: 'unreachable' }));
    await expect
      .poll(
        () =>
          h.sim.journal
            .list({ messageId: 'unreachable' })[0]!
            .subEvents.filter((s) => s.type === 'callback-attempt').length,
      )
      .toBe(2);
    const attempts = h.sim.journal
      .list({ messageId: 'unreachable' })[0]!
      .subEvents.filter((s) => s.type === 'callback-attempt');
    expect(attempts[0]).toMatchObject({
      verdict: 'retry',
      error: expect.stringMatching(/ECONNREFUSED/),
    });
    expect(attempts[1]).toMatchObject({ verdict: 'give-up' });
  });

  it('sends pending DLRs at once when closed with drain', async () => {
    await start({
      providers: { 'sinch-sms': { settings: { dlrDelayMs: { min: 60_000, max: 60_000 } } } },
    });
    await send(sinchSmsSend({ to: '919800000001,919800000002' }));
    expect(h.sink.received).toHaveLength(0);
    const report = await h.drain();
    expect(report).toMatchObject({ flushed: 2, undelivered: 0, unfinished: 0 });
    expect(h.sink.received).toHaveLength(2);
  });
});
