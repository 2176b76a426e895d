import { retryAfterMs } from '../provider-http.js';
import type {
  CallbackOutcome,
  CallbackRequest,
  DeliveryReport,
  GatewayProvider,
  ParsedCallback,
  PlannedRequest,
  ProviderAnswer,
  ProviderDeps,
  SendInput,
} from './gateway-provider.js';
import type { SinchConversationDefects } from './sinch-conversation-defects.js';
import { undocumentedKeys } from './sinch-conversation-keys.js';
import { NonceMemory, verifyWebhookSignature } from './sinch-conversation-signature.js';
import { DEFAULT_REJECTED_REASONS, meaningOf } from './sinch-conversation-status.js';
import { TokenCache, TokenRequestError } from './sinch-conversation-token.js';

/**
 * What Bloomreach's "Sinch Mobile Messaging" integration is configured with: project id, app id,
 * access key and secret, region; plus the channel to send on and the webhook secret. Defaults are
 * the simulator's sandbox.
 * @see https://documentation.bloomreach.com/engagement/docs/sinch-mobile-messaging
 */
export interface SinchConversationGatewaySettings {
  projectId: string;
  appId: string;
  keyId: string;
  keySecret: string;
  region: 'us' | 'eu' | 'br';
  /** Base of the token route; default `<simulator>/sinch/auth` (the real one is `https://auth.sinch.com`). */
  authBaseUrl?: string;
  /** Base of the Conversation API; default `<simulator>/sinch/<region>` (`https://<region>.conversation.api.sinch.com`). */
  conversationBaseUrl?: string;
  /** The channel messages go out on. */
  channel: 'WHATSAPP' | 'RCS';
  /** Channels tried after `channel`, in order (text messages only). */
  fallbackChannels: ('WHATSAPP' | 'RCS')[];
  /** `language_code` of WhatsApp templates, underscore form. */
  templateLanguage: string;
  /** The webhook's secret, to check callback signatures; `null` takes unsigned callbacks. */
  webhookSecret: string | null;
  /** Most seconds a signature timestamp may be away from now. */
  maxSignatureAgeSeconds: number;
  /** Reason codes whose FAILED report is Bloomreach `rejected` rather than `failed`. */
  rejectedReasons: string[];
  /** `message_metadata` of every send (Bloomreach's campaign). */
  campaignId: string;
  /** Switches that make this integration wrong on purpose. */
  defects: SinchConversationDefects;
}

/** Defaults: the simulator's sandbox project, app, key and webhook secret. */
export const SINCH_CONVERSATION_GATEWAY_DEFAULTS: SinchConversationGatewaySettings = {
  projectId: 'sandbox-project',
  appId: 'sandbox-app',
  keyId: 'sandbox-key',
  keySecret: 'sandbox-secret',
  region: 'us',
  channel: 'WHATSAPP',
  fallbackChannels: [],
  templateLanguage: 'en_US',
  webhookSecret: 'sandbox-webhook-secret',
  maxSignatureAgeSeconds: 300,
  rejectedReasons: [...DEFAULT_REJECTED_REASONS],
  campaignId: 'campaign-1',
  defects: {},
};

/** Top-level keys of Conversation API callbacks other than the two the gateway reads. */
const OTHER_CALLBACKS =
  /^(event|event_delivery_report|message_submit_notification|message_redaction|unsupported_callback|duplicated_identities|[a-z_]+_notification)$/;

const isObject = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === 'object' && !Array.isArray(value);

/** The Conversation API's answer, as a send outcome. */
async function readAnswer(response: Response): Promise<ProviderAnswer & { messageId?: string }> {
  const text = await response.text();
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    body = undefined;
  }
  if (response.ok && isObject(body) && typeof body.message_id === 'string') {
    return { accepted: true, messageId: body.message_id };
  }
  const error = isObject(body) && isObject(body.error) ? body.error : undefined;
  const retryAfter = retryAfterMs(response.headers.get('retry-after'));
  return {
    accepted: false,
    status: response.status,
    ...(retryAfter !== undefined && { retryAfterMs: retryAfter }),
    code: typeof error?.status === 'string' ? error.status : String(response.status),
    description:
      typeof error?.message === 'string'
        ? `${error.message}${Array.isArray(error.details) ? ` ${JSON.stringify(error.details)}` : ''}`
        : `HTTP ${response.status}: ${text.slice(0, 200)}`,
  };
}

