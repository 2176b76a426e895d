import type {
  CallbackEvent,
  CallbackKindDefinition,
  PreparedCallback,
  ProviderContext,
} from '../../src/engine/provider-api.js';
import { deliveryStatusOf } from './lifecycle.js';
import { dataOf, type ScheduledReport, type SentMessageData } from './message-data.js';
import { NOTIFICATION_KINDS, type NotificationKind } from './notifications.js';
import { REASON_DESCRIPTIONS } from './reason-codes.js';
import type { SinchConversationSettings } from './settings.js';
import { pendingSecretKey, signCallback } from './signing.js';
import { signingSecretFor } from './webhook-registry.js';
import { callbackBearer } from './callback-token.js';

/** Schema id of the MESSAGE_DELIVERY callback body. */
export const DELIVERY_CALLBACK_SCHEMA = 'sinch-conversation/message-delivery-callback';
/** Schema id of the MESSAGE_INBOUND callback body. */
export const INBOUND_CALLBACK_SCHEMA = 'sinch-conversation/message-inbound-callback';

/** The channel reports the event a moment before the Conversation API accepts its callback. */
const CHANNEL_LAG_MS = 250;

const iso = (ms: number): string => new Date(ms).toISOString();

/** The one event of a callback: the Conversation API sends one event per request. */
function single(events: readonly CallbackEvent[]): CallbackEvent {
  if (events.length !== 1) {
    throw new Error(
      `sinch-conversation callbacks carry one event each, got ${events.length}; set providers.sinch-conversation.callbackBatch.maxEvents to 1`,
    );
  }
  return events[0]!;
}

/** The scheduled report behind a step; a step forced from outside falls back to the last channel tried. */
function reportOf(event: CallbackEvent, data: SentMessageData): ScheduledReport {
  const status = deliveryStatusOf(event.step.status) ?? 'FAILED';
  const found = data.reports?.find((r) => r.afterMs === event.step.afterMs && r.status === status);
  if (found) return found;
  const last = data.reports?.at(-1);
  const reason = event.step.code;
  return {
    afterMs: event.step.afterMs,
    status,
    channel: last?.channel ?? 'WHATSAPP',
    identity: last?.identity ?? event.message.recipient,
    ...((status === 'FAILED' || status === 'SWITCHING_CHANNEL') && {
      reason: reason ?? 'UNKNOWN',
      description: event.step.description ?? REASON_DESCRIPTIONS[reason ?? 'UNKNOWN'],
    }),
  };
}

/**
 * The identity as a delivery report writes it: WhatsApp numbers with a leading `+`, as Sinch's
 * WhatsApp delivery samples show (inbound messages carry them without).
 * @see https://developers.sinch.com/docs/conversation/callbacks
 */
function reportedIdentity(channel: string, identity: string): string {
  return channel === 'WHATSAPP' ? `+${identity.replace(/^\+/, '')}` : identity;
}

/** Leaves the secret for this body where `sign` finds it (sign runs right after build). */
function prepareFor(
  kind: string,
  event: CallbackEvent,
  target: string,
  context: ProviderContext<SinchConversationSettings>,
): Pick<PreparedCallback, 'headers'> {
  const secret = signingSecretFor(kind, event.message, target, context);
  if (secret === undefined) context.store.delete(pendingSecretKey(target));
  else context.store.set(pendingSecretKey(target), secret);
  return {};
}

/**
 * A MESSAGE_DELIVERY callback: the common fields (`app_id`, `project_id`, `accepted_time`,
 * `event_time`, `message_metadata`, `correlation_id`) and `message_delivery_report`; no `trigger`
 * field (the receiver tells the type by the top-level key).
 * @see https://developers.sinch.com/docs/conversation/callbacks
 */
export function buildDeliveryCallback(
  events: readonly CallbackEvent[],
  context: ProviderContext<SinchConversationSettings>,
  target: string,
): PreparedCallback {
  const event = single(events);
  const data = dataOf(event.message);
  if (data.type !== 'sent') throw new Error('a delivery report needs a sent message');
  const extra = prepareFor('delivery', event, target, context);
  const report = reportOf(event, data);
  return {
    ...extra,
    body: {
      app_id: data.appId,
      accepted_time: iso(event.at),
      event_time: iso(Math.max(data.acceptedAt, event.at - CHANNEL_LAG_MS)),
      project_id: data.projectId,
      ...(data.messageMetadata !== undefined && { message_metadata: data.messageMetadata }),
      ...(data.correlationId !== undefined && { correlation_id: data.correlationId }),
      message_delivery_report: {
        message_id: event.message.id,
        conversation_id: data.conversationId,
        status: report.status,
        ...(report.noIdentity !== true && {
          channel_identity: {
            channel: report.channel,
            identity: reportedIdentity(report.channel, report.identity),
            app_id: '',
          },
        }),
        contact_id: data.contactId,
        ...(report.reason !== undefined && {
          reason: {
            code: report.reason,
            description: report.description ?? REASON_DESCRIPTIONS[report.reason] ?? '',
            sub_code: 'UNSPECIFIED_SUB_CODE',
          },
        }),
        metadata: data.messageMetadata ?? '',
        processing_mode: data.processingMode,
      },
    },
  };
}

