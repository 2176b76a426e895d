// @ts-check
import { h, icon } from './dom.js';

/** @typedef {import('./types.js').PhonePreview} PhonePreview */
/** @typedef {import('./types.js').PreviewButton} PreviewButton */
/** @typedef {import('./types.js').PreviewHeader} PreviewHeader */
/** @typedef {import('./types.js').PreviewMedia} PreviewMedia */
/** @typedef {import('./types.js').PreviewLocation} PreviewLocation */
/** @typedef {Omit<PhonePreview, 'channel' | 'from' | 'to' | 'cards'>} CardPreview */

/**
 * @typedef {object} PhoneOptions
 * @property {((button: PreviewButton, index: number) => void) | undefined} [onQuickReply] what
 *   tapping a quick reply does; without it quick replies are shown but inert
 */

/**
 * The URL when it is a web address (or, with `tel`, a phone link); anything else, such as a
 * `javascript:` URL in a message, is never put into a link or an image.
 * @param {string | undefined} url
 * @param {boolean} [tel]
 * @returns {string | undefined}
 */
export function safeUrl(url, tel = false) {
  if (!url) return undefined;
  try {
    const parsed = new URL(url);
    if (parsed.protocol === 'http:' || parsed.protocol === 'https:') return parsed.href;
    if (tel && parsed.protocol === 'tel:') return parsed.href;
  } catch {
    // not an absolute URL
  }
  return undefined;
}

/** WhatsApp's inline markers: *bold*, _italic_, ~strike~, ```monospace```. */
const WHATSAPP_MARKUP = /(```[^`]+```|\*[^*\n]+\*|_[^_\n]+_|~[^~\n]+~)/g;

/**
 * Message text as nodes: line breaks kept by CSS, and WhatsApp's markers applied on WhatsApp.
 * @param {string} text
 * @param {string} channel
 * @returns {(Node | string)[]}
 */
export function formattedText(text, channel) {
  if (channel !== 'whatsapp') return [text];
  return text.split(WHATSAPP_MARKUP).map((part, i) => {
    if (i % 2 === 0) return part;
    if (part.startsWith('```')) return h('code', {}, part.slice(3, -3));
    const inner = part.slice(1, -1);
    if (part.startsWith('*')) return h('strong', {}, inner);
    if (part.startsWith('_')) return h('em', {}, inner);
    return h('s', {}, inner);
  });
}

/** @type {Record<PreviewMedia['type'] | 'location', string>} */
const MEDIA_NAMES = {
  image: 'Image',
  sticker: 'Sticker',
  video: 'Video',
  audio: 'Audio',
  document: 'Document',
  location: 'Location',
};

/**
 * A media attachment: images load when they can (a box names them when offline), other media
 * show as a labelled box with a link.
 * @param {PreviewMedia['type']} type
 * @param {string | undefined} url
 * @param {{ caption?: string, filename?: string }} [extra]
 * @returns {HTMLElement}
 */
export function renderMedia(type, url, extra = {}) {
  const href = safeUrl(url);
  const name = extra.filename ?? (href ? decodeURIComponent(href.split('/').pop() ?? '') : '');
  const iconName = type === 'sticker' ? 'image' : type;
  const box = () =>
    h(
      'div',
      { class: `ph-media-box ph-media-${type}` },
      icon(iconName),
      h(
        'span',
        { class: 'ph-media-text' },
        h('span', { class: 'ph-media-kind' }, MEDIA_NAMES[type]),
        name && h('span', { class: 'ph-media-name' }, name),
      ),
      href &&
        h(
          'a',
          { href, target: '_blank', rel: 'noopener noreferrer', class: 'ph-media-open' },
          'Open',
          h('span', { class: 'visually-hidden' }, ` ${MEDIA_NAMES[type].toLowerCase()} ${name}`),
        ),
    );
  /** @type {HTMLElement} */
  let shown = box();
  if ((type === 'image' || type === 'sticker') && href) {
    const image = h('img', {
      src: href,
      alt: extra.caption ?? `${MEDIA_NAMES[type]} ${name}`.trim(),
      loading: 'lazy',
      class: `ph-image${type === 'sticker' ? ' ph-sticker' : ''}`,
    });
    image.addEventListener('error', () => image.replaceWith(box()), { once: true });
    shown = image;
  }
  return h(
    'figure',
    { class: 'ph-media' },
    shown,
    extra.caption && h('figcaption', { class: 'ph-caption' }, extra.caption),
  );
}

