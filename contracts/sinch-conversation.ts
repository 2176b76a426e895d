/**
 * Contract cases for gateways that send WhatsApp and RCS through the Sinch Conversation API the way
 * Bloomreach's "Sinch Mobile Messaging" integration does, and take its signed callbacks: the common
 * cases through `sinchConversationDescriptor`, plus OAuth2, signature and ordering cases of its own.
 * @see https://documentation.bloomreach.com/engagement/docs/sinch-mobile-messaging
 * @see https://developers.sinch.com/docs/conversation/callbacks
 */
import { createHmac } from 'node:crypto';
import {
  expectAcknowledged,
  expectStatus,
  fireBuiltCallback,
} from '../src/contracts/callback-checks.js';
import { failuresFromDiagnostics } from '../src/contracts/contract-failure.js';
import { bodyOf, subjectOf } from '../src/contracts/journal-entry.js';
import type {
  CallbackVariant,
  ProviderContractDescriptor,
  SentMessage,
} from '../src/contracts/provider-descriptor.js';
import { requestsTo, sendTracked, watchRequestsTo } from '../src/contracts/sent-messages.js';
import type { ContractCase, GatewaySendInput } from '../src/contracts/types.js';
import { WaitTimeoutError } from '../src/contracts/wait-for.js';
import type { ServeEvent } from '../src/index.js';
import { commonCases } from './common.js';

const PROVIDER = 'sinch-conversation';
const SEND_SCHEMA = 'sinch-conversation/send-message-request';
const DELIVERY_SCHEMA = 'sinch-conversation/message-delivery-callback';
const INBOUND_SCHEMA = 'sinch-conversation/message-inbound-callback';
/** An approved WhatsApp template of the sandbox with one parameter, `body[1]text`. */
const TEMPLATE = 'generic_notice';
const TEXT = 'Your order has shipped';

