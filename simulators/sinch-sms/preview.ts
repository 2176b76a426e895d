import type { AcceptedMessage, PhonePreview } from '../../src/engine/provider-api.js';

/** An SMS as the phone shows it: the sender header and the text (for a reply: the customer's number and text). */
export function previewSms(message: AcceptedMessage, body: unknown): PhonePreview | undefined {
  const fields = (body ?? {}) as Record<string, unknown>;
  const data = message.data ?? {};
  if (typeof data.incomingText === 'string') {
    return {
      channel: 'sms',
      from: message.recipient,
      to: typeof data.toPhone === 'string' ? data.toPhone : '',
      body: data.incomingText,
    };
  }
  if (typeof fields.text !== 'string') return undefined;
  return {
    channel: 'sms',
    from: typeof fields.from === 'string' ? fields.from : '',
    to: message.recipient,
    body: fields.text,
  };
}
