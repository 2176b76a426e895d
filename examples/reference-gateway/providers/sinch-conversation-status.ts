/**
 * Bloomreach's mobile-message statuses.
 * @see https://documentation.bloomreach.com/engagement/docs/sinch-mobile-messaging
 */
export type BloomreachStatus =
  | 'enqueued'
  | 'enqueued_failed'
  | 'sent'
  | 'delivered'
  | 'read'
  | 'failed'
  | 'rejected'
  | 'incoming_message';

/**
 * Reason codes that mean the channel or Sinch refused the message rather than failed to deliver it:
 * their FAILED reports become Bloomreach `rejected` (which Sinch events produce `rejected` is not
 * documented; this is the gateway's choice, configurable).
 */
export const DEFAULT_REJECTED_REASONS: readonly string[] = [
  'DELIVERY_REJECTED_DUE_TO_POLICY',
  'CHANNEL_REJECT',
  'BAD_REQUEST',
  'RECIPIENT_NOT_OPTED_IN',
  'OUTSIDE_ALLOWED_SENDING_WINDOW',
  'TEMPLATE_NOT_FOUND',
  'TEMPLATE_INSUFFICIENT_PARAMETERS',
  'TEMPLATE_NON_EXISTING_LANGUAGE_OR_VERSION',
];

/** What a Sinch delivery status means for the message, in Bloomreach's words and the gateway's. */
export interface StatusMeaning {
  /** The Bloomreach status, or undefined for a status Bloomreach has no word for (SWITCHING_CHANNEL). */
  bloomreach: BloomreachStatus | undefined;
  /** The delivery outcome for the gateway's message store; READ implies delivered. */
  outcome?: 'delivered' | 'failed';
}

/**
 * Maps a MESSAGE_DELIVERY status to Bloomreach's: QUEUED_ON_CHANNEL is `sent`, DELIVERED
 * `delivered`, READ `read` (and delivered, as READ may come without DELIVERED), FAILED `failed` or,
 * for a refusal reason, `rejected`; SWITCHING_CHANNEL changes nothing (another channel is tried).
 * `enqueued` / `enqueued_failed` are the answer to messages:send, and `incoming_message` is
 * MESSAGE_INBOUND.
 * @see https://documentation.bloomreach.com/engagement/docs/sinch-mobile-messaging
 * @see https://developers.sinch.com/docs/conversation/callbacks
 */
export function meaningOf(
  status: string,
  reasonCode: string | undefined,
  rejectedReasons: readonly string[] = DEFAULT_REJECTED_REASONS,
): StatusMeaning {
  switch (status) {
    case 'QUEUED_ON_CHANNEL':
      return { bloomreach: 'sent' };
    case 'DELIVERED':
      return { bloomreach: 'delivered', outcome: 'delivered' };
    case 'READ':
      return { bloomreach: 'read', outcome: 'delivered' };
    case 'FAILED':
      return {
        bloomreach: rejectedReasons.includes(reasonCode ?? '') ? 'rejected' : 'failed',
        outcome: 'failed',
      };
    default:
      return { bloomreach: undefined };
  }
}
