import type {
  AcceptedMessage,
  PhonePreview,
  PreviewButton,
} from '../../src/engine/provider-api.js';
import { dataOf } from './message-data.js';

type Fields = Record<string, unknown>;
type Part = Omit<PhonePreview, 'channel' | 'from' | 'to' | 'cards'>;

const text = (value: unknown): string | undefined =>
  typeof value === 'string' ? value : undefined;
const scalar = (value: unknown): string =>
  typeof value === 'string' || typeof value === 'number' ? String(value) : '';
const fields = (value: unknown): Fields =>
  value !== null && typeof value === 'object' ? (value as Fields) : {};
const list = (value: unknown): Fields[] => (Array.isArray(value) ? (value as Fields[]) : []);

/** The media type a URL most likely holds, from its extension. */
function mediaType(url: string): NonNullable<PhonePreview['media']>['type'] {
  const ext = /\.([a-z0-9]+)(?:$|[?#])/i.exec(url)?.[1]?.toLowerCase() ?? '';
  if (['jpg', 'jpeg', 'png', 'gif', 'webp'].includes(ext)) return 'image';
  if (['mp4', 'mov', '3gp', 'webm'].includes(ext)) return 'video';
  if (['mp3', 'ogg', 'aac', 'amr', 'm4a', 'opus'].includes(ext)) return 'audio';
  return 'document';
}

function choiceButton(choice: Fields): PreviewButton {
  if (choice.url_message) {
    const url = fields(choice.url_message);
    return {
      type: 'url',
      text: text(url.title) ?? '',
      ...(text(url.url) && { url: text(url.url) }),
    };
  }
  if (choice.call_message) {
    const call = fields(choice.call_message);
    return {
      type: 'call',
      text: text(call.title) ?? '',
      ...(text(call.phone_number) && { phone: text(call.phone_number) }),
    };
  }
  if (choice.location_message)
    return { type: 'location', text: text(fields(choice.location_message).title) ?? '' };
  const label = text(fields(choice.text_message).text) ?? '';
  return { type: 'quick_reply', text: label, payload: text(choice.postback_data) ?? label };
}

function cardPart(card: Fields): Part {
  const media = text(fields(card.media_message).url);
  const type = media ? mediaType(media) : undefined;
  return {
    ...(media &&
      (type === 'image' || type === 'video' || type === 'document') && {
        header: { type, url: media },
      }),
    body: [text(card.title), text(card.description)].filter(Boolean).join('\n'),
    ...(list(card.choices).length > 0 && { buttons: list(card.choices).map(choiceButton) }),
  };
}

function locationOf(location: Fields): NonNullable<PhonePreview['location']> {
  const at = fields(location.coordinates);
  return {
    latitude: scalar(at.latitude),
    longitude: scalar(at.longitude),
    ...(text(location.title) && { name: text(location.title) }),
    ...(text(location.label) && { address: text(location.label) }),
  };
}

/** An app message (the `message` of messages:send) as the phone shows it. */
function sentPart(message: Fields): Part & { cards?: Part[] } {
  if (message.text_message) return { body: text(fields(message.text_message).text) ?? '' };
  if (message.media_message) {
    const url = text(fields(message.media_message).url) ?? '';
    return { media: { type: mediaType(url), url } };
  }
  if (message.template_message) {
    const template = fields(message.template_message);
    const channel = Object.values(fields(template.channel_template))[0];
    const chosen = fields(channel ?? template.omni_template);
    const parameters = Object.entries(fields(chosen.parameters)).map(
      ([key, value]) => `${key}: ${scalar(value)}`,
    );
    return {
      template: {
        name: text(chosen.template_id) ?? '',
        ...(text(chosen.language_code) && { language: text(chosen.language_code) }),
      },
      ...(parameters.length > 0 && { body: parameters.join('\n') }),
    };
  }
  if (message.choice_message) {
    const choice = fields(message.choice_message);
    return {
      body: text(fields(choice.text_message).text) ?? '',
      buttons: list(choice.choices).map(choiceButton),
    };
  }
  if (message.card_message) return cardPart(fields(message.card_message));
  if (message.carousel_message) {
    const carousel = fields(message.carousel_message);
    return {
      cards: list(carousel.cards).map(cardPart),
      ...(list(carousel.choices).length > 0 && {
        buttons: list(carousel.choices).map(choiceButton),
      }),
    };
  }
  if (message.location_message) return { location: locationOf(fields(message.location_message)) };
  if (message.list_message) {
    const l = fields(message.list_message);
    return { body: [text(l.title), text(l.description)].filter(Boolean).join('\n') };
  }
  if (message.contact_info_message) {
    const name = fields(fields(message.contact_info_message).name);
    return {
      body:
        [text(name.first_name), text(name.last_name)].filter(Boolean).join(' ') ||
        text(name.full_name) ||
        'Contact',
    };
  }
  return {};
}

/**
 * A Conversation API message as the phone shows it — text, media, template, choices, cards,
 * carousels, locations — on the channel it goes out on; for a contact's message, its text, media,
 * location or the choice it tapped.
 * @see https://developers.sinch.com/docs/conversation/message-types
 */
export function previewConversationMessage(
  message: AcceptedMessage,
  body: unknown,
): PhonePreview | undefined {
  const data = dataOf(message);
  if (data.type === 'inbound') {
    const contact = data.contactMessage;
    const base: PhonePreview = {
      channel: data.channel.toLowerCase(),
      from: data.identity,
      to: data.appId,
    };
    if (contact.text_message)
      return { ...base, body: text(fields(contact.text_message).text) ?? '' };
    if (contact.media_message) {
      const url = text(fields(contact.media_message).url) ?? '';
      return { ...base, media: { type: mediaType(url), url } };
    }
    if (contact.location_message)
      return { ...base, location: locationOf(fields(contact.location_message)) };
    if (contact.choice_response_message)
      return { ...base, body: text(fields(contact.choice_response_message).postback_data) ?? '' };
    return base;
  }
  const channel =
    'attempts' in data.plan ? data.plan.attempts[0]?.channel : data.plan.failure.channel;
  const sent = fields(fields(body).message);
  return {
    channel: (channel ?? 'whatsapp').toLowerCase(),
    from: data.appId,
    to: message.recipient,
    ...sentPart(sent),
  };
}
