import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createSimulator, type Simulator } from '../../src/app/create-simulator.js';
import { ManualClock } from '../../src/engine/clock.js';
import { SchemaRegistry } from '../../src/engine/validation/schema-registry.js';
import { startCallbackSink, type CallbackSink } from '../../test/support/callback-sink.js';
import { sinchConversation } from './index.js';
import { webhookSignature } from './signing.js';

const schemas = new SchemaRegistry();
const BASIC = `Basic ${Buffer.from('sandbox-key:sandbox-secret').toString('base64')}`;
const PROJECT_PATH = '/sinch/us/v1/projects/sandbox-project';
const SECRET = 'events-secret';

let sink: CallbackSink;
let sim: Simulator;

beforeEach(async () => {
  sink = await startCallbackSink();
  sim = createSimulator(
    {
      port: 0,
      log: { level: 'silent' },
      providers: {
        'sinch-conversation': {
          settings: {
            delaysMs: {
              queuedOnChannel: { min: 5, max: 5 },
              delivered: { min: 5, max: 5 },
              read: { min: 5, max: 5 },
            },
          },
        },
      },
    },
    [sinchConversation],
    { schemas },
  );
  await sim.listen();
});

afterEach(async () => {
  await sim.close({ drain: false });
  await sink.close();
});

async function call(method: string, path: string, body?: unknown): Promise<any> {
  const response = await fetch(`${sim.url!}${PROJECT_PATH}${path}`, {
    method,
    headers: { authorization: BASIC, 'content-type': 'application/json' },
    ...(body !== undefined && { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : undefined };
}

/** The callbacks carrying `key`, once `count` of them have arrived. */
async function withKey(key: string, count: number): Promise<any[]> {
  for (let i = 0; i < 300; i++) {
    const found = sink.received.filter((c) => key in (c.body as object));
    if (found.length >= count) return found;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error(`expected ${count} callbacks with ${key}`);
}

describe('Conversation API notification triggers', () => {
  it('fires CONTACT_CREATE, CONVERSATION_START, MESSAGE_SUBMIT, CONTACT_UPDATE/MERGE/DELETE and CONVERSATION_STOP to a subscribed webhook, signed', async () => {
    const hook = await call('POST', '/webhooks', {
      app_id: 'sandbox-app',
      target: sink.url,
      secret: SECRET,
      triggers: [
        'MESSAGE_SUBMIT',
        'CONVERSATION_START',
        'CONVERSATION_STOP',
        'CONTACT_CREATE',
        'CONTACT_DELETE',
        'CONTACT_MERGE',
        'CONTACT_UPDATE',
      ],
    });
    expect(hook.status).toBe(200);
    const sent = await call('POST', '/messages:send', {
      app_id: 'sandbox-app',
      recipient: { identified_by: { channel_identities: [{ channel: 'RCS', identity: '4670' }] } },
      message: { text_message: { text: 'hi' } },
    });
    expect(sent.status).toBe(200);
    const [created] = await withKey('contact_create_notification', 1);
    const [started] = await withKey('conversation_start_notification', 1);
    const [submitted] = await withKey('message_submit_notification', 1);
    expect(submitted.body.message_submit_notification).toMatchObject({
      message_id: sent.body.message_id,
      submitted_message: { text_message: { text: 'hi' } },
    });
    const contactId = created.body.contact_create_notification.contact.id as string;
    const conversationId = started.body.conversation_start_notification.conversation.id as string;
    expect(started.body.conversation_start_notification.conversation.contact_id).toBe(contactId);
    expect((await call('PATCH', `/contacts/${contactId}`, { display_name: 'A' })).status).toBe(200);
    const other = await call('POST', '/contacts', {
      channel_identities: [{ channel: 'WHATSAPP', identity: '4671' }],
      language: 'EN_US',
    });
    expect(
      (await call('POST', `/contacts/${contactId}:merge`, { source_id: other.body.id })).status,
    ).toBe(200);
    expect((await call('POST', `/conversations/${conversationId}:stop`)).status).toBe(200);
    expect((await call('DELETE', `/contacts/${contactId}`)).status).toBe(200);
    const [merge] = await withKey('contact_merge_notification', 1);
    expect(merge.body.contact_merge_notification.deleted_contact.id).toBe(other.body.id);
    await withKey('contact_update_notification', 1);
    await withKey('conversation_stop_notification', 1);
    await withKey('contact_delete_notification', 1);
    for (const callback of sink.received) {
      expect(callback.body).not.toHaveProperty('trigger');
      const nonce = callback.headers['x-sinch-webhook-signature-nonce'] as string;
      const timestamp = callback.headers['x-sinch-webhook-signature-timestamp'] as string;
      expect(callback.headers['x-sinch-webhook-signature']).toBe(
        webhookSignature(SECRET, callback.raw, nonce, timestamp),
      );
      if ('message_delivery_report' in (callback.body as object)) continue;
      expect(schemas.validate('sinch-conversation/notification-callback', callback.body)).toEqual(
        [],
      );
    }
  });

  it('answers a bad page_token with 400 INVALID_ARGUMENT', async () => {
    const answer = await call('GET', '/messages?page_token=bogus');
    expect(answer.status).toBe(400);
    expect(answer.body.error.status).toBe('INVALID_ARGUMENT');
  });
});

describe('what the Conversation API keeps', () => {
  it('keeps a webhook and a contact created through the API for days, past the 24-hour state TTL', async () => {
    const clock = new ManualClock();
    const kept = createSimulator(
      { port: 0, log: { level: 'silent' }, state: { ttlMs: 1000 } },
      [sinchConversation],
      { schemas, clock },
    );
    await kept.listen();
    const at = async (method: string, path: string, body?: unknown): Promise<any> => {
      const response = await fetch(`${kept.url!}${PROJECT_PATH}${path}`, {
        method,
        headers: { authorization: BASIC, 'content-type': 'application/json' },
        ...(body !== undefined && { body: JSON.stringify(body) }),
      });
      return { status: response.status, body: await response.json() };
    };
    try {
      const hook = await at('POST', '/webhooks', {
        app_id: 'sandbox-app',
        target: sink.url,
        triggers: ['MESSAGE_DELIVERY'],
      });
      const contact = await at('POST', '/contacts', {
        channel_identities: [{ channel: 'WHATSAPP', identity: '46700000777' }],
        language: 'EN_US',
      });
      expect([hook.status, contact.status]).toEqual([200, 200]);
      clock.advance(3 * 24 * 3600 * 1000);
      expect((await at('GET', `/webhooks/${hook.body.id}`)).status).toBe(200);
      expect((await at('GET', `/contacts/${contact.body.id}`)).body.id).toBe(contact.body.id);
    } finally {
      await kept.close({ drain: false });
    }
  });
});
