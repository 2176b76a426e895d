import { afterEach, describe, expect, it } from 'vitest';
import type { SimConfigInput } from '../../src/config/sim-config.js';
import { ManualClock, type Clock } from '../../src/engine/clock.js';
import { SchemaRegistry } from '../../src/engine/validation/schema-registry.js';
import { startCallbackSink, type ReceivedCallback } from '../../test/support/callback-sink.js';
import { callSinchConversation } from '../../test/support/provider-sends.js';
import { useSimHarness, type HttpAnswer } from '../../test/support/sim-harness.js';
import { sinchConversation } from './index.js';
import { webhookSignature } from './signing.js';

const schemas = new SchemaRegistry();
const PROJECT = 'sandbox-project';
const APP = 'sandbox-app';
const BASIC = `Basic ${Buffer.from('sandbox-key:sandbox-secret').toString('base64')}`;
const FAST = {
  queuedOnChannel: { min: 5, max: 10 },
  delivered: { min: 5, max: 10 },
  read: { min: 5, max: 10 },
};

const h = useSimHarness({
  providers: [sinchConversation],
  schemas,
  config: (sink) => ({
    callbackUrl: sink.url,
    // Most cases send freeform WhatsApp text; the 24-hour window has its own tests.
    providers: { 'sinch-conversation': { settings: { delaysMs: FAST, whatsappWindow: 'off' } } },
  }),
});

const start = (config: SimConfigInput = {}, clock?: Clock) =>
  h.start(config, clock ? { clock } : {});

type Answer = HttpAnswer;

const call = (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) =>
  callSinchConversation(h, method, path, body, headers);

async function requestToken(
  authorization = BASIC,
  form = 'grant_type=client_credentials',
): Promise<Answer> {
  return h.request('/sinch/auth/oauth2/token', {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', authorization },
    body: form,
  });
}

async function bearer(): Promise<string> {
  const answer = await requestToken();
  expect(answer.status).toBe(200);
  return `Bearer ${answer.body.access_token as string}`;
}

/** A WhatsApp text send of the sandbox app to `identity`, with `overrides` merged over it. */
function textSend(identity = '46700000001', overrides: Record<string, unknown> = {}) {
  return {
    app_id: APP,
    recipient: { identified_by: { channel_identities: [{ channel: 'WHATSAPP', identity }] } },
    message: { text_message: { text: 'Your order has shipped' } },
    ...overrides,
  };
}

const send = (body: unknown, authorization = BASIC, region = 'us', project = PROJECT) =>
  call('POST', `/${region}/v1/projects/${project}/messages:send`, body, { authorization });

/** The status of each delivery report, in arrival order. */
const statuses = (callbacks: ReceivedCallback[]): string[] =>
  callbacks.map((c) => (c.body as any).message_delivery_report.status as string);

/** Asserts a callback is schema-valid and correctly signed with `secret`. */
function expectSigned(callback: ReceivedCallback, secret: string, schema: string): void {
  expect(schemas.validate(schema, callback.body)).toEqual([]);
  expect(callback.body).not.toHaveProperty('trigger');
  const nonce = callback.headers['x-sinch-webhook-signature-nonce'] as string;
  const timestamp = callback.headers['x-sinch-webhook-signature-timestamp'] as string;
  expect(callback.headers['x-sinch-webhook-signature-algorithm']).toBe('HmacSHA256');
  expect(callback.headers['x-sinch-webhook-signature']).toBe(
    webhookSignature(secret, callback.raw, nonce, timestamp),
  );
}

/** Every callback the sink got, checked against the schema of its kind. */
function expectAllCallbacksValid(callbacks: readonly ReceivedCallback[]): void {
  for (const callback of callbacks) {
    const body = callback.body as Record<string, unknown>;
    const schema =
      'message_delivery_report' in body
        ? 'sinch-conversation/message-delivery-callback'
        : 'sinch-conversation/message-inbound-callback';
    expect(schemas.validate(schema, body), callback.raw).toEqual([]);
  }
}

afterEach(async () => {
  const { received } = h.sink;
  await h.stop();
  expectAllCallbacksValid(received);
});

