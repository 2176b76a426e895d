// @ts-check
import { bareNumber } from './format.js';

/** @typedef {import('./types.js').ServeEvent} ServeEvent */
/** @typedef {import('./types.js').SubEvent} SubEvent */
/** @typedef {import('./types.js').JournaledMessage} JournaledMessage */

/**
 * One bubble of a conversation: a message of a journal entry, or a send the provider refused.
 * @typedef {object} ThreadItem
 * @property {string} key unique across the journal
 * @property {ServeEvent} entry the request (or injected inbound message) it came from
 * @property {JournaledMessage} [message] absent for a refused send
 * @property {string} provider
 * @property {string} number the customer's number, without a leading `+`
 * @property {'outbound' | 'inbound'} direction business to customer, or customer to business
 */

/**
 * All bubbles between one provider and one customer number, oldest first.
 * @typedef {object} Conversation
 * @property {string} key
 * @property {string} provider
 * @property {string} number
 * @property {ThreadItem[]} items
 */

/**
 * The callback attempts of one callback (first attempt first).
 * @typedef {object} CallbackStory
 * @property {string} callbackId
 * @property {string} kind
 * @property {string} target
 * @property {unknown} body what the first attempt sent
 * @property {SubEvent[]} attempts
 */

/**
 * @param {string} provider
 * @param {string} number
 */
export const conversationKey = (provider, number) => `${provider} ${bareNumber(number)}`;

/** The journal as the page knows it: entries by id, kept in step with the live stream. */
export class JournalState {
  /** @type {Map<string, ServeEvent>} */
  entries = new Map();
  /** @type {WeakMap<ServeEvent, Set<string>>} */
  #seen = new WeakMap();

  /**
   * Catches up with a full listing. Known entries stay the same objects (bubbles hold them) and
   * gain what they missed; entries the listing no longer has are forgotten, unless they are newer
   * than the listing (the live stream brought them after it was taken).
   * @param {ServeEvent[]} listing
   */
  load(listing) {
    const listed = new Set(listing.map((e) => e.id));
    const newest = Math.max(-Infinity, ...listing.map((e) => e.receivedAtMs));
    for (const [id, entry] of this.entries) {
      if (!listed.has(id) && entry.receivedAtMs <= newest) this.entries.delete(id);
    }
    for (const entry of listing) this.add(entry);
  }

  /**
   * Adds an entry, or merges what is new in it into the one already known.
   * @param {ServeEvent} entry
   * @returns {boolean} whether the entry was new
   */
  add(entry) {
    const known = this.entries.get(entry.id);
    if (!known) {
      this.entries.set(entry.id, entry);
      this.#seen.set(entry, new Set(entry.subEvents.map((s) => JSON.stringify(s))));
      return true;
    }
    for (const subEvent of entry.subEvents) this.addSubEvent(entry.id, subEvent);
    return false;
  }

  /**
   * Appends a sub-event unless it is already known.
   * @param {string} id
   * @param {SubEvent} subEvent
   * @returns {ServeEvent | undefined} the entry it changed
   */
  addSubEvent(id, subEvent) {
    const entry = this.entries.get(id);
    if (!entry) return undefined;
    const seen = this.#seen.get(entry) ?? new Set();
    const key = JSON.stringify(subEvent);
    if (seen.has(key)) return undefined;
    seen.add(key);
    this.#seen.set(entry, seen);
    entry.subEvents.push(subEvent);
    return entry;
  }

  clear() {
    this.entries = new Map();
  }
}

/**
 * The bubbles an entry makes: one per message, or, for a send that was refused, one per recipient.
 * @param {ServeEvent} entry
 * @returns {ThreadItem[]}
 */
export function itemsOf(entry) {
  const provider = entry.provider;
  if (provider === null || entry.outcome === 'unmatched') return [];
  if (entry.messages.length > 0) {
    return entry.messages.map((message) => ({
      key: `${entry.id}/${message.id}`,
      entry,
      message,
      provider,
      number: bareNumber(message.recipient),
      direction: message.direction,
    }));
  }
  if (entry.outcome === 'accepted') return [];
  return [...new Set(entry.recipients.map(bareNumber))].map((number) => ({
    key: `${entry.id}/to/${number}`,
    entry,
    provider,
    number,
    direction: /** @type {const} */ ('outbound'),
  }));
}

/**
 * Conversations, the most recently active first.
 * @param {Iterable<ServeEvent>} entries
 * @returns {Conversation[]}
 */
export function conversationsOf(entries) {
  /** @type {Map<string, Conversation>} */
  const byKey = new Map();
  for (const entry of entries) {
    for (const item of itemsOf(entry)) {
      const key = conversationKey(item.provider, item.number);
      let conversation = byKey.get(key);
      if (!conversation) {
        conversation = { key, provider: item.provider, number: item.number, items: [] };
        byKey.set(key, conversation);
      }
      conversation.items.push(item);
    }
  }
  const list = [...byKey.values()];
  for (const c of list) c.items.sort((a, b) => a.entry.receivedAtMs - b.entry.receivedAtMs);
  return list.sort((a, b) => lastAt(b) - lastAt(a));
}

/** @param {Conversation} conversation */
const lastAt = (conversation) => conversation.items.at(-1)?.entry.receivedAtMs ?? 0;