/**
 * A MESSAGE_INBOUND callback: the common fields and `message` with the contact's message
 * (`contact_message`), its channel identity and ids; no `trigger` field.
 * @see https://developers.sinch.com/docs/conversation/callbacks
 */
export function buildInboundCallback(
  events: readonly CallbackEvent[],
  context: ProviderContext<SinchConversationSettings>,
  target: string,
): PreparedCallback {
  const event = single(events);
  const data = dataOf(event.message);
  if (data.type !== 'inbound') throw new Error('an inbound callback needs a contact message');
  const extra = prepareFor('inbound', event, target, context);
  return {
    ...extra,
    body: {
      app_id: data.appId,
      accepted_time: iso(event.at),
      event_time: iso(data.sentAt),
      project_id: data.projectId,
      ...(data.conversationMetadata !== undefined && {
        message_metadata: data.conversationMetadata,
      }),
      ...(data.correlationId !== undefined && { correlation_id: data.correlationId }),
      message: {
        id: event.message.id,
        direction: 'TO_APP',
        contact_message: data.contactMessage,
        channel_identity: { channel: data.channel, identity: data.identity, app_id: '' },
        conversation_id: data.conversationId,
        contact_id: data.contactId,
        metadata: data.metadata,
        accept_time: iso(event.at),
        processing_mode: data.processingMode,
        injected: false,
      },
    },
  };
}

/** Schema id of the notification callbacks (MESSAGE_SUBMIT, CONVERSATION_*, CONTACT_*). */
export const NOTIFICATION_CALLBACK_SCHEMA = 'sinch-conversation/notification-callback';

/**
 * A notification callback: the common fields and one `*_notification` key (`message_submit_notification`,
 * `conversation_start_notification`, `contact_create_notification`...); no `trigger` field.
 * @see https://github.com/sinch/sinch-sdk-node/blob/main/packages/conversation/src/rest/v1/callbacks/callbacks-webhook.ts
 */
export function buildNotificationCallback(
  events: readonly CallbackEvent[],
  context: ProviderContext<SinchConversationSettings>,
  target: string,
): PreparedCallback {
  const event = single(events);
  const data = dataOf(event.message);
  const extra = prepareFor(event.kind, event, target, context);
  const common = {
    app_id: data.appId,
    accepted_time: iso(event.at),
    event_time: iso(event.at),
    project_id: data.projectId,
    ...(data.correlationId !== undefined && { correlation_id: data.correlationId }),
  };
  if (data.type === 'sent') {
    const first = 'attempts' in data.plan ? data.plan.attempts[0] : undefined;
    return {
      ...extra,
      body: {
        ...common,
        ...(data.messageMetadata !== undefined && { message_metadata: data.messageMetadata }),
        message_submit_notification: {
          message_id: event.message.id,
          conversation_id: data.conversationId,
          ...(first && {
            channel_identity: {
              channel: first.channel,
              identity: reportedIdentity(first.channel, first.identity),
              app_id: '',
            },
          }),
          contact_id: data.contactId,
          submitted_message: data.appMessage ?? {},
          metadata: data.messageMetadata ?? '',
          processing_mode: data.processingMode,
        },
      },
    };
  }
  if (data.type !== 'notification') throw new Error('a notification needs a notification event');
  const key = NOTIFICATION_KINDS[data.kind as NotificationKind].key;
  return { ...extra, body: { ...common, [key]: data.payload } };
}

const notification: CallbackKindDefinition<SinchConversationSettings> = {
  build: buildNotificationCallback,
  sign: signCallback,
  authorize: callbackBearer,
  schema: NOTIFICATION_CALLBACK_SCHEMA,
  single: true,
};

/**
 * Callback kinds: `delivery` (the MESSAGE_DELIVERY trigger), `inbound` (MESSAGE_INBOUND) and the
 * notifications (`submit`, `conversation-start`, `contact-create`...), each signed with the secret
 * of the webhook it goes to, and carrying its bearer token when it has `client_credentials`.
 * @see https://developers.sinch.com/docs/conversation/callbacks
 */
export const SINCH_CONVERSATION_CALLBACKS: Record<
  string,
  CallbackKindDefinition<SinchConversationSettings>
> = {
  delivery: {
    build: buildDeliveryCallback,
    sign: signCallback,
    authorize: callbackBearer,
    schema: DELIVERY_CALLBACK_SCHEMA,
  },
  inbound: {
    build: buildInboundCallback,
    sign: signCallback,
    authorize: callbackBearer,
    schema: INBOUND_CALLBACK_SCHEMA,
  },
  ...Object.fromEntries(Object.keys(NOTIFICATION_KINDS).map((kind) => [kind, notification])),
};