describe('Sinch Conversation OAuth2 token route', () => {
  it('issues a bearer JWT whose exp is iat plus expires_in for the sandbox key', async () => {
    await start();
    const answer = await requestToken();
    expect(answer.status).toBe(200);
    expect(schemas.validate('sinch-conversation/token-response', answer.body)).toEqual([]);
    expect(answer.body).toMatchObject({ expires_in: 3600, token_type: 'bearer', scope: '' });
    const claims = JSON.parse(
      Buffer.from(answer.body.access_token.split('.')[1], 'base64url').toString(),
    );
    expect(claims.exp - claims.iat).toBe(3600);
    expect(claims.sub).toBe('sandbox-key');
    expect(answer.headers.get('cache-control')).toBe('no-store');
  });

  it('refuses a wrong key secret with 401 invalid_client', async () => {
    await start();
    const answer = await requestToken(
      `Basic ${Buffer.from('sandbox-key:nope').toString('base64')}`,
    );
    expect(answer.status).toBe(401);
    expect(answer.body.error).toBe('invalid_client');
    expect(schemas.validate('sinch-conversation/token-error', answer.body)).toEqual([]);
  });

  it('refuses a grant type other than client_credentials with 400 unsupported_grant_type', async () => {
    await start();
    const answer = await requestToken(BASIC, 'grant_type=password');
    expect(answer.status).toBe(400);
    expect(answer.body).toMatchObject({ error: 'unsupported_grant_type' });
    expect((await requestToken(BASIC, 'scope=x')).body.error).toBe('invalid_request');
  });

  it('answers the 31st token request in a burst with 429 without Retry-After, then refills', async () => {
    const clock = new ManualClock();
    await start({}, clock);
    for (let i = 0; i < 30; i++) expect((await requestToken()).status).toBe(200);
    const throttled = await requestToken();
    expect(throttled.status).toBe(429);
    expect(throttled.headers.get('retry-after')).toBeNull();
    expect(schemas.validate('sinch-conversation/token-error', throttled.body)).toEqual([]);
    clock.advance(100);
    expect((await requestToken()).status).toBe(200);
  });

  it('never throttles with rateLimit null', async () => {
    await start({
      providers: { 'sinch-conversation': { settings: { tokens: { rateLimit: null } } } },
    });
    for (let i = 0; i < 35; i++) expect((await requestToken()).status).toBe(200);
  });
});

describe('Sinch Conversation API authentication', () => {
  it('accepts a send with a bearer token and answers 200 with message_id and accepted_time', async () => {
    await start();
    const answer = await send(textSend(), await bearer());
    expect(answer.status).toBe(200);
    expect(schemas.validate('sinch-conversation/send-message-response', answer.body)).toEqual([]);
  });

  it('accepts HTTP Basic with the key id and secret', async () => {
    await start();
    expect((await send(textSend(), BASIC)).status).toBe(200);
  });

  it('answers an expired token with 401 and a WWW-Authenticate header containing expired', async () => {
    const clock = new ManualClock();
    await start({}, clock);
    const token = await bearer();
    clock.advance(3600 * 1000);
    const answer = await send(textSend(), token);
    expect(answer.status).toBe(401);
    expect(answer.headers.get('www-authenticate')).toContain('expired');
    expect(answer.body.error).toMatchObject({ code: 401, status: 'UNAUTHENTICATED' });
    expect(schemas.validate('sinch-conversation/error', answer.body)).toEqual([]);
    expect((await send(textSend(), await bearer())).status).toBe(200);
  });

  it('answers a forged or missing token with 401 UNAUTHENTICATED and no expired challenge', async () => {
    await start();
    const forged = await send(textSend(), 'Bearer a.b.c');
    expect(forged.status).toBe(401);
    expect(forged.headers.get('www-authenticate')).toBeNull();
    expect(forged.body.error.message).toBe('Request had invalid credentials.');
    expect((await send(textSend(), '')).status).toBe(401);
  });

  it('answers a key of another project with 403 PERMISSION_DENIED', async () => {
    await start();
    const answer = await send(textSend(), await bearer(), 'us', 'other-project');
    expect(answer.status).toBe(403);
    expect(answer.body.error.status).toBe('PERMISSION_DENIED');
  });

  it('does not know the us app on the eu host, and has no host for an unknown region', async () => {
    await start();
    const eu = await send(textSend(), BASIC, 'eu');
    expect(eu.status).toBe(404);
    expect(eu.body.error.status).toBe('NOT_FOUND');
    expect(JSON.stringify(eu.body)).toContain('region us');
    expect((await send(textSend(), BASIC, 'ap')).status).toBe(404);
  });

  it('answers an unknown app with 400 INVALID_ARGUMENT when unknownApp is invalid_argument', async () => {
    await start({
      providers: { 'sinch-conversation': { settings: { unknownApp: 'invalid_argument' } } },
    });
    const answer = await send(textSend('46700000001', { app_id: 'nope' }));
    expect(answer.status).toBe(400);
    expect(answer.body.error.status).toBe('INVALID_ARGUMENT');
  });
});

