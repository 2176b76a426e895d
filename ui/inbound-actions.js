// @ts-check
import {
  CONVERSATION_REASON_CODES,
  SMS_FAILURE_CODES,
  WHATSAPP_FAILURE_CODES,
} from './failure-codes.js';

/** @typedef {import('./types.js').PreviewButton} PreviewButton */
/** @typedef {import('./types.js').JournaledMessage} JournaledMessage */

/** @typedef {'image' | 'video' | 'audio' | 'document'} MediaKind */

/**
 * How the page speaks to one inbound input schema: which customer actions it can express, how
 * each becomes a `POST /__admin/inbound` body (without `provider`), and which statuses and
 * failure codes make sense to force.
 * @typedef {object} Dialect
 * @property {(from: string, text: string) => Record<string, unknown>} text
 * @property {((from: string, place: { latitude: number, longitude: number, name?: string }) => Record<string, unknown>) | undefined} location
 * @property {((from: string, media: { url: string, kind: MediaKind, caption?: string }) => Record<string, unknown>) | undefined} media
 * @property {((from: string, button: PreviewButton, index: number, message: JournaledMessage) => Record<string, unknown>) | undefined} quickReply
 * @property {readonly string[]} statuses statuses the force controls offer (failed takes a code)
 * @property {Readonly<Record<string, string>>} failureCodes suggested codes, with their meaning
 */

/** MIME types by file extension, so a media URL is described the way a phone would send it. */
const MIME_TYPES = /** @type {Record<string, string>} */ ({
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  png: 'image/png',
  gif: 'image/gif',
  webp: 'image/webp',
  mp4: 'video/mp4',
  '3gp': 'video/3gpp',
  mp3: 'audio/mpeg',
  ogg: 'audio/ogg',
  opus: 'audio/ogg',
  m4a: 'audio/mp4',
  aac: 'audio/aac',
  pdf: 'application/pdf',
  txt: 'text/plain',
  doc: 'application/msword',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
});

/**
 * The MIME type a URL's file extension suggests, if any.
 * @param {string} url
 * @returns {string | undefined}
 */
export function mimeTypeOf(url) {
  let path = url;
  try {
    path = new URL(url).pathname;
  } catch {
    // not a full URL: look at the text as given
  }
  const extension = /\.([a-z0-9]+)$/i.exec(path)?.[1]?.toLowerCase();
  return extension === undefined ? undefined : MIME_TYPES[extension];
}

/**
 * The media kind a URL most likely is, from its MIME type.
 * @param {string} url
 * @returns {MediaKind}
 */
export function mediaKindOf(url) {
  const mime = mimeTypeOf(url) ?? '';
  if (mime.startsWith('image/')) return 'image';
  if (mime.startsWith('video/')) return 'video';
  if (mime.startsWith('audio/')) return 'audio';
  return mime === '' ? 'image' : 'document';
}

/** Any provider that takes a customer's text: `{from, text}`. */
const TEXT_ONLY = /** @type {Dialect} */ ({
  text: (from, text) => ({ from, text }),
  location: undefined,
  media: undefined,
  quickReply: undefined,
  statuses: ['delivered', 'read', 'failed'],
  failureCodes: {},
});

/** SMS replies: text only (the provider answers the latest message to that number). */
const SMS = /** @type {Dialect} */ ({
  ...TEXT_ONLY,
  statuses: ['delivered', 'failed'],
  failureCodes: SMS_FAILURE_CODES,
});

/** The CleverTap Generic WhatsApp input: `type` with flat fields; coordinates are strings. */
const CLEVERTAP_WHATSAPP = /** @type {Dialect} */ ({
  text: (from, text) => ({ from, type: 'text', text }),
  location: (from, place) => ({
    from,
    type: 'location',
    latitude: String(place.latitude),
    longitude: String(place.longitude),
    ...(place.name && { name: place.name }),
  }),
  media: (from, media) => {
    const mimeType = mimeTypeOf(media.url);
    return {
      from,
      type: media.kind === 'document' ? 'file' : media.kind,
      mediaUrl: media.url,
      ...(mimeType && { mimeType }),
      ...(media.caption && media.kind !== 'audio' && { text: media.caption }),
    };
  },
  quickReply: (from, button, _index, message) => ({
    from,
    type: 'button',
    text: button.text,
    ...(button.payload && { payload: button.payload }),
    ...(message.reference && { replyTo: message.reference }),
  }),
  statuses: ['delivered', 'read', 'failed'],
  failureCodes: WHATSAPP_FAILURE_CODES,
});

/** The Sinch Conversation API input: nested `media`, `location` and `choice`; numeric coordinates. */
const CONVERSATION = /** @type {Dialect} */ ({
  text: (from, text) => ({ from, text }),
  location: (from, place) => ({
    from,
    location: {
      latitude: place.latitude,
      longitude: place.longitude,
      ...(place.name && { title: place.name }),
    },
  }),
  media: (from, media) => ({
    from,
    media: { url: media.url, ...(media.caption && { caption: media.caption }) },
  }),
  quickReply: (from, button, index, message) => ({
    from,
    choice: button.payload ? { postbackData: button.payload } : { index },
    replyTo: message.id,
  }),
  statuses: ['delivered', 'read', 'failed'],
  failureCodes: CONVERSATION_REASON_CODES,
});

/** Dialects by inbound input schema id (`GET /__admin/inbound`). */
const BY_SCHEMA = /** @type {Record<string, Dialect>} */ ({
  'sinch-sms/inbound-input': SMS,
  'clevertap-whatsapp/inbound-input': CLEVERTAP_WHATSAPP,
  'sinch-whatsapp/inbound-input': CLEVERTAP_WHATSAPP,
  'kaleyra/inbound-input': CLEVERTAP_WHATSAPP,
  'msg91/inbound-input': CLEVERTAP_WHATSAPP,
  'sinch-conversation/inbound-input': CONVERSATION,
});

/**
 * The dialect of an inbound input schema: a known one, else text only; `undefined` when the
 * provider takes no customer messages at all.
 * @param {string | undefined} schema
 * @returns {Dialect | undefined}
 */
export function dialectFor(schema) {
  if (schema === undefined) return undefined;
  return BY_SCHEMA[schema] ?? TEXT_ONLY;
}

/** What forcing offers for a provider that takes no customer messages. */
export const FORCE_ONLY = TEXT_ONLY;
