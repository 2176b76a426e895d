import {
  asFields,
  asList,
  asScalar,
  asText,
  type AcceptedMessage,
  type JsonFields,
  type PhonePreview,
  type PreviewButton,
} from '../../src/engine/provider-api.js';
import { dataOf } from './message-data.js';

type Fields = JsonFields;
type Part = Omit<PhonePreview, 'channel' | 'from' | 'to' | 'cards'>;

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
    const url = asFields(choice.url_message);
    return {
      type: 'url',
      text: asText(url.title) ?? '',
      ...(asText(url.url) && { url: asText(url.url) }),
    };
  }
  if (choice.call_message) {
    const call = asFields(choice.call_message);
    return {
      type: 'call',
      text: asText(call.title) ?? '',
      ...(asText(call.phone_number) && { phone: asText(call.phone_number) }),
    };
  }
  if (choice.location_message)
    return { type: 'location', text: asText(asFields(choice.location_message).title) ?? '' };
  const label = asText(asFields(choice.text_message).text) ?? '';
  return { type: 'quick_reply', text: label, payload: asText(choice.postback_data) ?? label };
}

function cardPart(card: Fields): Part {
  const media = asText(asFields(card.media_message).url);
  const type = media ? mediaType(media) : undefined;
  return {
    ...(media &&
      (type === 'image' || type === 'video' || type === 'document') && {
        header: { type, url: media },
      }),
    body: [asText(card.title), asText(card.description)].filter(Boolean).join('\n'),
    ...(asList(card.choices).length > 0 && { buttons: asList(card.choices).map(choiceButton) }),
  };
}

function locationOf(location: Fields): NonNullable<PhonePreview['location']> {
  const at = asFields(location.coordinates);
  return {
    latitude: asScalar(at.latitude),
    longitude: asScalar(at.longitude),
    ...(asText(location.title) && { name: asText(location.title) }),
    ...(asText(location.label) && { address: asText(location.label) }),
  };
}

/** An app message (the `message` of messages:send) as the phone shows it. */
function sentPart(message: Fields): Part & { cards?: Part[] } {
  if (message.text_message) return { body: asText(asFields(message.text_message).text) ?? '' };
  if (message.media_message) {
    const url = asText(asFields(message.media_message).url) ?? '';
    return { media: { type: mediaType(url), url } };
  }
  if (message.template_message) {
    const template = asFields(message.template_message);
    const channel = Object.values(asFields(template.channel_template))[0];
    const chosen = asFields(channel ?? template.omni_template);
    const parameters = Object.entries(asFields(chosen.parameters)).map(
      ([key, value]) => `${key}: ${asScalar(value)}`,
    );
    return {
      template: {
        name: asText(chosen.template_id) ?? '',
        ...(asText(chosen.language_code) && { language: asText(chosen.language_code) }),
      },
      ...(parameters.length > 0 && { body: parameters.join('\n') }),
    };
  }
  if (message.choice_message) {
    const choice = asFields(message.choice_message);
    return {
      body: asText(asFields(choice.text_message).text) ?? '',
      buttons: asList(choice.choices).map(choiceButton),
    };
  }
  if (message.card_message) return cardPart(asFields(message.card_message));
  if (message.carousel_message) {
    const carousel = asFields(message.carousel_message);
    return {
      cards: asList(carousel.cards).map(cardPart),
      ...(asList(carousel.choices).length > 0 && {
        buttons: asList(carousel.choices).map(choiceButton),
      }),
    };
  }
  if (message.location_message) return { location: locationOf(asFields(message.location_message)) };
  if (message.list_message) {
    const l = asFields(message.list_message);
    return { body: [asText(l.title), asText(l.description)].filter(Boolean).join('\n') };
  }
  if (message.contact_info_message) {
    const name = asFields(asFields(message.contact_info_message).name);
    return {
      body:
        [asText(name.first_name), asText(name.last_name)].filter(Boolean).join(' ') ||
        asText(name.full_name) ||
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
  if (data.type === 'notification') return undefined;
  if (data.type === 'inbound') {
    const contact = data.contactMessage;
    const base: PhonePreview = {
      channel: data.channel.toLowerCase(),
      from: data.identity,
      to: data.appId,
    };
    if (contact.text_message)
      return { ...base, body: asText(asFields(contact.text_message).text) ?? '' };
    if (contact.media_message) {
      const url = asText(asFields(contact.media_message).url) ?? '';
      return { ...base, media: { type: mediaType(url), url } };
    }
    if (contact.location_message)
      return { ...base, location: locationOf(asFields(contact.location_message)) };
    if (contact.choice_response_message)
      return {
        ...base,
        body: asText(asFields(contact.choice_response_message).postback_data) ?? '',
      };
    return base;
  }
  const channel =
    'attempts' in data.plan ? data.plan.attempts[0]?.channel : data.plan.failure.channel;
  const sent = asFields(asFields(body).message);
  return {
    channel: (channel ?? 'whatsapp').toLowerCase(),
    from: data.appId,
    to: message.recipient,
    ...sentPart(sent),
  };
}
