import { afterEach, beforeEach, describe, expect } from 'vitest';
import { fidelity as tagged, type Evidence as Tag } from './evidence.js';
import { deepMerge } from '../../src/config/deep-merge.js';
import type { SimConfigInput } from '../../src/config/sim-config.js';
import { ManualClock } from '../../src/engine/clock.js';
import { createSimulator, type Simulator } from '../../src/app/create-simulator.js';
import { SchemaRegistry } from '../../src/engine/validation/schema-registry.js';
import { sinchConversation } from '../../simulators/sinch-conversation/index.js';
import { startCallbackSink, type CallbackSink } from '../support/callback-sink.js';

/**
 * Fidelity of the Conversation API simulator: each case says where its expectation comes from
 * (`documented` with the source, `sdk` for the official Node SDK's models, `sim-only` for a
 * choice the sources leave open).
 */

type Evidence = `documented ${string}` | 'sdk' | 'sim-only';

/** The shared evidence tag for this file's short form. */
function tagOf(evidence: Evidence): Tag {
  if (evidence === 'sdk')
    return { tag: 'sdk', source: '@sinch/sdk-core 1.4.0 packages/conversation models' };
  if (evidence === 'sim-only')
    return { tag: 'sim-only', reason: 'the sources leave this choice open' };
  return { tag: 'documented', source: evidence.slice('documented '.length) };
}

/** A case with its one evidence tag, registered through the shared fidelity helper. */
const fidelity = (name: string, evidence: Evidence, fn: () => Promise<void>) =>
  tagged(tagOf(evidence), name, fn);

const WINDOW_DOC = 'https://developers.facebook.com/docs/whatsapp/pricing#customer-service-windows';
const CALLBACKS_DOC = 'https://developers.sinch.com/docs/conversation/callbacks';

const schemas = new SchemaRegistry();
const BASIC = `Basic ${Buffer.from('sandbox-key:sandbox-secret').toString('base64')}`;
const DAY_MS = 24 * 60 * 60 * 1000;

let sink: CallbackSink;
let sim: Simulator;
let clock: ManualClock;

async function start(settings: Record<string, unknown> = {}): Promise<void> {
  clock = new ManualClock();
  const config: SimConfigInput = {
    port: 0,
    log: { level: 'silent' },
    callbackUrl: sink.url,
    providers: {
      'sinch-conversation': {
        settings: deepMerge(
          {
            delaysMs: {
              queuedOnChannel: { min: 5, max: 5 },
              delivered: { min: 5, max: 5 },
              read: { min: 5, max: 5 },
            },
          },
          settings,
        ),
      },
    },
  };
  sim = createSimulator(config, [sinchConversation], { schemas, clock });
  await sim.listen();
}

beforeEach(async () => {
  sink = await startCallbackSink();
});

afterEach(async () => {
  await sim.close({ drain: false });
  await sink.close();
});

async function send(body: Record<string, unknown>): Promise<{ status: number; body: any }> {
  const response = await fetch(`${sim.url!}/sinch/us/v1/projects/sandbox-project/messages:send`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: BASIC },
    body: JSON.stringify({ app_id: 'sandbox-app', ...body }),
  });
  return { status: response.status, body: await response.json() };
}

const whatsapp = (identity: string) => ({
  identified_by: { channel_identities: [{ channel: 'WHATSAPP', identity }] },
});
const text = (identity: string) => ({
  recipient: whatsapp(identity),
  message: { text_message: { text: 'Your order has shipped' } },
});

