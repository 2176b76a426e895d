import { ConversationCallbackWebhooks } from '@sinch/sdk-core';
import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/engine/clock.js';
import {
  readAccessToken,
  signAccessToken,
  type AcceptedMessage,
  type ProviderContext,
} from '../../src/engine/provider-api.js';
import { createRandom } from '../../src/engine/random.js';
import { createIdSource } from '../../src/engine/seeded-streams.js';
import { postbacksOf } from './accept.js';
import { channelOrder, outcomeFor, planDelivery } from './delivery-plan.js';
import { fieldOf } from './errors.js';
import { deliveryLifecycle } from './lifecycle.js';
import { sinchConversationMagicNumbers } from './magic-numbers.js';
import type { SentMessageData } from './message-data.js';
import { exactlyOneRules } from './rules.js';
import type { SendMessageBody } from './send-request.js';
import { SINCH_CONVERSATION_DEFAULTS, type SinchConversationSettings } from './settings.js';
import { pendingSecretKey, signCallback, webhookSignature } from './signing.js';
import { takeTokenGrant } from './token-bucket.js';
import {
  callbackTargetsOf,
  putWebhook,
  removeWebhook,
  signingSecretFor,
} from './webhook-registry.js';
import { languageProblem, matchWhatsAppTemplate, PARAMETER_KEY } from './whatsapp-templates.js';

const context = (
  settings: Partial<SinchConversationSettings> = {},
  clock = new ManualClock(Date.UTC(2026, 0, 1)),
): ProviderContext<SinchConversationSettings> => ({
  providerId: 'sinch-conversation',
  settings: { ...SINCH_CONVERSATION_DEFAULTS, ...settings },
  clock,
  random: createRandom('unit'),
  ids: createIdSource(createRandom('ids')),
  validateSchema: () => [],
  store: new Map(),
});

const app = SINCH_CONVERSATION_DEFAULTS.projects[0]!.apps[0]!;

const body = (overrides: Partial<SendMessageBody> = {}): SendMessageBody => ({
  app_id: 'sandbox-app',
  recipient: {
    identified_by: { channel_identities: [{ channel: 'WHATSAPP', identity: '46700000001' }] },
  },
  message: { text_message: { text: 'hi' } },
  ...overrides,
});

const sentMessage = (data: Partial<SentMessageData>): AcceptedMessage => ({
  id: 'M1',
  recipient: '46700000001',
  data: {
    type: 'sent',
    projectId: 'sandbox-project',
    appId: 'sandbox-app',
    processingMode: 'CONVERSATION',
    contactId: 'C1',
    conversationId: 'V1',
    acceptedAt: 0,
    plan: { attempts: [{ channel: 'WHATSAPP', identity: '46700000001', outcome: 'delivered' }] },
    ...data,
  },
});

describe('Sinch Conversation access tokens', () => {
  it('signs a JWT that reads back with its claims, and refuses one signed with another key', () => {
    const token = signAccessToken({ sub: 'k', iat: 1, exp: 3601, jti: 'j' }, 'key');
    expect(readAccessToken(token, 'key')).toEqual({
      ok: true,
      claims: { sub: 'k', iat: 1, exp: 3601, jti: 'j' },
    });
    expect(readAccessToken(token, 'other')).toMatchObject({
      ok: false,
      detail: expect.stringContaining('signature'),
    });
    expect(readAccessToken('abc', 'key')).toMatchObject({
      ok: false,
      detail: expect.stringContaining('3 dot-separated'),
    });
  });

  it('grants 30 tokens at once, then one more per 100 ms, on the injected clock', () => {
    const clock = new ManualClock();
    const ctx = context({}, clock);
    for (let i = 0; i < 30; i++) expect(takeTokenGrant(ctx)).toBe(true);
    expect(takeTokenGrant(ctx)).toBe(false);
    clock.advance(99);
    expect(takeTokenGrant(ctx)).toBe(false);
    clock.advance(2);
    expect(takeTokenGrant(ctx)).toBe(true);
  });
});

describe('Sinch Conversation send rules', () => {
  it('names both recipient forms, and both message kinds, when a send has two', () => {
    expect(
      exactlyOneRules({
        recipient: { contact_id: 'a', identified_by: {} },
        message: { text_message: {}, card_message: {} },
      }).map((d) => d.message),
    ).toEqual([
      '/recipient must have exactly one of contact_id or identified_by; got both',
      '/message must have exactly one message kind; got text_message and card_message',
    ]);
    expect(
      exactlyOneRules({
        recipient: { contact_id: 'a' },
        message: { explicit_channel_message: {} },
      }),
    ).toEqual([]);
  });

  it('turns a JSON pointer into the dotted field of google.rpc.BadRequest', () => {
    expect(
      fieldOf('/message/template_message/channel_template/WHATSAPP/parameters/body[1]text'),
    ).toBe('message.template_message.channel_template.WHATSAPP.parameters.body[1]text');
    expect(fieldOf('/channel_priority_order/1')).toBe('channel_priority_order[1]');
  });
});