/** What the suite needs to know of the gateway's Sinch configuration. */
export interface SinchConversationContractOptions {
  /** The secret of the webhook the gateway's callback URLs are registered with. */
  webhookSecret?: string;
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === 'object' && !Array.isArray(value);

/**
 * The distinct channel identities a journaled send names: one contact's number appears once per
 * channel when the send has fallback channels, and is still one recipient.
 */
function identitiesOf(entry: ServeEvent): string[] {
  const recipient = bodyOf(entry)?.recipient;
  const identities =
    isObject(recipient) && isObject(recipient.identified_by)
      ? recipient.identified_by.channel_identities
      : undefined;
  return Array.isArray(identities)
    ? [
        ...new Set(
          identities.flatMap((i) =>
            isObject(i) && typeof i.identity === 'string' ? [i.identity] : [],
          ),
        ),
      ]
    : [];
}

/** The message id the simulator answered a send with: what its callbacks carry. */
function messageIdOf(entry: ServeEvent): string | undefined {
  const answer = entry.response?.body;
  return isObject(answer) && typeof answer.message_id === 'string' ? answer.message_id : undefined;
}

/** The gateway's own id of a send, `correlation_id`, echoed in every callback about it. */
function correlationIdOf(entry: ServeEvent): string | undefined {
  const id = bodyOf(entry)?.correlation_id;
  return typeof id === 'string' ? id : undefined;
}

/** The project in a journaled send's path. */
const projectOf = (entry: ServeEvent): string =>
  /\/projects\/([^/]+)\//.exec(entry.request.path)?.[1] ?? '';

const iso = (ms: number): string => new Date(ms).toISOString();

/** The fields every callback about `message` carries. */
function commonFields(message: SentMessage, at: number): Record<string, unknown> {
  const body = bodyOf(message.entry) ?? {};
  const correlationId = correlationIdOf(message.entry);
  return {
    app_id: typeof body.app_id === 'string' ? body.app_id : '',
    accepted_time: iso(at),
    event_time: iso(at - 250),
    project_id: projectOf(message.entry),
    ...(correlationId !== undefined && { correlation_id: correlationId }),
  };
}

/** A MESSAGE_DELIVERY body about `message` with `status` (and a reason for failures). */
function deliveryReport(
  message: SentMessage,
  at: number,
  status: string,
  reason?: string,
): unknown {
  return {
    ...commonFields(message, at),
    message_delivery_report: {
      message_id: message.reference,
      conversation_id: '',
      status,
      channel_identity: { channel: 'WHATSAPP', identity: message.to[0] ?? '', app_id: '' },
      contact_id: '',
      ...(reason !== undefined && {
        reason: {
          code: reason,
          description: `The channel reported ${reason}`,
          sub_code: 'UNSPECIFIED_SUB_CODE',
        },
      }),
      metadata: '',
      processing_mode: 'CONVERSATION',
    },
  };
}

/** A MESSAGE_INBOUND body from the recipient of `message`, with `contactMessage`. */
function inboundMessage(
  message: SentMessage,
  at: number,
  contactMessage: Record<string, unknown>,
): unknown {
  return {
    ...commonFields(message, at),
    message: {
      id: `${message.reference.slice(0, 16)}${at.toString(36).toUpperCase()}`,
      direction: 'TO_APP',
      contact_message: contactMessage,
      channel_identity: { channel: 'WHATSAPP', identity: message.to[0] ?? '', app_id: '' },
      conversation_id: '',
      contact_id: '',
      metadata: '',
      accept_time: iso(at),
      processing_mode: 'CONVERSATION',
    },
  };
}

const status = (
  name: string,
  sinchStatus: string,
  expect?: string,
  reason?: string,
): CallbackVariant => ({
  name,
  type: 'status',
  kind: 'delivery',
  schema: DELIVERY_SCHEMA,
  ...(expect !== undefined && { expectStatus: expect }),
  build: (m, at) => ({ body: deliveryReport(m, at, sinchStatus, reason) }),
});

const inbound = (
  name: string,
  contactMessage: (m: SentMessage) => Record<string, unknown>,
): CallbackVariant => ({
  name,
  type: 'inbound',
  kind: 'inbound',
  schema: INBOUND_SCHEMA,
  build: (m, at) => ({ body: inboundMessage(m, at, contactMessage(m)) }),
});

let signatureCount = 0;

/**
 * Signature headers for the callback bytes `payload`, as the Conversation API signs them:
 * base64 HMAC-SHA256 of `payload.nonce.timestamp`, with a nonce of its own for every callback
 * unless `nonce` is given (to replay one).
 */
function signatureHeaders(
  payload: string,
  secret: string,
  nonce = `suite-${Date.now().toString(36)}-${++signatureCount}`,
): Record<string, string> {
  const timestamp = String(Math.floor(Date.now() / 1000));
  return {
    'x-sinch-webhook-signature-timestamp': timestamp,
    'x-sinch-webhook-signature-nonce': nonce,
    'x-sinch-webhook-signature-algorithm': 'HmacSHA256',
    'x-sinch-webhook-signature': createHmac('sha256', secret)
      .update(`${payload}.${nonce}.${timestamp}`)
      .digest('base64'),
  };
}

/** Recipient `4671<slot:6>11`: delivered under the default outcome rules (no rule ends in 11). */
const recipientFor = (slot: number): string => `4671${String(slot).padStart(6, '0')}11`;

/**
 * The Sinch Conversation API for the common cases, for a gateway whose callback URLs are the
 * targets of a webhook signed with `webhookSecret`.
 */
export function createSinchConversationDescriptor(
  options: SinchConversationContractOptions = {},
): ProviderContractDescriptor {
  const secret = options.webhookSecret ?? 'sandbox-webhook-secret';
  return {
    provider: PROVIDER,
    sendRoute: 'send',
    requestSchemas: () => [SEND_SCHEMA],
    credentials: 'Authorization: Bearer <access token from the OAuth2 token route>',
    recipient: recipientFor,
    sendInput: (to, text) => ({ provider: PROVIDER, to, text: text ?? TEXT }),
    sampleSends: (nextSlot): GatewaySendInput[] => [
      { provider: PROVIDER, to: [recipientFor(nextSlot())], text: TEXT },
      { provider: PROVIDER, to: [recipientFor(nextSlot())], text: 'Asha', templateId: TEMPLATE },
    ],
    recipientsOf: identitiesOf,
    requestId: { pointer: '/correlation_id', of: correlationIdOf },
    referenceOf: (entry) => messageIdOf(entry),
    // One recipient per messages:send; the body limit is the simulator's.
    limits: { maxRecipients: 1, maxBodyBytes: 1_048_576 },
    businessError: 'invalid_request',
    callbacks: [
      status('delivered', 'DELIVERED', 'delivered'),
      status('queued-on-channel', 'QUEUED_ON_CHANNEL'),
      status('read', 'READ', 'delivered'),
      status('switching-channel', 'SWITCHING_CHANNEL', undefined, 'RECIPIENT_NOT_REACHABLE'),
      status('failed', 'FAILED', 'failed', 'RECIPIENT_NOT_REACHABLE'),
      // First of the inbound kind, so the extra-keys case uses it: WhatsApp's own payload is the
      // only place the Conversation callback schemas leave open to keys they do not list.
      inbound('flow-reply', (m) => ({
        channel_specific_message: {
          message_type: 'nfm_reply',
          message: {
            type: 'nfm_reply',
            nfm_reply: {
              name: 'flow',
              response_json: '{"flow_token":"order-feedback","rating":"5"}',
              body: 'Sent',
            },
          },
        },
        reply_to: { message_id: m.reference },
      })),
      inbound('text', () => ({ text_message: { text: 'STOP' } })),
      inbound('text-reply', (m) => ({
        text_message: { text: 'Thanks!' },
        reply_to: { message_id: m.reference },
      })),
      inbound('media', () => ({ media_message: { url: 'https://example.com/photo.jpg' } })),
      inbound('media-card', () => ({
        media_card_message: { url: 'https://example.com/photo.jpg', caption: 'my order' },
      })),
      inbound('location', () => ({
        location_message: {
          coordinates: { latitude: 59.3293, longitude: 18.0686 },
          title: 'Home',
          label: 'Stockholm',
        },
      })),
      inbound('choice-response', (m) => ({
        choice_response_message: { message_id: m.reference, postback_data: 'confirm-yes' },
        reply_to: { message_id: m.reference },
      })),
    ],
    outOfOrder: [
      { sequence: ['read', 'delivered', 'queued-on-channel'], expect: 'delivered' },
      { sequence: ['failed', 'delivered'], expect: 'failed' },
    ],
    generated: [
      {
        kind: 'delivery',
        schema: DELIVERY_SCHEMA,
        bind(sample, message, at) {
          const body = structuredClone(sample) as Record<string, unknown>;
          const report = body.message_delivery_report as Record<string, unknown>;
          report.message_id = message.reference;
          body.accepted_time = iso(at);
          return body;
        },
      },
      {
        kind: 'inbound',
        schema: INBOUND_SCHEMA,
        bind(sample, _message, at) {
          const body = structuredClone(sample) as Record<string, unknown>;
          body.accepted_time = iso(at);
          (body.message as Record<string, unknown>).accept_time = iso(at);
          return body;
        },
      },
    ],
    signCallback: (_kind, payload) => signatureHeaders(payload, secret),
  };
}

/** The Sinch Conversation cases beyond the common ones. */
function ownCases(d: ProviderContractDescriptor, secret: string): ContractCase[] {
  const sendsAccepted: ContractCase = {
    id: `${PROVIDER}-sends-accepted`,
    provider: PROVIDER,
    title:
      'sends WhatsApp text and templates the simulator accepts: channels configured on the app, template language codes in the underscore form (en_US), sizes within limits',
    async run(ctx) {
      const inputs = d.sampleSends!(() => ctx.sequence());
      const to = inputs.flatMap((i) => i.to);
      for (const input of inputs) await ctx.gateway.send(input);
      const entries =
        (await watchRequestsTo(ctx, d, to, (found) => found.length >= to.length)) ??
        (await requestsTo(ctx, d, to));
      if (entries.length === 0) throw new Error(`precondition: no request for ${to.join(', ')}`);
      for (const entry of entries) {
        if (entry.outcome === 'accepted') continue;
        const body = entry.request.body;
        // Schema findings are the payload case's; these are the rules beyond the schema.
        if (ctx.simulator.schemas.validate(SEND_SCHEMA, body).length > 0) continue;
        const rules = entry.diagnostics.filter(
          (dg) => dg.severity === 'error' && !dg.keyword.startsWith('auth-'),
        );
        for (const failure of failuresFromDiagnostics(
          rules,
          body,
          subjectOf(entry),
          `${PROVIDER} rules`,
        ))
          ctx.fail(failure);
        if (rules.length === 0) {
          ctx.fail({
            message: `the simulator refused the send with ${entry.response?.status ?? 'no answer'}`,
            pointer: '',
            value: entry.response?.body,
            subject: subjectOf(entry),
          });
        }
      }
    },
  };

  const bearerToken: ContractCase = {
    id: `${PROVIDER}-bearer-token`,
    provider: PROVIDER,
    title: 'calls the Conversation API with a bearer token it got from the OAuth2 token route',
    async run(ctx) {
      const sent = await sendTracked(ctx, d);
      const authorization = sent.entry.request.headers.authorization ?? '';
      if (!/^Bearer\s/i.test(authorization)) {
        ctx.fail({
          message: `Authorization is "${authorization.split(' ')[0] ?? ''} ..."; Bloomreach's integration calls the API with Authorization: Bearer <access token>`,
          pointer: '/headers/authorization',
          value: authorization,
          subject: subjectOf(sent.entry),
        });
      }
      const issued = (
        await ctx.simulator.journal.list({ provider: PROVIDER, route: 'token' })
      ).some((t) => t.outcome === 'accepted');
      if (!issued) {
        ctx.fail({
          message: 'the gateway never got an access token from POST /sinch/auth/oauth2/token',
          pointer: '',
          subject: 'simulator journal',
        });
      }
    },
  };

  const tokenReuse: ContractCase = {
    id: `${PROVIDER}-token-reuse`,
    provider: PROVIDER,
    title:
      'reuses its access token across sends instead of fetching one per send (the token route is throttled)',
    async run(ctx) {
      for (let i = 0; i < 3; i++) await sendTracked(ctx, d);
      const tokens = await ctx.requests({ provider: PROVIDER, route: 'token' });
      if (tokens.length > 1) {
        ctx.fail({
          message: `the gateway requested ${tokens.length} access tokens for 3 sends; a token lasts expires_in seconds, and the token route allows 30 at once, then 10 per second`,
          pointer: '',
          value: tokens.length,
          subject: 'POST /sinch/auth/oauth2/token',
        });
      }
    },
  };

  const tokenRefresh: ContractCase = {
    id: `${PROVIDER}-token-refresh`,
    provider: PROVIDER,
    title:
      'fetches a new token and sends again when the API answers 401 with WWW-Authenticate saying expired',
    requires: ['faults'],
    async run(ctx) {
      const to = d.recipient(ctx.sequence());
      await ctx.addFaults([
        {
          description: 'the next send meets an expired token',
          match: { provider: PROVIDER, route: 'send', recipient: { exact: to }, times: 1 },
          then: { error: 'token_expired' },
        },
      ]);
      await ctx.gateway.send(d.sendInput([to]));
      const entries = await requestsTo(ctx, d, [to]);
      const expired = entries.find((e) => e.response?.status === 401);
      if (!expired)
        throw new Error('precondition: the expired-token fault did not answer the send');
      let retried: ServeEvent | undefined;
      try {
        retried = await ctx.waitFor('an accepted send after the 401', async () =>
          (await requestsTo(ctx, d, [to])).find(
            (e) => e.receivedAtMs >= expired.receivedAtMs && e.outcome === 'accepted',
          ),
        );
      } catch (error) {
        if (!(error instanceof WaitTimeoutError)) throw error;
      }
      const tokens = (await ctx.requests({ provider: PROVIDER, route: 'token' })).filter(
        (t) => t.receivedAtMs >= expired.receivedAtMs,
      );
      if (tokens.length === 0 || !retried) {
        ctx.fail({
          message: `after 401 with WWW-Authenticate "...expired...", the gateway ${tokens.length === 0 ? 'fetched no new token' : 'fetched a token'} and ${retried ? 'sent again' : 'did not send again'}; it must refresh the token and retry`,
          pointer: '/headers/authorization',
          value: { tokenRequests: tokens.length, retried: retried !== undefined },
          subject: subjectOf(expired),
        });
      }
    },
  };

  const signatureVerified: ContractCase = {
    id: `${PROVIDER}-signature-verified`,
    provider: PROVIDER,
    title:
      'acknowledges a correctly signed callback and refuses one with a bad signature, without signature, or signed with another secret',
    async run(ctx) {
      const sent = await sendTracked(ctx, d);
      const body = deliveryReport(sent, Date.now(), 'DELIVERED');
      const callback = { kind: 'delivery', schema: DELIVERY_SCHEMA, body };
      expectAcknowledged(
        ctx,
        await fireBuiltCallback(ctx, d, {
          ...callback,
          what: 'a correctly signed DELIVERED report',
        }),
      );
      const payload = JSON.stringify(body);
      const bad = signatureHeaders(payload, secret);
      const signature = bad['x-sinch-webhook-signature']!;
      bad['x-sinch-webhook-signature'] = `${signature[0] === 'A' ? 'B' : 'A'}${signature.slice(1)}`;
      const refusals: [string, Record<string, string>][] = [
        ['a report with a corrupted x-sinch-webhook-signature', bad],
        ['a report without signature headers', {}],
        ['a report signed with another secret', signatureHeaders(payload, `${secret}-other`)],
      ];
      for (const [what, headers] of refusals) {
        const url = ctx.gateway.callbackUrl(PROVIDER, 'delivery');
        const answer = await ctx.fireCallback(url, body, headers);
        if (answer.status >= 200 && answer.status < 300) {
          ctx.fail({
            message: `the gateway acknowledged ${what} with ${answer.status}; a callback whose signature does not verify must be refused`,
            pointer: '/headers/x-sinch-webhook-signature',
            value: headers['x-sinch-webhook-signature'] ?? null,
            subject: `callback to ${url}`,
          });
        }
      }
    },
  };

  const replayedNonce: ContractCase = {
    id: `${PROVIDER}-replayed-nonce-refused`,
    provider: PROVIDER,
    title:
      'refuses with 4xx a correctly signed callback whose nonce it already accepted (sent again as is, or with another body), and does not apply it',
    async run(ctx) {
      const sent = await sendTracked(ctx, d);
      const at = Date.now();
      const url = ctx.gateway.callbackUrl(PROVIDER, 'delivery');
      const subject = `callback to ${url}`;
      const queued = deliveryReport(sent, at, 'QUEUED_ON_CHANNEL');
      const headers = signatureHeaders(JSON.stringify(queued), secret);
      const nonce = headers['x-sinch-webhook-signature-nonce']!;
      const first = await ctx.fireCallback(url, queued, headers);
      const what = 'a correctly signed QUEUED_ON_CHANNEL report with a fresh nonce';
      if (!expectAcknowledged(ctx, { url, what, answer: first })) return;
      const delivered = deliveryReport(sent, at, 'DELIVERED');
      const replays: [string, unknown, Record<string, string>][] = [
        ['the same signed report sent again (same bytes, nonce and timestamp)', queued, headers],
        [
          'a DELIVERED report signed correctly with the nonce already used',
          delivered,
          signatureHeaders(JSON.stringify(delivered), secret, nonce),
        ],
      ];
      for (const [what, body, replayHeaders] of replays) {
        const answer = await ctx.fireCallback(url, body, replayHeaders);
        if (answer.status < 400 || answer.status >= 500) {
          ctx.fail({
            message: `the gateway answered ${answer.status} to ${what}; Sinch tells receivers to reject reused nonces, so a replay must be refused with 4xx (not 2xx, which applies it, nor 5xx, which asks for it again)`,
            pointer: '/headers/x-sinch-webhook-signature-nonce',
            value: nonce,
            subject,
            rule: 'reject reused nonces',
            expected: '4xx',
          });
        }
      }
      // With the simulator's own callbacks quiet (faults), only a replay could deliver the message.
      if (ctx.gateway.status && ctx.simulator.faults) {
        await new Promise((resolve) => setTimeout(resolve, ctx.timeouts.graceMs));
        const after = await ctx.gateway.status(sent.id);
        if (after === 'delivered') {
          ctx.fail({
            message: `message ${sent.id} is delivered: the gateway applied a DELIVERED report whose nonce it had already accepted`,
            pointer: '/status',
            value: after,
            subject: `gateway message ${sent.id}`,
            rule: 'reject reused nonces',
          });
        }
      }
    },
  };

  const readBeforeDelivered: ContractCase = {
    id: `${PROVIDER}-read-before-delivered`,
    provider: PROVIDER,
    title:
      'acknowledges READ with no DELIVERED before it, and a late DELIVERED after it (and, with a probe, counts the message delivered)',
    requires: ['faults'],
    async run(ctx) {
      const sent = await sendTracked(ctx, d);
      const at = Date.now();
      for (const [sinchStatus, what] of [
        ['READ', 'READ with no DELIVERED before it'],
        ['DELIVERED', 'a DELIVERED report after READ'],
      ] as const) {
        const fired = await fireBuiltCallback(ctx, d, {
          kind: 'delivery',
          schema: DELIVERY_SCHEMA,
          what,
          body: deliveryReport(sent, at, sinchStatus),
        });
        if (expectAcknowledged(ctx, fired) && ctx.gateway.status) {
          await expectStatus(ctx, sent.id, 'delivered', `after ${what}`);
        }
      }
    },
  };

  return [
    sendsAccepted,
    bearerToken,
    tokenReuse,
    tokenRefresh,
    signatureVerified,
    replayedNonce,
    readBeforeDelivered,
  ];
}

/** The Sinch Conversation contract for a gateway configured as `options` says: the common cases, then its own. */
export function createSinchConversationContract(
  options: SinchConversationContractOptions = {},
): ContractCase[] {
  const descriptor = createSinchConversationDescriptor(options);
  return [
    ...commonCases(descriptor),
    ...ownCases(descriptor, options.webhookSecret ?? 'sandbox-webhook-secret'),
  ];
}

/** The Sinch Conversation descriptor for a gateway using the sandbox webhook secret. */
export const sinchConversationDescriptor: ProviderContractDescriptor =
  createSinchConversationDescriptor();

/** Every Sinch Conversation contract case, for a gateway using the sandbox webhook secret. */
export const sinchConversationContract: ContractCase[] = createSinchConversationContract();