/**
 * A shared place: pin, name, address and coordinates, with a map link.
 * @param {Partial<PreviewLocation>} location
 * @returns {HTMLElement}
 */
export function renderLocation(location) {
  const { latitude, longitude, name, address } = location;
  const coordinates = latitude !== undefined && longitude !== undefined;
  const map = coordinates
    ? `https://www.openstreetmap.org/?mlat=${encodeURIComponent(latitude)}&mlon=${encodeURIComponent(longitude)}#map=16/${encodeURIComponent(latitude)}/${encodeURIComponent(longitude)}`
    : undefined;
  return h(
    'div',
    { class: 'ph-location' },
    h('div', { class: 'ph-location-map', 'aria-hidden': 'true' }, icon('location')),
    h(
      'div',
      { class: 'ph-location-text' },
      h('span', { class: 'ph-location-name' }, name || 'Location'),
      address && h('span', { class: 'ph-location-address' }, address),
      coordinates && h('span', { class: 'ph-location-coords' }, `${latitude}, ${longitude}`),
      map &&
        h(
          'a',
          { href: map, target: '_blank', rel: 'noopener noreferrer' },
          'Open map',
          ' ',
          icon('link'),
        ),
    ),
  );
}

/**
 * @param {PreviewHeader} header
 * @param {string} channel
 * @returns {HTMLElement}
 */
function renderHeader(header, channel) {
  if (header.type === 'text') {
    return h('p', { class: 'ph-header' }, formattedText(header.text ?? '', channel));
  }
  if (header.type === 'location') {
    return renderLocation({ ...(header.text !== undefined && { name: header.text }) });
  }
  return renderMedia(header.type, header.url, {
    ...(header.filename !== undefined && { filename: header.filename }),
  });
}

/** @type {Record<string, 'reply' | 'link' | 'phone' | 'copy'>} */
const BUTTON_ICONS = { quick_reply: 'reply', url: 'link', call: 'phone', copy_code: 'copy' };

/**
 * The buttons under a message, as the phone draws them. Quick replies are real buttons when
 * `onQuickReply` is given; links open in a new tab; a copy-code button copies its code.
 * @param {PreviewButton[]} buttons
 * @param {PhoneOptions} options
 * @returns {HTMLElement}
 */
export function renderButtons(buttons, options) {
  return h(
    'ul',
    { class: 'ph-buttons', 'aria-label': 'Buttons' },
    buttons.map((button, index) => {
      const glyph = icon(BUTTON_ICONS[button.type] ?? 'reply');
      /** @type {HTMLElement} */
      let control;
      if (button.type === 'url' && safeUrl(button.url)) {
        control = h(
          'a',
          {
            class: 'ph-button',
            href: safeUrl(button.url),
            target: '_blank',
            rel: 'noopener noreferrer',
            title: button.url,
          },
          glyph,
          button.text,
        );
      } else if (button.type === 'call' && safeUrl(`tel:${button.phone ?? ''}`, true)) {
        control = h(
          'a',
          {
            class: 'ph-button',
            href: safeUrl(`tel:${button.phone ?? ''}`, true),
            title: button.phone,
          },
          glyph,
          button.text,
        );
      } else if (button.type === 'quick_reply' && options.onQuickReply) {
        const tap = options.onQuickReply;
        control = h(
          'button',
          {
            type: 'button',
            class: 'ph-button',
            title: button.payload
              ? `Reply "${button.text}" (payload ${button.payload})`
              : undefined,
            onclick: () => tap(button, index),
          },
          glyph,
          button.text,
          h('span', { class: 'visually-hidden' }, ' (tap as the customer)'),
        );
      } else if (button.type === 'copy_code' && (button.payload ?? button.text)) {
        const code = button.payload ?? button.text;
        control = h(
          'button',
          {
            type: 'button',
            class: 'ph-button',
            title: `Copy ${code}`,
            onclick: () => void navigator.clipboard?.writeText(code).catch(() => undefined),
          },
          glyph,
          button.text,
        );
      } else {
        control = h('span', { class: 'ph-button ph-button-inert' }, glyph, button.text);
      }
      return h('li', {}, control);
    }),
  );
}

