import { afterEach, beforeEach, describe, expect } from 'vitest';
import { deepMerge } from '../../src/config/deep-merge.js';
import type { SimConfigInput } from '../../src/config/sim-config.js';
import { createSimulator, type Simulator } from '../../src/app/create-simulator.js';
import { SchemaRegistry } from '../../src/engine/validation/schema-registry.js';
import { sinchSms } from '../../simulators/sinch-sms/index.js';
import { startCallbackSink, type CallbackSink } from '../support/callback-sink.js';
import { SINCH_SMS_SEND_PATH, sinchSmsSend } from '../support/sinch-sms-fixtures.js';
import { fidelity, type Evidence } from './evidence.js';

const SINCH_PAGE: Evidence = {
  tag: 'documented',
  source: 'https://docs.clevertap.com/docs/sinch-sms',
};
const GENERIC_SMS: Evidence = {
  tag: 'documented',
  source: 'https://docs.clevertap.com/docs/generic-sms',
};

const schemas = new SchemaRegistry();
let sink: CallbackSink;
let sim: Simulator | undefined;
let url: string;

beforeEach(async () => {
  sink = await startCallbackSink();
});
afterEach(async () => {
  await sim?.close({ drain: false });
  sim = undefined;
  await sink.close();
});

async function start(settings: Record<string, unknown> = {}): Promise<void> {
  const base: SimConfigInput = {
    port: 0,
    log: { level: 'silent' },
    callbackUrl: sink.url,
    providers: { 'sinch-sms': { settings: { dlrDelayMs: { min: 1, max: 1 } } } },
  };
  const config = deepMerge(base, { providers: { 'sinch-sms': { settings } } });
  sim = createSimulator(config, [sinchSms], { schemas });
  url = await sim.listen();
}

async function send(body: unknown): Promise<{ status: number; body: any }> {
  const response = await fetch(`${url}${SINCH_SMS_SEND_PATH}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: await response.json() };
}

/** The callback records received once `count` have arrived, each body checked against the schema. */
async function records(count: number): Promise<Record<string, unknown>[]> {
  const all = () =>
    sink.received.flatMap((c) =>
      (c.body as { event: string; data: Record<string, unknown>[] }[]).flatMap((g) =>
        g.data.map((r) => ({ event: g.event, ...r })),
      ),
    );
  while (all().length < count) await sink.waitFor(sink.received.length + 1);
  for (const c of sink.received)
    expect(schemas.validate('sinch-sms/dlr-callback', c.body)).toEqual([]);
  return all();
}

const without = (field: string, overrides: Record<string, unknown> = {}) => {
  const body = sinchSmsSend(overrides);
  delete body[field];
  return body;
};

describe('Sinch SMS fidelity', () => {
  describe.each([
    ['dtm (template id)', without('dtm'), '908'],
    ['dpi (entity id)', without('dpi'), '907'],
    ['a numeric header on a promotional send', sinchSmsSend({ alert: '0', from: 'ACLALT' }), '906'],
    ['both DLT ids', without('dpi', { dtm: undefined }), '919'],
  ])('a domestic send without %s', (_what, body, code) => {
    fidelity(GENERIC_SMS, `is accepted and its DLR fails with ${code}`, async () => {
      await start();
      const answer = await send(JSON.parse(JSON.stringify(body)));
      expect(answer.status).toBe(200);
      expect(answer.body.accepted).toBe(true);
      const [record] = await records(1);
      expect(record).toMatchObject({ event: 'failed', code, meta: body.msgid });
    });
  });

  fidelity(
    {
      tag: 'sim-only',
      reason: 'the refusal (104) is the simulator\'s older default, kept under dlt "strict"',
    },
    'refuses a domestic send without dtm with error 104 under dlt "strict"',
    async () => {
      await start({ dlt: 'strict' });
      const answer = await send(without('dtm'));
      expect(answer.status).toBe(400);
      expect(answer.body.error).toMatchObject({ code: 104, field: '/dtm' });
    },
  );

  fidelity(
    SINCH_PAGE,
    'accepts a send without alert as promotional and journals the default',
    async () => {
      await start();
      const answer = await send(without('alert', { from: '123456' }));
      expect(answer.status).toBe(200);
      const entry = sim!.journal.list()[0]!;
      expect(entry.diagnostics).toContainEqual(
        expect.objectContaining({ pointer: '/alert', severity: 'info' }),
      );
      expect((await records(1))[0]).toMatchObject({ event: 'delivered' });
    },
  );

  fidelity(
    GENERIC_SMS,
    'reports a clicked event with url and shortUrl after the DLR of a shortened send with a link',
    async () => {
      await start({
        clicks: { rate: 1, delayMs: { min: 1, max: 1 }, shortUrlBase: 'https://s.example/' },
      });
      await send(sinchSmsSend({ s: '1', text: 'Track it at https://shop.example.com/t/42.' }));
      const got = await records(2);
      expect(got.map((r) => r.event)).toEqual(['delivered', 'clicked']);
      expect(got[1]).toMatchObject({ url: 'https://shop.example.com/t/42' });
      expect(got[1]!.shortUrl).toMatch(/^https:\/\/s\.example\/[0-9a-z]{7}$/);
    },
  );

  fidelity(GENERIC_SMS, 'reports no click when URL shortening is off', async () => {
    await start({
      clicks: { rate: 1, delayMs: { min: 1, max: 1 }, shortUrlBase: 'https://s.example/' },
    });
    await send(sinchSmsSend({ text: 'Track it at https://shop.example.com/t/42' }));
    await send(sinchSmsSend({ to: '919800000002', s: '1', text: 'no link here' }));
    await records(2);
    await sim!.close({ drain: true });
    expect((await records(2)).map((r) => r.event)).toEqual(['delivered', 'delivered']);
  });

  fidelity(
    {
      tag: 'sim-only',
      reason:
        'Sinch India documents no reply number; an alphanumeric sender id cannot be replied to',
    },
    'reports the configured reply number as toPhone of a reply, not the sender id',
    async () => {
      await start({ replyNumber: '919812345678' });
      await send(sinchSmsSend());
      await records(1);
      const response = await fetch(`${url}/__admin/inbound`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ provider: 'sinch-sms', from: '919800000001', text: 'STOP' }),
      });
      expect(response.status).toBeLessThan(300);
      expect((await records(2))[1]).toMatchObject({ event: 'replied', toPhone: '919812345678' });
    },
  );
});
