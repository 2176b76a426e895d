import {
  asFields,
  asText,
  type AcceptedMessage,
  type PhonePreview,
} from '../../src/engine/provider-api.js';

/**
 * An SMS as the phone shows it: the originator and the recipient's own text (parameters filled);
 * a binary batch shows its size; an inbound shows the customer's number and text.
 */
export function previewSinchSmsRest(message: AcceptedMessage): PhonePreview | undefined {
  const data = asFields(message.data);
  const mo = asFields(data.mo);
  if (mo.type === 'mo_text') {
    return {
      channel: 'sms',
      from: asText(mo.from) ?? '',
      to: asText(mo.to) ?? '',
      body: asText(mo.body) ?? '',
    };
  }
  const text = asText(data.text);
  if (text === undefined) return undefined;
  return {
    channel: 'sms',
    from: asText(data.from) ?? '',
    to: message.recipient,
    body:
      data.binary === true ? `[binary message, ${Buffer.from(text, 'base64').length} bytes]` : text,
  };
}
