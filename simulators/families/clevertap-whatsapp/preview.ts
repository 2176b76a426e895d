import type {
  AcceptedMessage,
  PhonePreview,
  PreviewButton,
} from '../../../src/engine/provider-api.js';
import { readSend } from './send-body.js';

type Fields = Record<string, unknown>;
type Part = Omit<PhonePreview, 'channel' | 'from' | 'to' | 'cards'>;

const text = (value: unknown): string | undefined =>
  typeof value === 'string' ? value : undefined;
const scalar = (value: unknown): string =>
  typeof value === 'string' || typeof value === 'number' ? String(value) : '';
const fields = (value: unknown): Fields =>
  value !== null && typeof value === 'object' ? (value as Fields) : {};

const MEDIA: Record<string, NonNullable<PhonePreview['media']>['type']> = {
  image: 'image',
  video: 'video',
  audio: 'audio',
  file: 'document',
  document: 'document',
};

function headerOf(component: Fields): Part['header'] {
  const header = fields(component.header);
  const type = text(header.type) ?? '';
  const value = fields(header[type]);
  if (type === 'text') return { type: 'text', text: text(value.text) ?? '' };
  if (type === 'location')
    return {
      type: 'location',
      text: [text(value.name), text(value.address)].filter(Boolean).join(', '),
    };
  const media = MEDIA[type];
  if (media !== 'image' && media !== 'video' && media !== 'document') return undefined;
  return {
    type: media,
    url: text(value.mediaURL) ?? '',
    ...(text(value.filename) && { filename: text(value.filename) }),
  };
}

function buttonOf(component: Fields): PreviewButton {
  const parameters = Array.isArray(component.parameters) ? (component.parameters as Fields[]) : [];
  const first = fields(parameters[0]);
  const label = text(component.buttonText) ?? '';
  switch ((text(component.subType) ?? '').toLowerCase().replace(/_/g, '')) {
    case 'dynamicurl':
    case 'staticurl':
      return { type: 'url', text: label, ...(text(first.text) && { url: text(first.text) }) };
    case 'callphone':
      return { type: 'call', text: label, ...(text(first.text) && { phone: text(first.text) }) };
    case 'copycode':
      return {
        type: 'copy_code',
        text: label,
        ...(text(first.coupon_code) && { payload: text(first.coupon_code) }),
      };
    default:
      return {
        type: 'quick_reply',
        text: label,
        payload: text(first.payload) ?? text(component.payload) ?? label,
      };
  }
}

/** A template's components as the phone shows them (carousel cards each get their own part). */
function partOf(components: readonly Fields[]): Part & { cards?: Part[] } {
  const part: Part & { cards?: Part[] } = {};
  for (const component of components) {
    switch (component.type) {
      case 'header':
        part.header = headerOf(component);
        break;
      case 'body':
        part.body = text(fields(component.body).text);
        break;
      case 'footer':
        part.footer = text(component.footer) ?? text(component.footertext);
        break;
      case 'limited_time_offer':
        part.body = [part.body, text(component.text)].filter(Boolean).join('\n');
        break;
      case 'button':
        (part.buttons ??= []).push(buttonOf(component));
        break;
      case 'carousel':
        part.cards = (Array.isArray(component.cards) ? (component.cards as Fields[]) : []).map(
          (card) => partOf(Array.isArray(card.components) ? (card.components as Fields[]) : []),
        );
        break;
    }
  }
  return part;
}

function inboundPreview(message: AcceptedMessage, body: Fields): PhonePreview {
  const type = text(body.type) ?? 'text';
  const preview: PhonePreview = {
    channel: 'whatsapp',
    from: message.recipient,
    to: text(body.wabaNumber) ?? '',
  };
  if (type === 'text') preview.body = text(fields(body.text).body);
  else if (type === 'button') preview.body = text(fields(body.button).text);
  else if (type === 'location') {
    const l = fields(body.location);
    preview.location = {
      latitude: scalar(l.latitude),
      longitude: scalar(l.longitude),
      ...(text(l.name) && { name: text(l.name) }),
      ...(text(l.address) && { address: text(l.address) }),
    };
  } else {
    const media = fields(body[type === 'file' ? 'document' : type]);
    preview.media = {
      type: MEDIA[type] ?? 'document',
      url: text(media.mediaURL) ?? '',
      ...(text(media.caption) && { caption: text(media.caption) }),
    };
  }
  return preview;
}

/**
 * A CleverTap Generic WhatsApp message as the phone shows it: a template's header, body (CleverTap
 * sends it already filled in), footer, buttons and carousel cards, or a freeform message; for a
 * customer's message, its text, tapped button, location or media.
 * @see https://docs.clevertap.com/docs/generic-whatsapp
 */
export function previewClevertapWhatsapp(
  message: AcceptedMessage,
  body: unknown,
): PhonePreview | undefined {
  const inbound = fields(message.data).body;
  if (inbound !== undefined) return inboundPreview(message, fields(inbound));
  const { message: sent } = readSend(body);
  const base: PhonePreview = { channel: 'whatsapp', from: sent.wabaNumber, to: message.recipient };
  if (sent.isTemplate) {
    return {
      ...base,
      ...(sent.template && {
        template: { name: sent.template.namespace, language: sent.template.languageCode },
      }),
      ...partOf((sent.components ?? []) as Fields[]),
    };
  }
  const freeform = sent as unknown as Fields;
  const type = text(freeform.type) ?? 'text';
  if (type === 'text') return { ...base, body: text(fields(freeform.text).body) ?? '' };
  const media = fields(freeform[type]);
  return {
    ...base,
    media: {
      type: MEDIA[type] ?? 'document',
      url: text(media.mediaURL) ?? '',
      ...(text(media.caption) && { caption: text(media.caption) }),
      ...(text(media.filename) && { filename: text(media.filename) }),
    },
  };
}
