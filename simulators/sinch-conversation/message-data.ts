import type { AcceptedMessage } from '../../src/engine/provider-api.js';
import type { DeliveryPlan } from './delivery-plan.js';
import type { Channel } from './settings.js';

/**
 * A delivery report as the Conversation API spells its status.
 * @see https://developers.sinch.com/docs/conversation/callbacks
 */
export type DeliveryStatus =
  'QUEUED_ON_CHANNEL' | 'DELIVERED' | 'READ' | 'FAILED' | 'SWITCHING_CHANNEL';

/** One delivery report the lifecycle scheduled, with the channel it is about. */
export interface ScheduledReport {
  afterMs: number;
  status: DeliveryStatus;
  channel: Channel;
  identity: string;
  reason?: string;
  description?: string;
  /** The failure is found before any channel identity is chosen: the report names none. */
  noIdentity?: boolean;
}

/** What both kinds of callback need about the app and the conversation. */
interface CommonData {
  projectId: string;
  appId: string;
  processingMode: 'CONVERSATION' | 'DISPATCH';
  /** Empty in DISPATCH mode. */
  contactId: string;
  /** Empty in DISPATCH mode. */
  conversationId: string;
  correlationId?: string;
}

/** What an accepted app message carries for its lifecycle and delivery reports. */
export interface SentMessageData extends CommonData {
  type: 'sent';
  acceptedAt: number;
  messageMetadata?: string;
  plan: DeliveryPlan;
  /** The app message as sent (the MESSAGE_SUBMIT notification repeats it). */
  appMessage?: Record<string, unknown>;
  /** Whether a webhook wants MESSAGE_SUBMIT for it. */
  submitNotified?: boolean;
  /** Filled by the lifecycle: the reports it scheduled, so each callback names its channel. */
  reports?: ScheduledReport[];
}

/** What an injected contact message carries for its MESSAGE_INBOUND callback. */
export interface InboundMessageData extends CommonData {
  type: 'inbound';
  channel: Channel;
  identity: string;
  contactMessage: Record<string, unknown>;
  /** `message.metadata`: the send's message_metadata for a choice response, else empty. */
  metadata: string;
  /** Top-level `message_metadata`: the conversation metadata last set, as JSON. */
  conversationMetadata?: string;
  sentAt: number;
}

/** What a notification (contact, conversation events) carries: its kind and the body part it reports. */
export interface NotificationData extends CommonData {
  type: 'notification';
  /** A key of NOTIFICATION_KINDS. */
  kind: string;
  payload: Record<string, unknown>;
  at: number;
}

/** The data of a message this provider created, by its `type`. */
export function dataOf(
  message: AcceptedMessage,
): SentMessageData | InboundMessageData | NotificationData {
  return message.data as unknown as SentMessageData | InboundMessageData | NotificationData;
}

/** What the simulator remembers of the latest send to an identity, so a reply can refer to it. */
export interface LastSend {
  messageId: string;
  projectId: string;
  appId: string;
  channel: Channel;
  correlationId?: string;
  messageMetadata?: string;
  conversationMetadata?: string;
  /** The postback data of the sent choices, in order, when the message offered choices. */
  postbacks: string[];
}

/** Store key of the latest send to `identity` (compared without a leading `+`). */
export const lastSendKey = (identity: string): string => `last-send:${identity.replace(/^\+/, '')}`;