describe('Sinch Conversation messages:send validation', () => {
  const whatsappTemplate = (template: Record<string, unknown>) => ({
    message: { template_message: { channel_template: { WHATSAPP: template } } },
  });
  it.each([
    [
      'both contact_id and identified_by',
      {
        recipient: {
          contact_id: 'c1',
          identified_by: { channel_identities: [{ channel: 'WHATSAPP', identity: '1' }] },
        },
      },
      'recipient',
      'got both',
    ],
    ['neither recipient form', { recipient: {} }, 'recipient', 'got neither'],
    ['no message kind', { message: {} }, 'message', 'got none'],
    [
      'two message kinds',
      { message: { text_message: { text: 'a' }, media_message: { url: 'https://x.test/a.png' } } },
      'message.media_message',
      'text_message and media_message',
    ],
    [
      'message_metadata of 1025 characters',
      { message_metadata: 'm'.repeat(1025) },
      'message_metadata',
      '1024',
    ],
    [
      'correlation_id of 129 characters',
      { correlation_id: 'c'.repeat(129) },
      'correlation_id',
      '128',
    ],
    ['ttl without its s suffix', { ttl: '10' }, 'ttl', 'pattern'],
    ['ttl below 3s', { ttl: '2s' }, 'ttl', 'between 3s'],
    ['an unknown queue', { queue: 'LOW_PRIORITY' }, 'queue', 'one of'],
    [
      'an unknown processing_strategy',
      { processing_strategy: 'FAST' },
      'processing_strategy',
      'one of',
    ],
    [
      'an unknown message_content_type',
      { message_content_type: 'ADS' },
      'message_content_type',
      'one of',
    ],
    [
      'a channel_priority_order channel the app lacks',
      { channel_priority_order: ['WHATSAPP', 'SMS'] },
      'channel_priority_order[1]',
      'not configured',
    ],
    [
      'conversation_metadata over 2048 characters',
      { conversation_metadata: { blob: 'x'.repeat(2100) } },
      'conversation_metadata',
      '2048',
    ],
    [
      'a WhatsApp template without language_code',
      whatsappTemplate({ template_id: 'order_shipped' }),
      'message.template_message.channel_template.WHATSAPP.language_code',
      'required',
    ],
    [
      'a WhatsApp template with a dashed language code',
      whatsappTemplate({ template_id: 'order_shipped', language_code: 'en-US' }),
      'message.template_message.channel_template.WHATSAPP.language_code',
      'en_US',
    ],
    [
      'contact_id in DISPATCH_ONLY processing',
      { recipient: { contact_id: 'c1' }, processing_strategy: 'DISPATCH_ONLY' },
      'recipient.contact_id',
      'DISPATCH',
    ],
    ['an undocumented field', { correlationId: 'x' }, 'correlationId', 'not allowed'],
    [
      'a callback_url outside the allowlist',
      { callback_url: 'https://example.com/dlr' },
      'callback_url',
      'not allowed',
    ],
  ])(
    'rejects %s with 400 INVALID_ARGUMENT naming the field',
    async (_what, overrides, field, words) => {
      await start();
      const answer = await send(textSend('46700000001', overrides));
      expect(answer.status).toBe(400);
      expect(schemas.validate('sinch-conversation/error', answer.body)).toEqual([]);
      expect(answer.body.error.status).toBe('INVALID_ARGUMENT');
      const violation = answer.body.error.details[0].field_violations[0];
      expect(violation.field).toBe(field);
      expect(violation.description).toContain(words);
      expect(h.sink.received).toEqual([]);
    },
  );

  it('answers malformed JSON with 400 INVALID_ARGUMENT and keeps serving', async () => {
    await start();
    const answer = await send('{"app_id":');
    expect(answer.status).toBe(400);
    expect(answer.body.error.details[0].detail).toMatch(/not valid JSON/);
    expect((await send(textSend())).status).toBe(200);
  });

  it('answers with the configured success status', async () => {
    await start({ providers: { 'sinch-conversation': { settings: { sendSuccessStatus: 201 } } } });
    expect((await send(textSend())).status).toBe(201);
  });

  it('rejects a template that does not match the registry with 400 when templateCheck is reject', async () => {
    await start({ providers: { 'sinch-conversation': { settings: { templateCheck: 'reject' } } } });
    const answer = await send(
      textSend('46700000001', whatsappTemplate({ template_id: 'nope', language_code: 'en_US' })),
    );
    expect(answer.status).toBe(400);
    expect(answer.body.error.details[0].field_violations[0].description).toContain('not approved');
  });
});

