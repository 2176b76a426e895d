import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createSimulator, type Simulator } from '../../src/engine/create-simulator.js';
import { SchemaRegistry } from '../../src/engine/validation/schema-registry.js';
import { startCallbackSink, type CallbackSink } from '../../test/support/callback-sink.js';
import { SINCH_SMS_SEND_PATH, sinchSmsSend } from '../../test/support/sinch-sms-fixtures.js';
import { sinchSms } from './index.js';

const schemas = new SchemaRegistry();
let sim: Simulator;
let sink: CallbackSink;
let url: string;

const inbound = (body: unknown) =>
  fetch(`${url}/__admin/inbound`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });

beforeEach(async () => {
  sink = await startCallbackSink();
  sim = createSimulator(
    {
      port: 0,
      log: { level: 'silent' },
      providers: {
        'sinch-sms': {
          callbacks: { inbound: sink.url },
          settings: { dlrDelayMs: { min: 60_000, max: 60_000 } },
        },
      },
    },
    [sinchSms],
    { schemas },
  );
  url = await sim.listen();
});
afterEach(async () => {
  await sim.close({ drain: false });
  await sink.close();
});

describe('Sinch SMS replies', () => {
  it('reports a reply as a CleverTap replied event pointing at the latest msgid sent to that number', async () => {
    await fetch(`${url}${SINCH_SMS_SEND_PATH}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(sinchSmsSend({ to: '919800000001', msgid: 'sent-1.', from: 'ACLALT' })),
    });
    const response = await inbound({ provider: 'sinch-sms', from: '+919800000001', text: 'STOP' });
    expect(response.status).toBe(202);
    expect(await response.json()).toMatchObject({
      ok: true,
      provider: 'sinch-sms',
      targets: { inbound: [sink.url] },
    });
    const [callback] = await sink.waitFor(1);
    expect(schemas.validate('sinch-sms/dlr-callback', callback!.body)).toEqual([]);
    expect(callback!.body).toEqual([
      {
        event: 'replied',
        data: [
          {
            ts: expect.any(Number),
            meta: 'sent-1.',
            toPhone: '919800000098',
            incomingText: 'STOP',
          },
        ],
      },
    ]);
    await expect
      .poll(() => sim.journal.list({ route: 'inbound' })[0]!.subEvents.map((s) => s.type))
      .toEqual(['status', 'callback-attempt']);
  });

  it('takes an explicit msgid to reply to', async () => {
    expect(
      (await inbound({ provider: 'sinch-sms', from: '919800000002', text: 'yes', replyTo: 'm-9.' }))
        .status,
    ).toBe(202);
    const [callback] = await sink.waitFor(1);
    expect((callback!.body as [{ data: [{ meta: string }] }])[0].data[0].meta).toBe('m-9.');
  });

  it('explains what is wrong with bad inbound input, naming the field', async () => {
    const noSend = await inbound({ provider: 'sinch-sms', from: '919800000003', text: 'hi' });
    expect(noSend.status).toBe(400);
    expect(await noSend.json()).toEqual({
      errors: [
        expect.objectContaining({
          pointer: '/replyTo',
          detail: expect.stringContaining('nothing to reply to'),
        }),
      ],
    });
    const badField = await inbound({ provider: 'sinch-sms', from: 'abc', text: '' });
    const { errors } = (await badField.json()) as { errors: { pointer: string }[] };
    expect(errors.map((e) => e.pointer).sort()).toEqual(['/from', '/text']);
    const badProvider = await inbound({ provider: 'nope', from: '1' });
    expect(((await badProvider.json()) as { errors: { detail: string }[] }).errors[0]!.detail).toBe(
      'provider must be one of sinch-sms, got "nope"',
    );
  });
});
