/**
 * Delivery-report reason codes with the description the simulator sends for each.
 * @see https://developers.sinch.com/docs/conversation/callbacks
 */
export const REASON_DESCRIPTIONS: Readonly<Record<string, string>> = {
  UNKNOWN: 'The error could not be classified',
  INTERNAL_ERROR: 'An internal error occurred',
  RATE_LIMITED: 'The message was not sent due to rate limiting',
  RECIPIENT_INVALID_CHANNEL_IDENTITY: 'The channel recipient identity was malformed',
  RECIPIENT_NOT_REACHABLE: 'Recipient could not be reached on the channel',
  RECIPIENT_NOT_OPTED_IN: 'The recipient has not opted in on the channel',
  OUTSIDE_ALLOWED_SENDING_WINDOW:
    'Message failed to send because more than 24 hours have passed since the customer last replied to this number',
  CHANNEL_FAILURE: 'The channel failed to accept the message',
  CHANNEL_BAD_CONFIGURATION: 'The channel configuration of the app is wrong',
  CHANNEL_CONFIGURATION_MISSING: 'The app has no configuration for the channel',
  MEDIA_TYPE_UNSUPPORTED: 'The message has an unsupported media type',
  MEDIA_TOO_LARGE: 'A referenced media file is too large',
  MEDIA_NOT_REACHABLE: 'The media link was not accessible',
  NO_CHANNELS_LEFT: 'There are no channels left to try',
  TEMPLATE_NOT_FOUND: 'The referenced template was not found',
  TEMPLATE_INSUFFICIENT_PARAMETERS: 'Not all parameters defined in the template were provided',
  TEMPLATE_NON_EXISTING_LANGUAGE_OR_VERSION:
    'The selected language or version of the template does not exist',
  DELIVERY_TIMED_OUT: 'Delivery failed due to a channel-imposed timeout',
  DELIVERY_REJECTED_DUE_TO_POLICY: 'The channel rejected the message due to a policy',
  CONTACT_NOT_FOUND: 'The provided contact ID does not exist',
  BAD_REQUEST: 'The request failed channel-specific validation',
  UNKNOWN_APP: 'The app is missing',
  NO_CHANNEL_IDENTITY_FOR_CONTACT: 'The contact has no channel identity for the resolved channels',
  CHANNEL_REJECT: 'The channel permanently rejected the message',
  NO_PERMISSION: 'No permission to perform the action',
  NO_PROFILE_AVAILABLE: 'No profile is available',
  UNSUPPORTED_OPERATION: 'The operation is not supported',
  INACTIVE_CREDENTIAL: 'The channel credential is inactive',
  MESSAGE_EXPIRED: 'The message expired before it could be delivered',
  MESSAGE_SPLIT_REQUIRED: 'The message must be split to be sent on the channel',
  DELIVERY_REPORT_TIME_OUT: 'No delivery report arrived in time',
};

/** Every documented reason code. */
export const REASON_CODES: readonly string[] = Object.keys(REASON_DESCRIPTIONS);

/**
 * Failures found before a channel took the message: their FAILED report is not preceded by
 * QUEUED_ON_CHANNEL (the second validation stage runs during processing, before dispatch).
 * @see https://developers.sinch.com/docs/conversation/callbacks
 */
export const PRE_CHANNEL_REASONS: ReadonlySet<string> = new Set([
  'BAD_REQUEST',
  'CONTACT_NOT_FOUND',
  'NO_CHANNEL_IDENTITY_FOR_CONTACT',
  'CHANNEL_CONFIGURATION_MISSING',
  'UNKNOWN_APP',
  'NO_CHANNELS_LEFT',
  'TEMPLATE_NOT_FOUND',
  'TEMPLATE_INSUFFICIENT_PARAMETERS',
  'TEMPLATE_NON_EXISTING_LANGUAGE_OR_VERSION',
  'MESSAGE_EXPIRED',
]);