/**
 * @param {CardPreview} card
 * @param {string} channel
 * @param {PhoneOptions} options
 * @param {number} index
 * @param {number} count
 * @returns {HTMLElement}
 */
function renderCard(card, channel, options, index, count) {
  return h(
    'li',
    { class: 'ph-card', 'aria-label': `Card ${index + 1} of ${count}` },
    card.header && renderHeader(card.header, channel),
    card.media && renderMedia(card.media.type, card.media.url, pick(card.media)),
    card.body && h('p', { class: 'ph-body' }, formattedText(card.body, channel)),
    card.footer && h('p', { class: 'ph-footer' }, card.footer),
    card.buttons?.length && renderButtons(card.buttons, options),
  );
}

/**
 * @param {PreviewMedia} media
 * @returns {{ caption?: string, filename?: string }}
 */
const pick = (media) => ({
  ...(media.caption !== undefined && { caption: media.caption }),
  ...(media.filename !== undefined && { filename: media.filename }),
});

/**
 * The inside of a bubble as the phone shows it, from the provider-neutral preview.
 * @param {PhonePreview} preview
 * @param {PhoneOptions} [options]
 * @returns {HTMLElement}
 */
export function renderPhoneContent(preview, options = {}) {
  const channel = preview.channel.toLowerCase();
  const cards = preview.cards ?? [];
  return h(
    'div',
    { class: 'ph' },
    preview.header && renderHeader(preview.header, channel),
    preview.media && renderMedia(preview.media.type, preview.media.url, pick(preview.media)),
    preview.location && renderLocation(preview.location),
    preview.body && h('p', { class: 'ph-body' }, formattedText(preview.body, channel)),
    preview.footer && h('p', { class: 'ph-footer' }, preview.footer),
    preview.buttons?.length && renderButtons(preview.buttons, options),
    cards.length > 0 &&
      h(
        'ul',
        { class: 'ph-cards', 'aria-label': `Carousel of ${cards.length} cards` },
        cards.map((card, i) => renderCard(card, channel, options, i, cards.length)),
      ),
  );
}

/**
 * Leaves of a JSON value as `path: value` rows, at most `max` of them.
 * @param {unknown} value
 * @param {number} max
 * @returns {{ rows: [string, string][], more: number }}
 */
export function flatten(value, max) {
  /** @type {[string, string][]} */
  const rows = [];
  let more = 0;
  /** @param {unknown} v @param {string} path */
  const walk = (v, path) => {
    if (v !== null && typeof v === 'object') {
      const pairs = Array.isArray(v)
        ? v.map((item, i) => /** @type {[string, unknown]} */ ([`${path}[${i}]`, item]))
        : Object.entries(v).map(
            ([k, item]) => /** @type {[string, unknown]} */ ([path ? `${path}.${k}` : k, item]),
          );
      if (pairs.length === 0) add(path, Array.isArray(v) ? '[]' : '{}');
      for (const [p, item] of pairs) walk(item, p);
      return;
    }
    add(path, typeof v === 'string' ? v : (JSON.stringify(v) ?? String(v)));
  };
  /** @param {string} path @param {string} text */
  const add = (path, text) => {
    if (rows.length < max) rows.push([path || '(body)', text]);
    else more++;
  };
  walk(value, '');
  return { rows, more };
}

/**
 * What stands in for a preview when the provider gives none: the request body, field by field.
 * @param {unknown} body
 * @param {string} note what the body is
 * @returns {HTMLElement}
 */
export function renderRequestBody(body, note) {
  const { rows, more } = flatten(body, 16);
  return h(
    'div',
    { class: 'ph-raw' },
    h('p', { class: 'ph-raw-note' }, note),
    h(
      'dl',
      { class: 'ph-raw-fields' },
      rows.map(([path, text]) => [h('dt', {}, path), h('dd', {}, text)]),
    ),
    more > 0 &&
      h(
        'p',
        { class: 'ph-raw-note' },
        `… and ${more} more field${more === 1 ? '' : 's'} in the details below`,
      ),
  );
}