describe('Sinch Conversation delivery reports', () => {
  it('reports QUEUED_ON_CHANNEL then DELIVERED to the sandbox webhook, signed with its secret', async () => {
    await start();
    const sent = await send(
      textSend('46700000001', { message_metadata: 'br-campaign-1', correlation_id: 'corr-1' }),
    );
    const callbacks = await h.sink.waitFor(2);
    expect(statuses(callbacks)).toEqual(['QUEUED_ON_CHANNEL', 'DELIVERED']);
    for (const callback of callbacks) {
      expectSigned(
        callback,
        'sandbox-webhook-secret',
        'sinch-conversation/message-delivery-callback',
      );
      expect(callback.body).toMatchObject({
        app_id: APP,
        project_id: PROJECT,
        message_metadata: 'br-campaign-1',
        correlation_id: 'corr-1',
        message_delivery_report: {
          message_id: sent.body.message_id,
          channel_identity: { channel: 'WHATSAPP', identity: '+46700000001', app_id: '' },
          metadata: 'br-campaign-1',
          processing_mode: 'CONVERSATION',
        },
      });
    }
    // Drained, every step still scheduled (a READ, say) has reported: a third callback would be here.
    await h.drain();
    expect(h.sink.received).toHaveLength(2);
  });

  it('reports READ after DELIVERED, and READ without DELIVERED for the read-only number', async () => {
    await start();
    await send(textSend('46700000100'));
    expect(statuses(await h.sink.waitFor(3))).toEqual(['QUEUED_ON_CHANNEL', 'DELIVERED', 'READ']);
    await send(textSend('46700000101'));
    expect(statuses((await h.sink.waitFor(5)).slice(3))).toEqual(['QUEUED_ON_CHANNEL', 'READ']);
  });

  it('reports FAILED with RECIPIENT_NOT_REACHABLE after QUEUED_ON_CHANNEL', async () => {
    await start();
    await send(textSend('46700000400'));
    const callbacks = await h.sink.waitFor(2);
    expect(statuses(callbacks)).toEqual(['QUEUED_ON_CHANNEL', 'FAILED']);
    expect((callbacks[1]!.body as any).message_delivery_report.reason).toMatchObject({
      code: 'RECIPIENT_NOT_REACHABLE',
      sub_code: 'UNSPECIFIED_SUB_CODE',
    });
  });

  it('switches from WhatsApp to RCS along channel_priority_order with SWITCHING_CHANNEL', async () => {
    await start();
    await send(
      textSend('46700000410', {
        recipient: {
          identified_by: {
            channel_identities: [
              { channel: 'WHATSAPP', identity: '46700000410' },
              { channel: 'RCS', identity: '46700000410' },
            ],
          },
        },
        channel_priority_order: ['WHATSAPP', 'RCS'],
      }),
    );
    const callbacks = await h.sink.waitFor(4);
    const reports = callbacks.map((c) => (c.body as any).message_delivery_report);
    expect(reports.map((r) => [r.status, r.channel_identity.channel])).toEqual([
      ['QUEUED_ON_CHANNEL', 'WHATSAPP'],
      ['SWITCHING_CHANNEL', 'WHATSAPP'],
      ['QUEUED_ON_CHANNEL', 'RCS'],
      ['DELIVERED', 'RCS'],
    ]);
    expect(reports[1].reason.code).toBe('RECIPIENT_NOT_REACHABLE');
  });

  it.each([
    [{ template_id: 'nope', language_code: 'en_US' }, 'TEMPLATE_NOT_FOUND'],
    [
      { template_id: 'order_shipped', language_code: 'fr_FR' },
      'TEMPLATE_NON_EXISTING_LANGUAGE_OR_VERSION',
    ],
    [
      {
        template_id: 'order_shipped',
        language_code: 'en_US',
        parameters: { 'body[1]text': 'Asha' },
      },
      'TEMPLATE_INSUFFICIENT_PARAMETERS',
    ],
  ])('fails WhatsApp template %j with %s and no QUEUED_ON_CHANNEL', async (template, reason) => {
    await start();
    const answer = await send(
      textSend('46700000001', {
        message: { template_message: { channel_template: { WHATSAPP: template } } },
      }),
    );
    expect(answer.status).toBe(200);
    const [callback] = await h.sink.waitFor(1);
    expect((callback!.body as any).message_delivery_report).toMatchObject({
      status: 'FAILED',
      reason: { code: reason },
    });
    await h.drain();
    expect(h.sink.received).toHaveLength(1);
  });

  it('delivers an approved WhatsApp template with all its parameters', async () => {
    await start();
    await send(
      textSend('46700000001', {
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
      }),
    );
    expect(statuses(await h.sink.waitFor(2))).toEqual(['QUEUED_ON_CHANNEL', 'DELIVERED']);
  });

  it("sends a message's reports to its own callback_url only, signed with the override secret", async () => {
    const own = await startCallbackSink();
    try {
      await start();
      await send(textSend('46700000001', { callback_url: own.url }));
      for (const callback of await own.waitFor(2)) {
        expectSigned(
          callback,
          'sandbox-override-secret',
          'sinch-conversation/message-delivery-callback',
        );
      }
      expect(h.sink.received).toEqual([]);
      expectAllCallbacksValid(own.received);
    } finally {
      await own.close();
    }
  });

  it('reports empty contact and conversation ids in DISPATCH mode', async () => {
    await start();
    await send(textSend('46700000001', { processing_strategy: 'DISPATCH_ONLY' }));
    const [callback] = await h.sink.waitFor(1);
    expect((callback!.body as any).message_delivery_report).toMatchObject({
      contact_id: '',
      conversation_id: '',
      processing_mode: 'DISPATCH',
    });
  });

  it('fails a send to an unknown contact_id with CONTACT_NOT_FOUND, and knows contacts it created', async () => {
    await start();
    await send({ ...textSend(), recipient: { contact_id: 'nobody' } });
    const [failed] = await h.sink.waitFor(1);
    expect((failed!.body as any).message_delivery_report.reason.code).toBe('CONTACT_NOT_FOUND');
    await send(textSend('46700000001'));
    const created = (await h.sink.waitFor(2))[1]!.body as any;
    const contactId = created.message_delivery_report.contact_id as string;
    expect(contactId).toMatch(/^[0-9A-Z]{26}$/);
    await send({ ...textSend(), recipient: { contact_id: contactId } });
    const later = (await h.sink.waitFor(5))
      .slice(3)
      .map((c) => (c.body as any).message_delivery_report);
    expect(later.every((r) => r.contact_id === contactId)).toBe(true);
  });

  it('reports a status forced through the admin API as its callback, on the channel tried', async () => {
    await start();
    const sent = await send(textSend('46700000102'));
    await h.sink.waitFor(1);
    const forced = await fetch(
      `${h.url}/__admin/messages/${sent.body.message_id as string}/status`,
      {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ status: 'failed', code: 'CHANNEL_REJECT' }),
      },
    );
    expect(forced.status).toBe(200);
    const report = ((await h.sink.waitFor(2))[1]!.body as any).message_delivery_report;
    expect(report).toMatchObject({
      message_id: sent.body.message_id,
      status: 'FAILED',
      channel_identity: { channel: 'WHATSAPP', identity: '+46700000102' },
      reason: { code: 'CHANNEL_REJECT' },
    });
  });

  it('journals every send and its reports, secrets redacted', async () => {
    await start();
    await send(textSend(), await bearer());
    await h.sink.waitFor(2);
    const found = await h.waitForSubEvents('callback-attempt', 2, { route: 'send' });
    const entry = h.sim.journal.list({ route: 'send' })[0]!;
    expect(found).toHaveLength(2);
    expect(entry.request.headers.authorization).toBe('Bearer [redacted]');
    expect(found.map((a) => a.status)).toEqual([200, 200]);
    const token = h.sim.journal.list({ route: 'token' })[0]!;
    expect((token.response!.body as any).access_token).toBe('[redacted]');
  });
});