/**
 * Sinch Mobile Messaging as Bloomreach uses it: the Conversation API with an OAuth2 token, one
 * `messages:send` per recipient (WhatsApp text or template, or RCS), `correlation_id` = the
 * gateway's reference; signed MESSAGE_DELIVERY and MESSAGE_INBOUND callbacks, mapped to
 * Bloomreach's statuses (see `sinch-conversation-status.ts`).
 * @see https://documentation.bloomreach.com/engagement/docs/sinch-mobile-messaging
 * @see https://developers.sinch.com/docs/conversation/
 */
export function createSinchConversationProvider(
  overrides: Partial<SinchConversationGatewaySettings> | undefined,
  deps: ProviderDeps,
): GatewayProvider {
  const settings = { ...SINCH_CONVERSATION_GATEWAY_DEFAULTS, ...overrides };
  const defects = settings.defects;
  const authBase = (): string => settings.authBaseUrl ?? `${deps.baseUrl()}/sinch/auth`;
  const apiBase = (): string =>
    settings.conversationBaseUrl ?? `${deps.baseUrl()}/sinch/${settings.region}`;
  const tokens = new TokenCache({
    url: () => `${authBase()}/oauth2/token`,
    keyId: settings.keyId,
    keySecret: settings.keySecret,
    now: () => deps.now(),
    timeoutMs: deps.requestTimeoutMs,
  });
  const nonces = new NonceMemory();
  /** The gateway's reference of each message id Sinch gave, for reports without correlation_id. */
  const referenceOf = new Map<string, string>();
  /** Only the failDuplicateReport and rejectReadBeforeDelivered defects need these. */
  const processedKeys = new Set<string>();
  const delivered = new Set<string>();
  let sequence = 0;

  /** One contact's body; only the recipientsAsIdentities defect passes more than one recipient. */
  const bodyFor = (
    input: SendInput,
    to: readonly string[],
    reference: string,
  ): Record<string, unknown> => {
    const identities = to.map((r) => r.replace(/^\+/, ''));
    const channels = input.templateId
      ? [settings.channel]
      : [settings.channel, ...settings.fallbackChannels.filter((c) => c !== settings.channel)];
    const message =
      input.templateId !== undefined
        ? {
            template_message: {
              channel_template: {
                WHATSAPP: {
                  template_id: input.templateId,
                  language_code: defects.dashedLanguageCode
                    ? settings.templateLanguage.replace(/_/g, '-')
                    : settings.templateLanguage,
                  parameters: { 'body[1]text': input.text },
                },
              },
            },
          }
        : { text_message: { text: input.text } };
    const body: Record<string, unknown> = {
      app_id: settings.appId,
      recipient: {
        identified_by: {
          channel_identities: channels.flatMap((channel) =>
            identities.map((identity) => ({ channel, identity })),
          ),
        },
      },
      message,
      ...(channels.length > 1 && { channel_priority_order: channels }),
      message_metadata: settings.campaignId,
      correlation_id: reference,
    };
    if (defects.camelCaseFields) {
      const { app_id, message_metadata, correlation_id, ...rest } = body;
      return {
        ...rest,
        appId: app_id,
        messageMetadata: message_metadata,
        correlationId: correlation_id,
      };
    }
    return body;
  };

  const authorization = async (): Promise<string> => {
    if (defects.basicAuth) {
      return `Basic ${Buffer.from(`${settings.keyId}:${settings.keySecret}`).toString('base64')}`;
    }
    if (defects.tokenPerSend) tokens.clear();
    const token = await tokens.accessToken();
    return defects.bareAccessToken ? token : `Bearer ${token}`;
  };

  const post = async (
    body: Record<string, unknown>,
    reference: string,
  ): Promise<ProviderAnswer> => {
    let url = '';
    try {
      url = `${apiBase()}/v1/projects/${settings.projectId}/messages:send`;
      const attempt = async (auth: string): Promise<Response> =>
        fetch(url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: auth },
          body: JSON.stringify(body),
          signal: AbortSignal.timeout(deps.requestTimeoutMs),
        });
      let auth = await authorization();
      let response = await attempt(auth);
      const expired =
        response.status === 401 &&
        (response.headers.get('www-authenticate') ?? '').includes('expired');
      if (expired && !defects.noTokenRefresh && auth.startsWith('Bearer ')) {
        await response.arrayBuffer();
        tokens.invalidate(auth.slice('Bearer '.length));
        auth = await authorization();
        response = await attempt(auth);
      }
      const answer = await readAnswer(response);
      if (answer.accepted && answer.messageId !== undefined)
        referenceOf.set(answer.messageId, reference);
      return answer.accepted ? { accepted: true } : answer;
    } catch (error) {
      if (error instanceof TokenRequestError) {
        return {
          accepted: false,
          status: error.status,
          code: 'token-error',
          description: error.message,
        };
      }
      return {
        accepted: false,
        code: 'transport-error',
        description: `POST ${url || 'messages:send'}: ${(error as Error).message}`,
        transport: true,
      };
    }
  };

  const readDelivery = (body: Record<string, unknown>): ParsedCallback => {
    const report = body.message_delivery_report as Record<string, unknown>;
    const messageId = report.message_id;
    const status = report.status;
    if (typeof messageId !== 'string' || typeof status !== 'string') {
      return {
        ok: true,
        reports: [],
        unprocessed: [
          {
            code: 400,
            error: '/message_delivery_report needs message_id and status strings',
            record: body,
          },
        ],
      };
    }
    if (defects.rejectUnknownStatuses && !['DELIVERED', 'READ', 'FAILED'].includes(status)) {
      return { ok: false, status: 400, error: `status ${status} is not handled` };
    }
    if (defects.rejectReadBeforeDelivered && status === 'READ' && !delivered.has(messageId)) {
      return { ok: false, status: 400, error: `READ for ${messageId} came before DELIVERED` };
    }
    if (status === 'DELIVERED') delivered.add(messageId);
    const reason = isObject(report.reason) ? report.reason : undefined;
    const code = typeof reason?.code === 'string' ? reason.code : undefined;
    const channel = isObject(report.channel_identity) ? report.channel_identity.channel : undefined;
    const key = JSON.stringify([messageId, status, channel ?? null, code ?? null]);
    if (defects.failDuplicateReport) {
      if (processedKeys.has(key)) {
        return {
          ok: false,
          status: 500,
          error: `the ${status} report for ${messageId} was already processed`,
        };
      }
      processedKeys.add(key);
    }
    const meaning = meaningOf(status, code, settings.rejectedReasons);
    const reference =
      (typeof body.correlation_id === 'string' ? body.correlation_id : undefined) ??
      referenceOf.get(messageId) ??
      messageId;
    const delivery: DeliveryReport = {
      reference,
      event: meaning.bloomreach ?? status.toLowerCase(),
      ...(meaning.outcome && { outcome: meaning.outcome }),
      ...(code !== undefined && { code }),
      description:
        typeof reason?.description === 'string'
          ? reason.description
          : `${status}${typeof channel === 'string' ? ` on ${channel}` : ''}`,
      key,
      group: body,
    };
    return { ok: true, reports: [delivery], unprocessed: [] };
  };

  const readInbound = (body: Record<string, unknown>): ParsedCallback => {
    const message = isObject(body.message) ? body.message : {};
    const contact = isObject(message.contact_message) ? message.contact_message : {};
    const kind = Object.keys(contact).find((k) => k !== 'reply_to');
    if (kind === undefined) {
      return {
        ok: true,
        reports: [],
        unprocessed: [
          { code: 400, error: '/message/contact_message has no message', record: body },
        ],
      };
    }
    if (defects.textInboundOnly && kind !== 'text_message') {
      return { ok: false, status: 400, error: `inbound ${kind} is not handled` };
    }
    const choice = isObject(contact.choice_response_message) ? contact.choice_response_message : {};
    const replyTo = isObject(contact.reply_to) ? contact.reply_to.message_id : choice.message_id;
    const reference = typeof replyTo === 'string' ? referenceOf.get(replyTo) : undefined;
    if (reference === undefined) return { ok: true, reports: [], unprocessed: [] };
    // A reply to a message the gateway sent goes on that message's history (it changes no status).
    const summary =
      kind === 'text_message' && isObject(contact.text_message)
        ? String(contact.text_message.text)
        : kind === 'choice_response_message'
          ? `postback ${String(choice.postback_data)}`
          : kind;
    return {
      ok: true,
      reports: [
        {
          reference,
          inbound: true,
          event: 'incoming_message',
          description: summary,
          key: JSON.stringify(['inbound', message.id ?? null]),
          group: body,
        },
      ],
      unprocessed: [],
    };
  };

  return {
    id: 'sinch-conversation',
    title: 'Sinch Mobile Messaging (Sinch Conversation API) as Bloomreach uses it',
    callbackKinds: ['delivery', 'inbound'],
    // The simulator's request body limit; Sinch does not publish one for messages:send.
    maxRequestBytes: 1_048_576,

    checkSend(input) {
      if (input.templateId !== undefined && settings.channel !== 'WHATSAPP') {
        return {
          pointer: '/templateId',
          message: `/templateId names a WhatsApp template, but this gateway sends on ${settings.channel}`,
        };
      }
      return undefined;
    },

    planRequests(input) {
      // messages:send takes one contact; its channel identities are that contact's, not a batch.
      const batches = defects.recipientsAsIdentities ? [input.to] : input.to.map((to) => [to]);
      return batches.map((to): PlannedRequest => {
        const reference = `${settings.campaignId}-${deps.startTag}-${deps.now().toString(36)}-${++sequence}`;
        const body = bodyFor(input, to, reference);
        return {
          to: [...to],
          reference,
          bodyBytes: Buffer.byteLength(JSON.stringify(body)),
          execute: () => post(body, reference),
        };
      });
    },

    parseCallback(_kind, body, request: CallbackRequest): ParsedCallback {
      if (settings.webhookSecret !== null && !defects.skipSignatureCheck) {
        const verdict = verifyWebhookSignature(
          request.headers,
          request.rawBody,
          settings.webhookSecret,
          {
            nowSeconds: Math.floor(deps.now() / 1000),
            maxAgeSeconds: settings.maxSignatureAgeSeconds,
            ...(!defects.acceptReplayedNonce && { nonces }),
          },
        );
        if (!verdict.ok) return { ok: false, status: 401, error: verdict.error };
        nonces.add(verdict.nonce);
      }
      if (!isObject(body)) {
        return {
          ok: false,
          status: 400,
          error: 'body must be a JSON object (a Conversation API callback)',
        };
      }
      if (defects.rejectUnknownKeys) {
        const unknown = undocumentedKeys(body);
        if (unknown.length > 0) {
          return { ok: false, status: 400, error: `undocumented key(s): ${unknown.join(', ')}` };
        }
      }
      if (isObject(body.message_delivery_report)) return readDelivery(body);
      if (isObject(body.message)) return readInbound(body);
      // Other triggers, and types Sinch may add later, are acknowledged so they are not retried.
      if (
        typeof body.app_id === 'string' ||
        Object.keys(body).some((k) => OTHER_CALLBACKS.test(k))
      ) {
        return { ok: true, reports: [], unprocessed: [] };
      }
      return {
        ok: false,
        status: 400,
        error: `body is no Conversation API callback I know: top-level keys ${Object.keys(body).join(', ')}`,
      };
    },

    callbackAnswerBody({ processed, unprocessed, error }: CallbackOutcome) {
      return {
        status: error === undefined ? 'ok' : 'refused',
        processed,
        unprocessed,
        ...(error !== undefined && { error }),
      };
    },
  };
}
