/**
 * CleverTap's WhatsApp DLR failure codes and their titles (1010 is missing from the older page).
 * @see https://docs.clevertap.com/docs/generic-whatsapp
 */
export const DLR_FAILURE_TITLES: Readonly<Record<string, string>> = {
  '1000': 'Invalid credentials',
  '1001': 'Invalid template parameters',
  '1002': 'Invalid phone number',
  '1003': 'The phone number is no longer active',
  '1004': 'Too many send requests to phone numbers',
  '1005': 'The phone number is temporarily unavailable or not in the provider network',
  '1006': 'Phone number is blacklisted',
  '1007': "User device can't receive the message",
  '1008': 'This message is sent outside of the WhatsApp chat window',
  '1009': 'Other',
  '1010': 'WhatsApp Message Blocked by Meta',
};

/**
 * CleverTap's send-time error codes (answered with HTTP 200 and `status: "failure"`).
 * @see https://docs.clevertap.com/docs/generic-whatsapp
 */
export const SEND_FAILURE_MESSAGES: Readonly<Record<string, string>> = {
  '2000': 'Invalid Credentials',
  '2001': 'Invalid template parameters',
  '2002': 'Invalid phone number',
  '2003': 'Phone number not subscribed',
  '2004': 'Other',
};

/** The error kind that renders each send-time code (see `errors.ts`). */
export const SEND_FAILURE_KINDS: Readonly<Record<string, string>> = {
  '2000': 'unauthorized',
  '2001': 'template_rejected',
  '2002': 'invalid_recipient',
  '2003': 'not_subscribed',
  '2004': 'send_failed',
};