describe('Sinch Conversation webhooks API', () => {
  const webhooks = (path = '') => `/us/v1/projects/${PROJECT}/webhooks${path}`;

  it('creates, lists, reads, updates and deletes a webhook, each answer schema-valid', async () => {
    await start();
    const created = await call(
      'POST',
      webhooks(),
      { app_id: APP, target: h.sink.url, triggers: ['MESSAGE_DELIVERY'], secret: 's1' },
      { authorization: BASIC },
    );
    expect(created.status).toBe(200);
    expect(schemas.validate('sinch-conversation/webhook', created.body)).toEqual([]);
    const id = created.body.id as string;
    const list = await call('GET', `/us/v1/projects/${PROJECT}/apps/${APP}/webhooks`, undefined, {
      authorization: BASIC,
    });
    expect(schemas.validate('sinch-conversation/list-webhooks-response', list.body)).toEqual([]);
    expect(list.body.webhooks.map((w: { id: string }) => w.id)).toEqual(['sandbox-webhook', id]);
    const patched = await call(
      'PATCH',
      webhooks(`/${id}`),
      { secret: 's2' },
      { authorization: BASIC },
    );
    expect(patched.body).toMatchObject({ id, secret: 's2', target: h.sink.url });
    expect(
      (await call('GET', webhooks(`/${id}`), undefined, { authorization: BASIC })).body.secret,
    ).toBe('s2');
    expect(
      (await call('DELETE', webhooks(`/${id}`), undefined, { authorization: BASIC })).body,
    ).toEqual({});
    expect(
      (await call('GET', webhooks(`/${id}`), undefined, { authorization: BASIC })).status,
    ).toBe(404);
  });

  it('refuses a sixth webhook for an app and a Conversation API host as target', async () => {
    await start();
    const create = (target: string) =>
      call(
        'POST',
        webhooks(),
        { app_id: APP, target, triggers: ['MESSAGE_INBOUND'] },
        { authorization: BASIC },
      );
    for (let i = 0; i < 4; i++) expect((await create(`${h.sink.url}/${i}`)).status).toBe(200);
    const sixth = await create(`${h.sink.url}/5`);
    expect(sixth.status).toBe(400);
    expect(sixth.body.error.details[0].field_violations[0].description).toContain('at most 5');
    await call('DELETE', webhooks('/sandbox-webhook'), undefined, { authorization: BASIC });
    const own = await create('https://conversation-api.us.sinch.com/hook');
    expect(own.status).toBe(400);
  });

  it('fans delivery reports out to every webhook subscribed to MESSAGE_DELIVERY, each with its own secret', async () => {
    const second = await startCallbackSink();
    try {
      await start();
      const register = (
        target: string,
        triggers: string[],
        secret?: string,
        target_type = 'HTTP',
      ) =>
        call(
          'POST',
          webhooks(),
          { app_id: APP, target, triggers, target_type, ...(secret && { secret }) },
          { authorization: BASIC },
        );
      await register(`${h.sink.url}/a`, ['MESSAGE_DELIVERY'], 'secret-a');
      await register(second.url, ['MESSAGE_DELIVERY', 'MESSAGE_INBOUND']);
      await register(`${h.sink.url}/dismissed`, ['MESSAGE_DELIVERY'], 'x', 'DISMISS');
      await register(`${h.sink.url}/inbound-only`, ['MESSAGE_INBOUND'], 'y');
      await send(textSend());
      for (const callback of await h.sink.waitFor(2)) {
        expect(callback.path).toBe('/callbacks/a');
        expectSigned(callback, 'secret-a', 'sinch-conversation/message-delivery-callback');
      }
      const unsigned = await second.waitFor(2);
      expect(unsigned[0]!.headers['x-sinch-webhook-signature']).toBeUndefined();
      await h.drain();
      expect(h.sink.received).toHaveLength(2);
      expectAllCallbacksValid(second.received);
    } finally {
      await second.close();
    }
  });

  it('forgets webhooks registered through the API on reset and keeps the configured ones', async () => {
    await start();
    await call(
      'POST',
      webhooks(),
      { app_id: APP, target: h.sink.url, triggers: ['MESSAGE_INBOUND'] },
      { authorization: BASIC },
    );
    h.sim.reset();
    const list = await call('GET', `/us/v1/projects/${PROJECT}/apps/${APP}/webhooks`, undefined, {
      authorization: BASIC,
    });
    expect(list.body.webhooks.map((w: { id: string }) => w.id)).toEqual(['sandbox-webhook']);
  });
});

