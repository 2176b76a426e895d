import {
  asFields,
  asScalar,
  asText,
  type AcceptedMessage,
  type JsonFields,
  type PhonePreview,
  type PreviewButton,
} from '../../../src/engine/provider-api.js';
import { readSend } from './send-body.js';

type Fields = JsonFields;
type Part = Omit<PhonePreview, 'channel' | 'from' | 'to' | 'cards'>;

const MEDIA: Record<string, NonNullable<PhonePreview['media']>['type']> = {
  image: 'image',
  video: 'video',
  audio: 'audio',
  file: 'document',
  document: 'document',
};

function headerOf(component: Fields): Part['header'] {
  const header = asFields(component.header);
  const type = asText(header.type) ?? '';
  const value = asFields(header[type]);
  if (type === 'text') return { type: 'text', text: asText(value.text) ?? '' };
  if (type === 'location')
    return {
      type: 'location',
      text: [asText(value.name), asText(value.address)].filter(Boolean).join(', '),
    };
  const media = MEDIA[type];
  if (media !== 'image' && media !== 'video' && media !== 'document') return undefined;
  return {
    type: media,
    url: asText(value.mediaURL) ?? '',
    ...(asText(value.filename) && { filename: asText(value.filename) }),
  };
}

function buttonOf(component: Fields): PreviewButton {
  const parameters = Array.isArray(component.parameters) ? (component.parameters as Fields[]) : [];
  const first = asFields(parameters[0]);
  const label = asText(component.buttonText) ?? '';
  switch ((asText(component.subType) ?? '').toLowerCase().replace(/_/g, '')) {
    case 'dynamicurl':
    case 'staticurl':
      return { type: 'url', text: label, ...(asText(first.text) && { url: asText(first.text) }) };
    case 'callphone':
      return {
        type: 'call',
        text: label,
        ...(asText(first.text) && { phone: asText(first.text) }),
      };
    case 'copycode':
      return {
        type: 'copy_code',
        text: label,
        ...(asText(first.coupon_code) && { payload: asText(first.coupon_code) }),
      };
    default:
      return {
        type: 'quick_reply',
        text: label,
        payload: asText(first.payload) ?? asText(component.payload) ?? label,
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
        part.body = asText(asFields(component.body).text);
        break;
      case 'footer':
        part.footer = asText(component.footer) ?? asText(component.footertext);
        break;
      case 'limited_time_offer':
        part.body = [part.body, asText(component.text)].filter(Boolean).join('\n');
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
  const type = asText(body.type) ?? 'text';
  const preview: PhonePreview = {
    channel: 'whatsapp',
    from: message.recipient,
    to: asText(body.wabaNumber) ?? '',
  };
  if (type === 'text') preview.body = asText(asFields(body.text).body);
  else if (type === 'button') preview.body = asText(asFields(body.button).text);
  else if (type === 'location') {
    const l = asFields(body.location);
    preview.location = {
      latitude: asScalar(l.latitude),
      longitude: asScalar(l.longitude),
      ...(asText(l.name) && { name: asText(l.name) }),
      ...(asText(l.address) && { address: asText(l.address) }),
    };
  } else {
    const media = asFields(body[type === 'file' ? 'document' : type]);
    preview.media = {
      type: MEDIA[type] ?? 'document',
      url: asText(media.mediaURL) ?? '',
      ...(asText(media.caption) && { caption: asText(media.caption) }),
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
  const inbound = asFields(message.data).body;
  if (inbound !== undefined) return inboundPreview(message, asFields(inbound));
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
  const type = asText(freeform.type) ?? 'text';
  if (type === 'text') return { ...base, body: asText(asFields(freeform.text).body) ?? '' };
  const media = asFields(freeform[type]);
  return {
    ...base,
    media: {
      type: MEDIA[type] ?? 'document',
      url: asText(media.mediaURL) ?? '',
      ...(asText(media.caption) && { caption: asText(media.caption) }),
      ...(asText(media.filename) && { filename: asText(media.filename) }),
    },
  };
}
