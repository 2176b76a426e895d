/**
 * CleverTap Generic SMS failure codes and their meaning (there is no 911).
 * @see https://docs.clevertap.com/docs/generic-sms
 */
export const SMS_FAILURE_CODES: Readonly<Record<string, string>> = {
  '900': 'Any other error',
  '901': 'DND failure',
  '902': 'Spam detected',
  '903': 'Rejected / blacklisted',
  '904': 'Provider system error',
  '905': 'Subscriber error',
  '906': 'Blocked by DLT (header)',
  '907': 'Entity blocked by DLT',
  '908': 'Template blocked by DLT',
  '909': 'DLT consent error',
  '910': 'Invalid subscriber',
  '912': 'Inbox full',
  '913': 'NDNC rejected',
  '914': 'Undelivered',
  '915': 'Dropped',
  '916': 'Expired',
  '917': 'Force expired',
  '918': 'Duplicate dropped (same content to the same number within 30 minutes)',
  '919': 'DLT failure',
  '920': 'URL not whitelisted',
};

/** Description CleverTap's sample uses for a delivered message. */
export const DELIVERED_DESCRIPTION = 'Delivered to handset';
