// @ts-check
// Failure codes offered when forcing a failure, with what each means. They repeat the simulators' own
// tables (a test keeps them equal): sinch-sms/dlr-codes.ts, families/clevertap-whatsapp/status-codes.ts
// and sinch-conversation/reason-codes.ts.

/** CleverTap Generic SMS DLR failure codes. */
export const SMS_FAILURE_CODES = {
  900: 'Any other error',
  901: 'DND failure',
  902: 'Spam detected',
  903: 'Rejected / blacklisted',
  904: 'Provider system error',
  905: 'Subscriber error',
  906: 'Blocked by DLT (header)',
  907: 'Entity blocked by DLT',
  908: 'Template blocked by DLT',
  909: 'DLT consent error',
  910: 'Invalid subscriber',
  912: 'Inbox full',
  913: 'NDNC rejected',
  914: 'Undelivered',
  915: 'Dropped',
  916: 'Expired',
  917: 'Force expired',
  918: 'Duplicate dropped (same content to the same number within 30 minutes)',
  919: 'DLT failure',
  920: 'URL not whitelisted',
};

/** CleverTap Generic WhatsApp DLR failure codes. */
export const WHATSAPP_FAILURE_CODES = {
  1000: 'Invalid credentials',
  1001: 'Invalid template parameters',
  1002: 'Invalid phone number',
  1003: 'The phone number is no longer active',
  1004: 'Too many send requests to phone numbers',
  1005: 'The phone number is temporarily unavailable or not in the provider network',
  1006: 'Phone number is blacklisted',
  1007: "User device can't receive the message",
  1008: 'This message is sent outside of the WhatsApp chat window',
  1009: 'Other',
  1010: 'WhatsApp Message Blocked by Meta',
};

/** Sinch Conversation API delivery-report reason codes. */
export const CONVERSATION_REASON_CODES = {
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
