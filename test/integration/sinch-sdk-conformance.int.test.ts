import {
  ConversationCallbackWebhooks,
  SinchClient,
  type ConversationService,
} from '@sinch/sdk-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sinchConversation } from '../../simulators/sinch-conversation/index.js';
import { systemClock, type Clock } from '../../src/engine/clock.js';
import { createSimulator, type Simulator } from '../../src/app/create-simulator.js';
import { SchemaRegistry } from '../../src/engine/validation/schema-registry.js';
import {
  startCallbackSink,
  type CallbackSink,
  type ReceivedCallback,
} from '../support/callback-sink.js';

/**
 * The official Sinch Node SDK (@sinch/sdk-core, which nobody here wrote) against the simulator,
 * changed only in its host options: it must get a token, send, survive a token expiry, and accept
 * the simulator's signed callbacks with its own webhook helpers.
 */

const schemas = new SchemaRegistry();
const PROJECT = 'sandbox-project';
const APP = 'sandbox-app';
const WEBHOOK_SECRET = 'sdk-webhook-secret';

/** Wall-clock time that a test can move forward, so tokens expire for the simulator and not for the SDK. */
let shiftMs = 0;
const shiftedClock: Clock = {
  now: () => Date.now() + shiftMs,
  setTimer: (ms, fn) => systemClock.setTimer(ms, fn),
};

let sim: Simulator;
let sink: CallbackSink;
let conversation: ConversationService;

beforeAll(async () => {
  sink = await startCallbackSink();
  sim = createSimulator(
    {
      port: 0,
      log: { level: 'silent' },
      providers: {
        'sinch-conversation': {
          settings: {
            delaysMs: {
              queuedOnChannel: { min: 5, max: 10 },
              delivered: { min: 5, max: 10 },
              read: { min: 5, max: 10 },
            },
          },
        },
      },
    },
    [sinchConversation],
    { schemas, clock: shiftedClock },
  );
  const url = await sim.listen();
  const client = new SinchClient({
    projectId: PROJECT,
    keyId: 'sandbox-key',
    keySecret: 'sandbox-secret',
    authHostname: `${url}/sinch/auth`,
    conversationHostname: `${url}/sinch/us`,
    conversationTemplatesHostname: `${url}/sinch/templates/us`,
    conversationRegion: 'us',
  });
  conversation = client.conversation;
});

afterAll(async () => {
  await sim.close({ drain: false });
  await sink.close();
});

const whatsapp = (identity: string) => ({
  identified_by: { channel_identities: [{ channel: 'WHATSAPP' as const, identity }] },
});