/**
 * The status sub-events of the item's message, in order.
 * @param {ThreadItem} item
 * @returns {SubEvent[]}
 */
export function statusEventsOf(item) {
  const id = item.message?.id;
  if (id === undefined) return [];
  return item.entry.subEvents.filter((s) => s.type === 'status' && s.messageId === id);
}

/**
 * Where the item stands now: its latest status, or how the provider answered a refused send.
 * @param {ThreadItem} item
 */
export function currentStatus(item) {
  if (!item.message) return item.entry.outcome;
  return String(statusEventsOf(item).at(-1)?.status ?? item.message.status);
}

/**
 * The failure code of the latest status, if it has one.
 * @param {ThreadItem} item
 * @returns {string | undefined}
 */
export function currentCode(item) {
  return statusEventsOf(item).at(-1)?.code;
}

/**
 * The callbacks about the item's message. A request with several messages shares its callbacks
 * unless their bodies name the message, so `shared` says when they could not be told apart.
 * @param {ThreadItem} item
 * @returns {{ stories: CallbackStory[], shared: boolean, notes: SubEvent[] }}
 */
export function callbacksOf(item) {
  /** @type {Map<string, CallbackStory>} */
  const stories = new Map();
  for (const s of item.entry.subEvents) {
    if (s.type !== 'callback-attempt' || s.callbackId === undefined) continue;
    let story = stories.get(s.callbackId);
    if (!story) {
      story = {
        callbackId: s.callbackId,
        kind: s.kind ?? '',
        target: s.target ?? '',
        body: s.body,
        attempts: [],
      };
      stories.set(s.callbackId, story);
    }
    if (story.body === undefined && s.body !== undefined) story.body = s.body;
    story.attempts.push(s);
  }
  const all = [...stories.values()];
  const messageId = item.message?.id;
  const notes = item.entry.subEvents.filter(
    (s) =>
      (s.type === 'callback-skipped' || s.type === 'callback-dropped') &&
      (messageId === undefined || s.messageId === undefined || s.messageId === messageId),
  );
  const others = item.entry.messages.filter((m) => m.id !== messageId);
  if (messageId === undefined || others.length === 0) return { stories: all, shared: false, notes };
  /** @param {CallbackStory} story @param {string} id */
  const mentions = (story, id) => JSON.stringify(story.body ?? '').includes(id);
  const own = all.filter((story) => mentions(story, messageId));
  const anyNamed = all.some((story) => item.entry.messages.some((m) => mentions(story, m.id)));
  return anyNamed
    ? { stories: own, shared: false, notes }
    : { stories: all, shared: all.length > 0, notes };
}

/**
 * The words a search looks through: ids, number and everything the phone shows (or the request).
 * @param {ThreadItem} item
 */
export function searchableText(item) {
  const parts = [item.number, item.entry.id];
  if (item.message) {
    parts.push(item.message.id, item.message.reference ?? '');
  }
  const preview = item.message?.preview;
  if (preview) {
    parts.push(JSON.stringify(preview));
  } else {
    parts.push(JSON.stringify(item.entry.request.body ?? ''));
    if (!item.message) parts.push(JSON.stringify(item.entry.response?.body ?? ''));
  }
  return parts.join('\n').toLowerCase();
}

/**
 * A one-line summary of the item for lists and announcements.
 * @param {ThreadItem} item
 */
export function summaryOf(item) {
  const preview = item.message?.preview;
  if (preview) {
    const text =
      preview.body ||
      preview.header?.text ||
      preview.media?.caption ||
      (preview.location
        ? `Location: ${preview.location.name ?? locationText(preview.location)}`
        : '');
    if (text) return text.replace(/\s+/g, ' ');
    if (preview.media) return `${capitalise(preview.media.type)} ${preview.media.filename ?? ''}`;
    if (preview.cards?.length) return `${preview.cards.length} cards`;
    if (preview.template) return `Template ${preview.template.name}`;
  }
  const text = firstText(item.entry.request.body);
  if (!item.message)
    return `Refused (HTTP ${item.entry.response?.status ?? '?'})${text ? `: ${text}` : ''}`;
  if (text) return text.replace(/\s+/g, ' ');
  return `${item.direction === 'inbound' ? 'Inbound' : 'Sent'} via ${item.entry.route ?? 'request'}`;
}

/** @param {{ latitude: string, longitude: string }} location */
const locationText = (location) => `${location.latitude}, ${location.longitude}`;

/** @param {string} text */
const capitalise = (text) => text.charAt(0).toUpperCase() + text.slice(1);

/**
 * The first string under a key named `text` in a request body, searched depth first: what most
 * message APIs call the words of a message, whatever their nesting.
 * @param {unknown} value
 * @param {number} [depth]
 * @returns {string | undefined}
 */
export function firstText(value, depth = 0) {
  if (value === null || typeof value !== 'object' || depth > 6) return undefined;
  const record = /** @type {Record<string, unknown>} */ (value);
  if (typeof record.text === 'string' && record.text !== '') return record.text;
  for (const child of Object.values(record)) {
    const found = firstText(child, depth + 1);
    if (found !== undefined) return found;
  }
  return undefined;
}