describe('WhatsApp templates', () => {
  const templates = SINCH_CONVERSATION_DEFAULTS.whatsappTemplates;

  it('accepts the documented parameter key forms and refuses others', () => {
    for (const key of [
      'body[1]text',
      'header[1]text',
      'header[1]image.link',
      'header[1]document.filename',
      'header[1]video.link',
      'button[0]url[1]text',
      'button[0]quick_reply[1]payload',
    ]) {
      expect(PARAMETER_KEY.test(key), key).toBe(true);
    }
    for (const key of ['body1text', 'body[1]', 'footer[1]text', 'button[0]payload']) {
      expect(PARAMETER_KEY.test(key), key).toBe(false);
    }
  });

  it('requires language_code in the underscore form', () => {
    expect(languageProblem({ template_id: 't' })).toContain('required');
    expect(languageProblem({ template_id: 't', language_code: 'en-US' })).toContain('"en_US"');
    expect(languageProblem({ template_id: 't', language_code: 'sr_Latn' })).toBeUndefined();
  });

  it('matches name, then language, then parameters, with the reason code of the first mismatch', () => {
    const ok = { template_id: 'spring_sale', language_code: 'en_US' };
    const all = {
      'header[1]image.link': 'https://example.com/a.png',
      'body[1]text': 'Asha',
      'button[0]quick_reply[1]payload': '',
    };
    expect(matchWhatsAppTemplate({ ...ok, parameters: all }, templates)).toBeUndefined();
    expect(matchWhatsAppTemplate({ ...ok, template_id: 'x' }, templates)?.reason).toBe(
      'TEMPLATE_NOT_FOUND',
    );
    expect(matchWhatsAppTemplate({ ...ok, language_code: 'de_DE' }, templates)?.reason).toBe(
      'TEMPLATE_NON_EXISTING_LANGUAGE_OR_VERSION',
    );
    const { 'button[0]quick_reply[1]payload': _omitted, ...withoutPayload } = all;
    expect(matchWhatsAppTemplate({ ...ok, parameters: withoutPayload }, templates)).toMatchObject({
      reason: 'TEMPLATE_INSUFFICIENT_PARAMETERS',
      detail: expect.stringContaining('button[0]quick_reply[1]payload'),
    });
    expect(
      matchWhatsAppTemplate({ ...ok, parameters: { ...all, 'body[2]text': 'x' } }, templates),
    ).toMatchObject({
      reason: 'BAD_REQUEST',
      pointer: '/parameters/body[2]text',
    });
  });
});

describe('Sinch Conversation delivery planning', () => {
  it('picks the first matching outcome rule per channel, and delivers when none matches', () => {
    const rules = SINCH_CONVERSATION_DEFAULTS.outcomes;
    expect(outcomeFor('+46700000400', 'RCS', rules)).toMatchObject({
      outcome: 'failed',
      reason: 'RECIPIENT_NOT_REACHABLE',
    });
    expect(outcomeFor('46700000410', 'WHATSAPP', rules).outcome).toBe('failed');
    expect(outcomeFor('46700000410', 'RCS', rules).outcome).toBe('delivered');
    expect(outcomeFor('46700000101', 'WHATSAPP', rules).outcome).toBe('read-only');
    expect(outcomeFor('46700000001', 'WHATSAPP', rules).outcome).toBe('delivered');
  });

  it('orders channels by channel_priority_order, skipping channels without an identity', () => {
    const identities = [
      { channel: 'WHATSAPP' as const, identity: '1' },
      { channel: 'RCS' as const, identity: '2' },
    ];
    expect(channelOrder(body(), identities).map((c) => c.channel)).toEqual(['WHATSAPP', 'RCS']);
    expect(
      channelOrder(body({ channel_priority_order: ['RCS', 'SMS', 'WHATSAPP'] }), identities).map(
        (c) => c.channel,
      ),
    ).toEqual(['RCS', 'WHATSAPP']);
  });

  it('fails a channel the app lacks with CHANNEL_CONFIGURATION_MISSING and an unknown contact with CONTACT_NOT_FOUND', () => {
    const sms = body({
      recipient: { identified_by: { channel_identities: [{ channel: 'SMS', identity: '1' }] } },
    });
    expect(planDelivery(sms, app, SINCH_CONVERSATION_DEFAULTS, undefined)).toMatchObject({
      attempts: [
        {
          channel: 'SMS',
          outcome: 'failed',
          reason: 'CHANNEL_CONFIGURATION_MISSING',
          preChannel: true,
        },
      ],
    });
    expect(
      planDelivery(
        body({ recipient: { contact_id: 'x' } }),
        app,
        SINCH_CONVERSATION_DEFAULTS,
        undefined,
      ),
    ).toMatchObject({
      failure: { reason: 'CONTACT_NOT_FOUND' },
    });
  });

  it('collects postback data: the choice own, else message id and text', () => {
    expect(
      postbacksOf(
        'M1',
        body({
          message: {
            choice_message: {
              choices: [
                { postback_data: 'p' },
                { url_message: { title: 'Site', url: 'https://x' } } as never,
              ],
            },
          },
        }),
      ),
    ).toEqual(['p', 'M1_Site']);
  });
});

