import { beforeEach, describe, expect, it } from 'vitest';
import { SchemaRegistry } from '../../src/engine/validation/schema-registry.js';
import { sendSinchSms } from '../../test/support/provider-sends.js';
import { useSimHarness } from '../../test/support/sim-harness.js';
import { sinchSmsSend } from '../../test/support/sinch-sms-fixtures.js';
import { sinchSms } from './index.js';

const schemas = new SchemaRegistry();
const h = useSimHarness({
  providers: [sinchSms],
  schemas,
  config: (sink) => ({
    providers: {
      'sinch-sms': {
        callbacks: { inbound: sink.url },
        settings: { dlrDelayMs: { min: 60_000, max: 60_000 } },
      },
    },
  }),
});

const inbound = (body: Record<string, unknown>) => h.inbound(body);

beforeEach(() => h.start());

describe('Sinch SMS replies', () => {
  it('reports a reply as a CleverTap replied event pointing at the latest msgid sent to that number', async () => {
    await sendSinchSms(h, sinchSmsSend({ to: '919800000001', msgid: 'sent-1.', from: 'ACLALT' }));
    const response = await inbound({ provider: 'sinch-sms', from: '+919800000001', text: 'STOP' });
    expect(response.status).toBe(202);
    expect(response.body).toMatchObject({
      ok: true,
      provider: 'sinch-sms',
      targets: { inbound: [h.sink.url] },
    });
    const [callback] = await h.sink.waitFor(1);
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
      .poll(() => h.sim.journal.list({ route: 'inbound' })[0]!.subEvents.map((s) => s.type))
      .toEqual(['status', 'callback-attempt']);
  });

  it('takes an explicit msgid to reply to', async () => {
    expect(
      (await inbound({ provider: 'sinch-sms', from: '919800000002', text: 'yes', replyTo: 'm-9.' }))
        .status,
    ).toBe(202);
    const [callback] = await h.sink.waitFor(1);
    expect((callback!.body as [{ data: [{ meta: string }] }])[0].data[0].meta).toBe('m-9.');
  });

  it('explains what is wrong with bad inbound input, naming the field', async () => {
    const noSend = await inbound({ provider: 'sinch-sms', from: '919800000003', text: 'hi' });
    expect(noSend.status).toBe(400);
    expect(noSend.body).toEqual({
      errors: [
        expect.objectContaining({
          pointer: '/replyTo',
          detail: expect.stringContaining('nothing to reply to'),
        }),
      ],
    });
    const badField = await inbound({ provider: 'sinch-sms', from: 'abc', text: '' });
    const { errors } = badField.body as { errors: { pointer: string }[] };
    expect(errors.map((e) => e.pointer).sort()).toEqual(['/from', '/text']);
    const badProvider = await inbound({ provider: 'nope', from: '1' });
    expect((badProvider.body as { errors: { detail: string }[] }).errors[0]!.detail).toBe(
      'provider must be one of sinch-sms, got "nope"',
    );
  });
});
