// @ts-check
// The customer actions the page offers for a provider, built from the catalog the provider
// publishes on GET /__admin/providers: the page holds no provider tables of its own.

/** @typedef {import('./types.js').PreviewButton} PreviewButton */
/** @typedef {import('./types.js').JournaledMessage} JournaledMessage */
/** @typedef {import('./types.js').ProviderCatalog} ProviderCatalog */
/** @typedef {import('./types.js').InboundForm} InboundForm */

/** @typedef {'image' | 'video' | 'audio' | 'document'} MediaKind */

/**
 * How the page speaks to one provider: which customer actions it can express, how each becomes a
 * `POST /__admin/inbound` body (without `provider`), and which statuses and failure codes make
 * sense to force.
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

/** Statuses offered for forcing when a provider publishes none. */
const DEFAULT_STATUSES = ['delivered', 'read', 'failed'];

/** The text form used when a provider takes customer messages but publishes no forms. */
const TEXT_FORM = /** @type {InboundForm} */ ({
  type: 'text',
  label: 'Text message',
  fields: [],
  body: { from: '{from}', text: '{text}' },
});

/** Marks a template value that could not be filled (a required value was missing). */
const MISSING = Symbol('missing');
/** Marks a key to leave out (an optional value was missing). */
const OMIT = Symbol('omit');

/**
 * Fills one template value: `"{name}"`, `"{name?}"`, `"{name|string}"` (see the catalog's docs).
 * @param {unknown} template
 * @param {Readonly<Record<string, unknown>>} values
 * @returns {unknown}
 */
function fill(template, values) {
  if (typeof template === 'string') {
    const match = /^\{([A-Za-z]+)(\?)?(?:\|(string))?\}$/.exec(template);
    if (!match) return template;
    const [, name = '', optional, cast] = match;
    const value = values[name];
    if (value === undefined || value === '') return optional ? OMIT : MISSING;
    return cast === 'string' ? String(value) : value;
  }
  if (Array.isArray(template)) {
    const items = template.map((item) => fill(item, values));
    return items.includes(MISSING) ? MISSING : items.filter((item) => item !== OMIT);
  }
  if (template !== null && typeof template === 'object') {
    /** @type {Record<string, unknown>} */
    const out = {};
    for (const [key, item] of Object.entries(template)) {
      const filled = fill(item, values);
      if (filled === MISSING) return MISSING;
      if (filled !== OMIT) out[key] = filled;
    }
    return out;
  }
  return template;
}

/**
 * The body of the first form that all of `values` can fill.
 * @param {readonly InboundForm[]} forms
 * @param {Readonly<Record<string, unknown>>} values
 * @returns {Record<string, unknown>}
 */
function bodyFrom(forms, values) {
  for (const form of forms) {
    const body = fill(form.body, values);
    if (body !== MISSING && body !== OMIT) return /** @type {Record<string, unknown>} */ (body);
  }
  throw new Error(`no ${forms[0]?.type ?? 'inbound'} form of this provider fits these values`);
}

/**
 * The forms of one type, or undefined when the provider has none.
 * @param {readonly InboundForm[]} forms
 * @param {InboundForm['type']} type
 */
const formsOf = (forms, type) => {
  const found = forms.filter((form) => form.type === type);
  return found.length > 0 ? found : undefined;
};

/**
 * The page's actions for a provider, from its published catalog; `takesInbound` is false for a
 * provider that takes no customer messages (only forcing is offered then).
 * @param {ProviderCatalog | undefined} catalog
 * @param {boolean} takesInbound
 * @returns {Dialect}
 */
export function dialectFor(catalog, takesInbound) {
  const forms = takesInbound ? (catalog?.inboundForms ?? []) : [];
  const text = formsOf(forms, 'text') ?? (takesInbound ? [TEXT_FORM] : undefined);
  const location = formsOf(forms, 'location');
  const media = formsOf(forms, 'media');
  const quickReply = formsOf(forms, 'quick-reply');
  const published = catalog?.statuses.filter((s) => s.forcible).map((s) => s.name) ?? [];
  return {
    text: (from, body) => bodyFrom(text ?? [TEXT_FORM], { from, text: body }),
    location:
      location &&
      ((from, place) =>
        bodyFrom(location, {
          from,
          latitude: place.latitude,
          longitude: place.longitude,
          name: place.name,
        })),
    media:
      media &&
      ((from, item) =>
        bodyFrom(
          media.filter((form) => !form.mediaKinds || form.mediaKinds.includes(item.kind)),
          {
            from,
            url: item.url,
            kind: item.kind,
            caption: item.caption,
            mimeType: mimeTypeOf(item.url),
          },
        )),
    quickReply:
      quickReply &&
      ((from, button, index, message) =>
        bodyFrom(quickReply, {
          from,
          text: button.text,
          payload: button.payload,
          index,
          messageId: message.id,
          reference: message.reference,
        })),
    statuses: published.length > 0 ? published : DEFAULT_STATUSES,
    failureCodes: Object.fromEntries(
      (catalog?.failureCodes ?? [])
        .filter((c) => c.reportedIn !== 'response')
        .map((c) => [c.code, c.description]),
    ),
  };
}