describe('Sinch Conversation magic numbers', () => {
  it('lists a delivered number and one per suffix rule, naming per-channel outcomes', () => {
    const numbers = sinchConversationMagicNumbers(SINCH_CONVERSATION_DEFAULTS);
    expect(numbers[0]).toEqual({ number: '46700000001', outcome: 'delivered' });
    expect(numbers).toContainEqual({
      number: '46700000400',
      outcome: 'failed RECIPIENT_NOT_REACHABLE',
    });
    expect(numbers).toContainEqual({
      number: '46700000410',
      outcome: 'WhatsApp: failed RECIPIENT_NOT_REACHABLE; RCS: delivered',
    });
    expect(numbers).toHaveLength(1 + SINCH_CONVERSATION_DEFAULTS.outcomes.length);
  });
});

describe('Sinch Conversation lifecycle', () => {
  it('schedules QUEUED_ON_CHANNEL, DELIVERED and READ strictly one after another', () => {
    const message = sentMessage({
      plan: { attempts: [{ channel: 'WHATSAPP', identity: '1', outcome: 'read' }] },
    });
    const steps = deliveryLifecycle(message, context());
    expect(steps.map((s) => s.status)).toEqual(['queued_on_channel', 'delivered', 'read']);
    expect(steps[0]!.afterMs).toBeGreaterThan(0);
    expect(steps[1]!.afterMs).toBeGreaterThan(steps[0]!.afterMs);
    expect(steps[2]!.afterMs).toBeGreaterThan(steps[1]!.afterMs);
    expect((message.data as unknown as SentMessageData).reports!.map((r) => r.status)).toEqual([
      'QUEUED_ON_CHANNEL',
      'DELIVERED',
      'READ',
    ]);
  });

  it('ends a pre-channel failure with FAILED only, and a switch with the next channel', () => {
    const steps = deliveryLifecycle(
      sentMessage({
        plan: {
          attempts: [
            { channel: 'WHATSAPP', identity: '1', outcome: 'failed', reason: 'TEMPLATE_NOT_FOUND' },
            { channel: 'RCS', identity: '1', outcome: 'delivered' },
          ],
        },
      }),
      context(),
    );
    expect(steps.map((s) => [s.status, s.code])).toEqual([
      ['switching_channel', 'TEMPLATE_NOT_FOUND'],
      ['queued_on_channel', undefined],
      ['delivered', undefined],
    ]);
  });

  it('follows a forced outcome on the first channel', () => {
    const steps = deliveryLifecycle(sentMessage({}), context(), {
      status: 'failed',
      code: 'CHANNEL_REJECT',
      afterMs: 5000,
    });
    expect(steps.map((s) => [s.status, s.code])).toEqual([
      ['queued_on_channel', undefined],
      ['failed', 'CHANNEL_REJECT'],
    ]);
    expect(steps.at(-1)!.afterMs).toBe(5000);
  });

  it('draws the same schedule from the same seed', () => {
    const a = deliveryLifecycle(sentMessage({}), context()).map((s) => s.afterMs);
    const b = deliveryLifecycle(sentMessage({}), context()).map((s) => s.afterMs);
    expect(a).toEqual(b);
  });
});