describe('Sinch Conversation inbound messages', () => {
  const inbound = (input: Record<string, unknown>) =>
    h.sim.inbound({ provider: 'sinch-conversation', ...input });

  it('reports a text message as MESSAGE_INBOUND, signed, with the correlation id of the latest send', async () => {
    await start();
    await send(
      textSend('46700000102', { correlation_id: 'corr-9', conversation_metadata: { campaign: 7 } }),
    );
    await h.sink.waitFor(1);
    const result = inbound({ from: '46700000102', text: 'STOP' });
    expect(result.ok).toBe(true);
    const callback = (await h.sink.waitFor(2))[1]!;
    expectSigned(callback, 'sandbox-webhook-secret', 'sinch-conversation/message-inbound-callback');
    expect(callback.body).toMatchObject({
      app_id: APP,
      correlation_id: 'corr-9',
      message_metadata: '{"campaign":7}',
      message: {
        direction: 'TO_APP',
        contact_message: { text_message: { text: 'STOP' } },
        channel_identity: { channel: 'WHATSAPP', identity: '46700000102', app_id: '' },
      },
    });
    expect((callback.body as any).message.contact_message.reply_to).toBeUndefined();
  });

  it('reports a tap on a sent choice as choice_response_message with its postback_data and reply_to', async () => {
    await start();
    const sent = await send(
      textSend('46700000102', {
        message_metadata: 'br-7',
        message: {
          choice_message: {
            text_message: { text: 'Confirm?' },
            choices: [
              { text_message: { text: 'Yes' }, postback_data: 'confirm-yes' },
              { text_message: { text: 'No' } },
            ],
          },
        },
      }),
    );
    await h.sink.waitFor(1);
    inbound({ from: '46700000102', choice: { index: 1 } });
    const body = (await h.sink.waitFor(2))[1]!.body as any;
    expect(schemas.validate('sinch-conversation/message-inbound-callback', body)).toEqual([]);
    expect(body.message.contact_message).toEqual({
      choice_response_message: {
        message_id: sent.body.message_id,
        postback_data: `${sent.body.message_id}_No`,
      },
      reply_to: { message_id: sent.body.message_id },
    });
    expect(body.message.metadata).toBe('br-7');
    inbound({ from: '46700000102', choice: {} });
    const first = (await h.sink.waitFor(3))[2]!.body as any;
    expect(first.message.contact_message.choice_response_message.postback_data).toBe('confirm-yes');
  });

  it.each([
    [
      { media: { url: 'https://example.com/cat.jpg' } },
      { media_message: { url: 'https://example.com/cat.jpg' } },
    ],
    [
      { media: { url: 'https://example.com/cat.jpg', caption: 'my cat' } },
      { media_card_message: { url: 'https://example.com/cat.jpg', caption: 'my cat' } },
    ],
    [
      { location: { latitude: 59.33, longitude: 18.06, title: 'Office' } },
      { location_message: { coordinates: { latitude: 59.33, longitude: 18.06 }, title: 'Office' } },
    ],
    [
      { text: 'hi', replyTo: 'M1' },
      { text_message: { text: 'hi' }, reply_to: { message_id: 'M1' } },
    ],
  ])('reports %j as contact message %j', async (input, contactMessage) => {
    await start();
    inbound({ from: '46700000001', ...input });
    const [callback] = await h.sink.waitFor(1);
    expect(schemas.validate('sinch-conversation/message-inbound-callback', callback!.body)).toEqual(
      [],
    );
    expect((callback!.body as any).message.contact_message).toEqual(contactMessage);
  });

  it('refuses two message kinds at once and a choice with nothing sent to the contact', async () => {
    await start();
    const both = inbound({
      from: '46700000001',
      text: 'a',
      media: { url: 'https://example.com/a' },
    });
    expect(both.ok).toBe(false);
    const choice = inbound({ from: '46700000999', choice: { postbackData: 'x' } });
    expect(choice).toMatchObject({ ok: false, problems: [{ pointer: '/replyTo' }] });
  });
});