/** The delivery reports about `messageId` once time has moved on far enough for all of them. */
async function reportsOf(messageId: string, count: number): Promise<any[]> {
  clock.advance(1000);
  for (let i = 0; i < 200; i++) {
    const found = sink.received
      .map((c) => (c.body as any).message_delivery_report)
      .filter((r) => r?.message_id === messageId);
    if (found.length >= count) return found;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error(`expected ${count} reports for ${messageId}`);
}

describe('the WhatsApp 24-hour customer-service window', () => {
  fidelity(
    'accepts a freeform WhatsApp text to a contact who never wrote, then fails it with OUTSIDE_ALLOWED_SENDING_WINDOW',
    `documented ${WINDOW_DOC}`,
    async () => {
      await start();
      const answer = await send(text('46700000001'));
      expect(answer.status).toBe(200);
      const reports = await reportsOf(answer.body.message_id, 2);
      expect(reports.map((r) => r.status)).toEqual(['QUEUED_ON_CHANNEL', 'FAILED']);
      expect(reports[1].reason.code).toBe('OUTSIDE_ALLOWED_SENDING_WINDOW');
      for (const c of sink.received) {
        expect(schemas.validate('sinch-conversation/message-delivery-callback', c.body)).toEqual(
          [],
        );
      }
    },
  );

  fidelity(
    'delivers freeform text within 24 h of the contact writing, and fails it once the window has closed',
    `documented ${WINDOW_DOC}`,
    async () => {
      await start();
      expect(
        sim.inbound({ provider: 'sinch-conversation', from: '46700000002', text: 'hi' }).ok,
      ).toBe(true);
      const inside = await send(text('+46700000002'));
      expect((await reportsOf(inside.body.message_id, 2)).map((r) => r.status)).toEqual([
        'QUEUED_ON_CHANNEL',
        'DELIVERED',
      ]);
      clock.advance(DAY_MS);
      const after = await send(text('46700000002'));
      const reports = await reportsOf(after.body.message_id, 2);
      expect(reports.at(-1)).toMatchObject({
        status: 'FAILED',
        reason: { code: 'OUTSIDE_ALLOWED_SENDING_WINDOW' },
      });
    },
  );

  fidelity(
    'delivers a WhatsApp template to a contact who never wrote',
    `documented ${WINDOW_DOC}`,
    async () => {
      await start();
      const answer = await send({
        recipient: whatsapp('46700000003'),
        message: {
          template_message: {
            channel_template: {
              WHATSAPP: {
                template_id: 'generic_notice',
                language_code: 'en_US',
                parameters: { 'body[1]text': 'Asha' },
              },
            },
          },
        },
      });
      expect((await reportsOf(answer.body.message_id, 2)).map((r) => r.status)).toEqual([
        'QUEUED_ON_CHANNEL',
        'DELIVERED',
      ]);
    },
  );

  fidelity(
    'falls back to the next channel when WhatsApp refuses freeform text outside the window',
    `documented ${CALLBACKS_DOC}`,
    async () => {
      await start();
      const answer = await send({
        recipient: {
          identified_by: {
            channel_identities: [
              { channel: 'WHATSAPP', identity: '46700000004' },
              { channel: 'RCS', identity: '46700000004' },
            ],
          },
        },
        message: { text_message: { text: 'Hello' } },
      });
      const reports = await reportsOf(answer.body.message_id, 4);
      expect(reports.map((r) => [r.status, r.channel_identity.channel])).toEqual([
        ['QUEUED_ON_CHANNEL', 'WHATSAPP'],
        ['SWITCHING_CHANNEL', 'WHATSAPP'],
        ['QUEUED_ON_CHANNEL', 'RCS'],
        ['DELIVERED', 'RCS'],
      ]);
    },
  );

  fidelity(
    'delivers freeform text to anyone with settings.whatsappWindow off',
    'sim-only',
    async () => {
      await start({ whatsappWindow: 'off' });
      const answer = await send(text('46700000005'));
      expect((await reportsOf(answer.body.message_id, 2)).map((r) => r.status)).toEqual([
        'QUEUED_ON_CHANNEL',
        'DELIVERED',
      ]);
    },
  );
});

/** The fields a 400 names in its `google.rpc.BadRequest` details. */
const violations = (body: any): string[] =>
  (body.error.details as any[]).flatMap((d) =>
    (d.field_violations ?? []).map((v: { field: string }) => v.field),
  );

describe('first-stage validation of messages:send', () => {
  fidelity(
    'names the choices array when a choice message has 11 choices',
    `documented ${CALLBACKS_DOC}`,
    async () => {
      await start();
      const choices = Array.from({ length: 11 }, (_, i) => ({ text_message: { text: `c${i}` } }));
      const answer = await send({
        recipient: whatsapp('46700000001'),
        message: { choice_message: { text_message: { text: 'Pick one' }, choices } },
      });
      expect(answer.status).toBe(400);
      expect(answer.body.error.status).toBe('INVALID_ARGUMENT');
      expect(violations(answer.body)).toEqual(['message.choice_message.choices']);
      expect(answer.body.error.message).toContain('10');
    },
  );

  fidelity(
    'names the channel enum when a channel identity names an unknown channel',
    `documented ${CALLBACKS_DOC}`,
    async () => {
      await start();
      const answer = await send({
        recipient: { identified_by: { channel_identities: [{ channel: 'FAX', identity: '1' }] } },
        message: { text_message: { text: 'hi' } },
      });
      expect(answer.status).toBe(400);
      expect(violations(answer.body)).toEqual([
        'recipient.identified_by.channel_identities[0].channel',
      ]);
    },
  );

  fidelity(
    // 5,000 choices stay under limits.maxJsonValues (20,000), so the schema's size limit answers.
    'refuses a list of 5,000 choices by its size, with one field violation',
    'sim-only',
    async () => {
      await start();
      const choices = Array.from({ length: 5_000 }, () => ({ text_message: { text: 'x' } }));
      const answer = await send({
        recipient: whatsapp('46700000001'),
        message: { choice_message: { choices } },
      });
      expect(answer.status).toBe(400);
      expect(violations(answer.body)).toEqual(['message.choice_message.choices']);
      const entry = sim.journal.list({ route: 'send' }).at(-1)!;
      expect(entry.diagnostics.length).toBeLessThanOrEqual(10);
    },
  );

  fidelity('accepts a WhatsApp flow as a channel_specific_message', 'sdk', async () => {
    await start();
    sim.inbound({ provider: 'sinch-conversation', from: '46700000001', text: 'hi' });
    const answer = await send({
      recipient: whatsapp('46700000001'),
      message: {
        channel_specific_message: {
          WHATSAPP: {
            message_type: 'FLOWS',
            message: {
              flow_id: '1234567890',
              flow_cta: 'Book now',
              flow_mode: 'published',
              flow_action: 'navigate',
              flow_action_payload: { screen: 'WELCOME' },
              body: { text: 'Book your appointment' },
            },
          },
        },
      },
    });
    expect(answer.status, JSON.stringify(answer.body)).toBe(200);
    expect((await reportsOf(answer.body.message_id, 2)).map((r) => r.status)).toEqual([
      'QUEUED_ON_CHANNEL',
      'DELIVERED',
    ]);
  });

  fidelity('names the flow field a WhatsApp flow lacks', 'sdk', async () => {
    await start();
    const answer = await send({
      recipient: whatsapp('46700000001'),
      message: {
        channel_specific_message: {
          WHATSAPP: { message_type: 'FLOWS', message: { flow_id: '1' } },
        },
      },
    });
    expect(answer.status).toBe(400);
    expect(violations(answer.body)).toEqual([
      'message.channel_specific_message.WHATSAPP.message.flow_cta',
    ]);
  });
});

describe('delivery reports', () => {
  fidelity(
    'writes a WhatsApp identity with a + in delivery reports, as the samples do',
    `documented ${CALLBACKS_DOC}`,
    async () => {
      await start({ whatsappWindow: 'off' });
      const answer = await send(text('46700000001'));
      const reports = await reportsOf(answer.body.message_id, 2);
      expect(reports.map((r) => r.channel_identity)).toEqual([
        { channel: 'WHATSAPP', identity: '+46700000001', app_id: '' },
        { channel: 'WHATSAPP', identity: '+46700000001', app_id: '' },
      ]);
    },
  );

  fidelity(
    'reports CONTACT_NOT_FOUND without inventing a channel identity',
    `documented ${CALLBACKS_DOC}`,
    async () => {
      await start();
      const answer = await send({
        recipient: { contact_id: 'NO-SUCH-CONTACT' },
        message: { text_message: { text: 'hi' } },
      });
      expect(answer.status).toBe(200);
      const [report] = await reportsOf(answer.body.message_id, 1);
      expect(report).toMatchObject({ status: 'FAILED', reason: { code: 'CONTACT_NOT_FOUND' } });
      expect(report).not.toHaveProperty('channel_identity');
      expect(
        schemas.validate('sinch-conversation/message-delivery-callback', sink.received[0]!.body),
      ).toEqual([]);
    },
  );
});