describe('Sinch Conversation webhooks and signing', () => {
  it('sends to webhooks with targets, else to the simulator URL a target-less webhook stands for, else nowhere', () => {
    const ctx = context();
    expect(callbackTargetsOf('delivery', sentMessage({}), ctx)).toBeUndefined();
    putWebhook(ctx, {
      id: 'w2',
      projectId: 'sandbox-project',
      appId: 'sandbox-app',
      target: 'http://127.0.0.1/a',
      targetType: 'HTTP',
      triggers: ['MESSAGE_DELIVERY'],
      secret: 's2',
    });
    expect(callbackTargetsOf('delivery', sentMessage({}), ctx)).toEqual(['http://127.0.0.1/a']);
    expect(callbackTargetsOf('inbound', sentMessage({}), ctx)).toBeUndefined();
    removeWebhook(ctx, 'w2');
    removeWebhook(ctx, 'sandbox-webhook');
    expect(callbackTargetsOf('delivery', sentMessage({}), ctx)).toEqual([]);
  });

  it("signs a message's own callback_url with the app's override secret and webhooks with theirs", () => {
    const ctx = context();
    const own = { ...sentMessage({}), callbackTargets: { delivery: 'http://127.0.0.1/own' } };
    expect(signingSecretFor('delivery', own, 'http://127.0.0.1/own', ctx)).toBe(
      'sandbox-override-secret',
    );
    expect(signingSecretFor('delivery', sentMessage({}), 'http://127.0.0.1/cb', ctx)).toBe(
      'sandbox-webhook-secret',
    );
  });

  const signed = (tamper?: Parameters<typeof signCallback>[3], ctx = context()) => {
    ctx.store.set(pendingSecretKey('http://t'), 'secret');
    return { headers: signCallback('{"a":1}', ctx, 'http://t', tamper), ctx };
  };

  it('signs base64(HMAC-SHA256(secret, body.nonce.timestamp)) so the SDK helper accepts it', () => {
    const { headers } = signed();
    expect(headers['x-sinch-webhook-signature-timestamp']).toBe(
      String(Date.UTC(2026, 0, 1) / 1000),
    );
    expect(headers['x-sinch-webhook-signature-nonce']).toMatch(/^[0-9A-Z]{26}$/);
    expect(
      new ConversationCallbackWebhooks('secret').validateAuthenticationHeader(
        headers,
        '{"a":1}',
        '/',
        'POST',
      ),
    ).toBe(true);
    expect(headers['x-sinch-webhook-signature']).toBe(
      webhookSignature(
        'secret',
        '{"a":1}',
        headers['x-sinch-webhook-signature-nonce']!,
        headers['x-sinch-webhook-signature-timestamp']!,
      ),
    );
  });

  it('leaves a callback unsigned when its target has no secret', () => {
    expect(signCallback('{}', context(), 'http://t')).toEqual({});
  });

  it('corrupts the signature when asked for a bad one, keeping its length', () => {
    const good = signed().headers;
    const bad = signed({ badSignature: true }).headers;
    expect(bad['x-sinch-webhook-signature']).not.toBe(good['x-sinch-webhook-signature']);
    expect(bad['x-sinch-webhook-signature']).toHaveLength(
      good['x-sinch-webhook-signature']!.length,
    );
    expect(
      new ConversationCallbackWebhooks('secret').validateAuthenticationHeader(
        bad,
        '{"a":1}',
        '/',
        'POST',
      ),
    ).toBe(false);
  });

  it('replays the previous nonce of the same target, correctly signed', () => {
    const { headers: first, ctx } = signed();
    const { headers: second } = signed(undefined, ctx);
    expect(second['x-sinch-webhook-signature-nonce']).not.toBe(
      first['x-sinch-webhook-signature-nonce'],
    );
    const { headers: replayed } = signed({ replayNonce: true }, ctx);
    expect(replayed['x-sinch-webhook-signature-nonce']).toBe(
      second['x-sinch-webhook-signature-nonce'],
    );
    expect(
      new ConversationCallbackWebhooks('secret').validateAuthenticationHeader(
        replayed,
        '{"a":1}',
        '/',
        'POST',
      ),
    ).toBe(true);
  });

  it('shifts the timestamp by the skew, correctly signed', () => {
    const { headers } = signed({ skewSeconds: -600 });
    expect(Number(headers['x-sinch-webhook-signature-timestamp'])).toBe(
      Date.UTC(2026, 0, 1) / 1000 - 600,
    );
    expect(
      new ConversationCallbackWebhooks('secret').validateAuthenticationHeader(
        headers,
        '{"a":1}',
        '/',
        'POST',
      ),
    ).toBe(true);
  });
});