/** Waits until the sink holds `count` MESSAGE_INBOUND callbacks, and returns them in arrival order. */
async function inboundCallbacks(count: number): Promise<ReceivedCallback[]> {
  for (let i = 0; i < 200; i++) {
    const found = sink.received.filter((c) => 'message' in (c.body as object));
    if (found.length >= count) return found;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error(`expected ${count} inbound callbacks`);
}

/** The QUEUED_ON_CHANNEL report of the send with correlation id `correlationId`. */
const queuedReport = (callbacks: ReceivedCallback[], correlationId: string): ReceivedCallback => {
  const found = callbacks.find((c) => {
    const body = c.body as {
      correlation_id?: string;
      message_delivery_report?: { status?: string };
    };
    return (
      body.correlation_id === correlationId &&
      body.message_delivery_report?.status === 'QUEUED_ON_CHANNEL'
    );
  });
  if (!found) throw new Error(`no QUEUED_ON_CHANNEL report for ${correlationId}`);
  return found;
};

const sendRequests = () => sim.journal.list({ route: 'send' }).map((e) => e.response?.status);

describe('the official Sinch Node SDK against the simulator', () => {
  it('registers a signed webhook through the SDK', async () => {
    const webhook = await conversation.webhooks.create({
      webhookCreateRequestBody: {
        app_id: APP,
        target: sink.url,
        triggers: ['MESSAGE_DELIVERY', 'MESSAGE_INBOUND'],
        secret: WEBHOOK_SECRET,
      },
    });
    expect(webhook).toMatchObject({ app_id: APP, target: sink.url, secret: WEBHOOK_SECRET });
    const listed = await conversation.webhooks.list({ app_id: APP });
    expect(listed.webhooks?.map((w) => w.id)).toContain(webhook.id);
    expect(sim.journal.list({ route: 'token' })).toHaveLength(1);
  });

  it('sends a WhatsApp text and gets a message id and accepted time', async () => {
    const answer = await conversation.messages.sendTextMessage({
      sendMessageRequestBody: {
        app_id: APP,
        recipient: whatsapp('46700000001'),
        message: { text_message: { text: 'Your order has shipped' } },
        message_metadata: 'br-campaign-1',
        correlation_id: 'corr-1',
      },
    });
    expect(answer.message_id).toMatch(/^[0-9A-HJKMNP-TV-Z]{26}$/);
    expect(answer.accepted_time).toBeInstanceOf(Date);
  });

  it('sends an approved WhatsApp template with its parameters', async () => {
    const answer = await conversation.messages.sendTemplateMessage({
      sendMessageRequestBody: {
        app_id: APP,
        recipient: whatsapp('46700000002'),
        message: {
          template_message: {
            channel_template: {
              WHATSAPP: {
                template_id: 'order_shipped',
                language_code: 'en_US',
                parameters: { 'body[1]text': 'Asha', 'body[2]text': '42' },
              },
            },
          },
        },
      },
    });
    expect(answer.message_id).toBeDefined();
  });

  it('sends an RCS card message', async () => {
    const answer = await conversation.messages.sendCardMessage({
      sendMessageRequestBody: {
        app_id: APP,
        recipient: {
          identified_by: { channel_identities: [{ channel: 'RCS', identity: '46700000003' }] },
        },
        message: {
          card_message: {
            title: 'Spring sale',
            description: 'Up to 50% off',
            media_message: { url: 'https://example.com/sale.png' },
            choices: [{ text_message: { text: 'Shop now' }, postback_data: 'shop' }],
          },
        },
        ttl: 86400,
      },
    });
    expect(answer.message_id).toBeDefined();
    const entry = sim.journal.list({ route: 'send' }).at(-1)!;
    expect((entry.request.body as { ttl: string }).ttl).toBe('86400s');
  });

  it('every request the SDK sent satisfies the send schema', () => {
    const sends = sim.journal.list({ route: 'send' });
    expect(sends).toHaveLength(3);
    for (const entry of sends) {
      expect(entry.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
      expect(
        schemas.validate('sinch-conversation/send-message-request', entry.request.body),
      ).toEqual([]);
    }
  });

  it('refreshes its token after a 401 whose WWW-Authenticate says expired, and the send succeeds', async () => {
    const tokensBefore = sim.journal.list({ route: 'token' }).length;
    shiftMs += 3601 * 1000;
    const answer = await conversation.messages.sendTextMessage({
      sendMessageRequestBody: {
        app_id: APP,
        recipient: whatsapp('46700000004'),
        message: { text_message: { text: 'After expiry' } },
      },
    });
    expect(answer.message_id).toBeDefined();
    expect(sim.journal.list({ route: 'token' })).toHaveLength(tokensBefore + 1);
    expect(sendRequests().slice(-2)).toEqual([401, 200]);
  });

  it("validates the simulator's signed delivery reports with its own helper and parses them", async () => {
    const callbacks = await sink.waitFor(8);
    const webhooks = new ConversationCallbackWebhooks(WEBHOOK_SECRET);
    for (const callback of callbacks) {
      expect(
        webhooks.validateAuthenticationHeader(callback.headers, callback.raw, '/', 'POST'),
      ).toBe(true);
      const event = webhooks.parseEvent(callback.raw);
      expect(event.trigger).toBe('MESSAGE_DELIVERY');
      expect(
        schemas.validate('sinch-conversation/message-delivery-callback', callback.body),
      ).toEqual([]);
    }
    const first = webhooks.parseEvent(queuedReport(callbacks, 'corr-1').raw) as {
      correlation_id?: string;
      message_delivery_report?: { status?: string; metadata?: string };
    };
    expect(first).toMatchObject({
      correlation_id: 'corr-1',
      message_delivery_report: { status: 'QUEUED_ON_CHANNEL', metadata: 'br-campaign-1' },
    });
  });

  it('refuses a tampered body, a tampered signature and the wrong secret with its own helper', async () => {
    const callback = queuedReport(await sink.waitFor(8), 'corr-1');
    const webhooks = new ConversationCallbackWebhooks(WEBHOOK_SECRET);
    const tamperedBody = callback.raw.replace('QUEUED_ON_CHANNEL', 'DELIVERED');
    expect(tamperedBody).not.toBe(callback.raw);
    expect(webhooks.validateAuthenticationHeader(callback.headers, tamperedBody, '/', 'POST')).toBe(
      false,
    );
    const signature = callback.headers['x-sinch-webhook-signature'] as string;
    const tamperedHeaders = {
      ...callback.headers,
      'x-sinch-webhook-signature': `${signature[0] === 'A' ? 'B' : 'A'}${signature.slice(1)}`,
    };
    expect(webhooks.validateAuthenticationHeader(tamperedHeaders, callback.raw, '/', 'POST')).toBe(
      false,
    );
    expect(
      new ConversationCallbackWebhooks('other-secret').validateAuthenticationHeader(
        callback.headers,
        callback.raw,
        '/',
        'POST',
      ),
    ).toBe(false);
  });

  it('validates and parses an inbound message, a choice response and a location', async () => {
    expect(
      sim.inbound({ provider: 'sinch-conversation', from: '46700000001', text: 'STOP' }).ok,
    ).toBe(true);
    expect(
      sim.inbound({ provider: 'sinch-conversation', from: '46700000003', choice: {} }).ok,
    ).toBe(true);
    expect(
      sim.inbound({
        provider: 'sinch-conversation',
        from: '46700000002',
        location: { latitude: 59.33, longitude: 18.06, title: 'Office' },
      }).ok,
    ).toBe(true);
    const callbacks = await inboundCallbacks(3);
    const webhooks = new ConversationCallbackWebhooks(WEBHOOK_SECRET);
    const parsed = callbacks.map((c) => {
      expect(webhooks.validateAuthenticationHeader(c.headers, c.raw, '/', 'POST')).toBe(true);
      expect(schemas.validate('sinch-conversation/message-inbound-callback', c.body)).toEqual([]);
      return webhooks.parseEvent(c.raw) as {
        trigger: string;
        message?: { contact_message?: Record<string, unknown> };
      };
    });
    expect(parsed.map((p) => p.trigger)).toEqual([
      'MESSAGE_INBOUND',
      'MESSAGE_INBOUND',
      'MESSAGE_INBOUND',
    ]);
    expect(parsed[0]!.message?.contact_message).toEqual({ text_message: { text: 'STOP' } });
    expect(parsed[1]!.message?.contact_message?.choice_response_message).toMatchObject({
      postback_data: 'shop',
    });
    expect(parsed[2]!.message?.contact_message?.location_message).toMatchObject({
      title: 'Office',
    });
  });
});

describe('the rest of the Conversation API through the official SDK', () => {
  it('gets and lists a sent message, pages with page_size, updates and deletes it', async () => {
    const sent = await conversation.messages.sendTextMessage({
      sendMessageRequestBody: {
        app_id: APP,
        recipient: whatsapp('46700000021'),
        message: { text_message: { text: 'Listed' } },
        message_metadata: 'meta-21',
      },
    });
    const got = await conversation.messages.get({ message_id: sent.message_id! });
    expect(got).toMatchObject({
      id: sent.message_id,
      direction: 'TO_CONTACT',
      app_message: { text_message: { text: 'Listed' } },
      metadata: 'meta-21',
    });
    const first = await conversation.messages.list({ page_size: 2 });
    expect(first.data).toHaveLength(2);
    expect(first.data[0]!.id).toBe(sent.message_id);
    expect(first.hasNextPage).toBe(true);
    const second = await first.nextPage();
    expect(second.data.map((m) => m.id)).not.toContain(sent.message_id);
    const ids: string[] = [];
    for await (const message of conversation.messages.list({ page_size: 3 })) ids.push(message.id!);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toContain(sent.message_id);
    const updated = await conversation.messages.update({
      message_id: sent.message_id!,
      updateMessageRequestBody: { metadata: 'changed' },
    });
    expect(updated.metadata).toBe('changed');
    await conversation.messages.delete({ message_id: sent.message_id! });
    await expect(conversation.messages.get({ message_id: sent.message_id! })).rejects.toThrow();
  });

  it('fetches the last message per channel identity', async () => {
    const page = await conversation.messages.listLastMessagesByChannelIdentity({
      listLastMessagesByChannelIdentityRequestBody: { channel_identities: ['46700000002'] },
    });
    expect(page.data).toHaveLength(1);
    expect(page.data[0]!.channel_identity?.identity).toBe('46700000002');
  });

  it('creates a contact that inbound messages then attach to, updates, merges and deletes contacts', async () => {
    const contact = await conversation.contact.create({
      contactCreateRequestBody: {
        channel_identities: [{ channel: 'WHATSAPP', identity: '46700000031' }],
        language: 'EN_US',
        display_name: 'Asha',
      },
    });
    expect(contact.id).toBeDefined();
    expect(
      sim.inbound({ provider: 'sinch-conversation', from: '46700000031', text: 'hello' }).ok,
    ).toBe(true);
    const inbound = await conversation.messages.list({ contact_id: contact.id!, page_size: 5 });
    expect(inbound.data.map((m) => m.direction)).toEqual(['TO_APP']);
    expect((await conversation.contact.get({ contact_id: contact.id! })).display_name).toBe('Asha');
    const listed = await conversation.contact.list({
      identity: '46700000031',
      channel: 'WHATSAPP',
    });
    expect(listed.data.map((c) => c.id)).toEqual([contact.id]);
    const updated = await conversation.contact.update({
      contact_id: contact.id!,
      updateContactRequestBody: { display_name: 'Asha K' },
    });
    expect(updated.display_name).toBe('Asha K');
    const other = await conversation.contact.create({
      contactCreateRequestBody: {
        channel_identities: [{ channel: 'RCS', identity: '46700000032' }],
        language: 'EN_US',
      },
    });
    const merged = await conversation.contact.mergeContact({
      destination_id: contact.id!,
      mergeContactRequestBody: { source_id: other.id! },
    });
    expect(merged.channel_identities?.map((c) => c.channel)).toEqual(['WHATSAPP', 'RCS']);
    await expect(conversation.contact.get({ contact_id: other.id! })).rejects.toThrow();
    await conversation.contact.delete({ contact_id: contact.id! });
    await expect(conversation.contact.get({ contact_id: contact.id! })).rejects.toThrow();
  });

  it('lists and gets apps, lists, gets and stops conversations', async () => {
    const apps = await conversation.app.list({});
    expect(apps.apps?.map((a) => a.id)).toEqual([APP]);
    expect((await conversation.app.get({ app_id: APP })).processing_mode).toBe('CONVERSATION');
    const conversations = await conversation.conversation.list({ app_id: APP, page_size: 2 });
    expect(conversations.data.length).toBeGreaterThan(0);
    const one = conversations.data[0]!;
    expect((await conversation.conversation.get({ conversation_id: one.id! })).active).toBe(true);
    await conversation.conversation.stopActive({ conversation_id: one.id! });
    expect((await conversation.conversation.get({ conversation_id: one.id! })).active).toBe(false);
  });

  it('lists and gets v2 templates on the templates host', async () => {
    const templates = await conversation.templatesV2.list({});
    expect(templates.templates?.map((t) => t.id)).toContain('order_shipped');
    const one = await conversation.templatesV2.get({ template_id: 'order_shipped' });
    expect(one.translations?.[0]?.language_code).toBe('en_US');
  });

  it('answers an unknown message with 404 NOT_FOUND in the API error format', async () => {
    const response = await fetch(`${sim.url!}/sinch/us/v1/projects/${PROJECT}/messages/NOPE`, {
      headers: {
        authorization: `Basic ${Buffer.from('sandbox-key:sandbox-secret').toString('base64')}`,
      },
    });
    expect(response.status).toBe(404);
    expect(await response.json()).toMatchObject({ error: { code: 404, status: 'NOT_FOUND' } });
  });
});

describe('webhooks with client_credentials through the official SDK', () => {
  it('registers one, and each callback to it carries a bearer token the simulator accepts', async () => {
    const oauthSink = await startCallbackSink();
    try {
      const credentials = {
        client_id: 'sandbox-key',
        client_secret: 'sandbox-secret',
        endpoint: `${sim.url!}/sinch/auth/oauth2/token`,
      };
      const webhook = await conversation.webhooks.create({
        webhookCreateRequestBody: {
          app_id: APP,
          target: oauthSink.url,
          triggers: ['MESSAGE_DELIVERY'],
          client_credentials: credentials,
        },
      });
      expect(webhook.client_credentials).toEqual(credentials);
      const read = await conversation.webhooks.get({ webhook_id: webhook.id! });
      expect(read.client_credentials).toEqual(credentials);
      await conversation.messages.sendTextMessage({
        sendMessageRequestBody: {
          app_id: APP,
          recipient: whatsapp('46700000021'),
          message: { text_message: { text: 'With a token' } },
        },
      });
      const [callback] = await oauthSink.waitFor(1);
      const authorization = callback!.headers.authorization as string;
      expect(authorization).toMatch(/^Bearer \S+$/);
      const check = await fetch(
        `${sim.url!}/sinch/us/v1/projects/${PROJECT}/apps/${APP}/webhooks`,
        {
          headers: { authorization },
        },
      );
      expect(check.status).toBe(200);
      await conversation.webhooks.delete({ webhook_id: webhook.id! });
    } finally {
      await oauthSink.close();
    }
  });
});
