// @ts-check
import * as api from './api.js';
import { h, replaceChildren } from './dom.js';
import { clockTime, fullTime, statusLabel, truncate } from './format.js';
import { dialectFor, mediaKindOf } from './inbound-actions.js';
import {
  JournalState,
  conversationsOf,
  currentCode,
  currentStatus,
  itemsOf,
  searchableText,
  summaryOf,
} from './model.js';
import { renderCallbacks, renderExchange, renderTimeline, statusChip } from './render-details.js';
import { renderPhoneContent, renderRequestBody } from './render-phone.js';

/** @typedef {import('./model.js').ThreadItem} ThreadItem */
/** @typedef {import('./model.js').Conversation} Conversation */
/** @typedef {import('./types.js').ProviderSummary} ProviderSummary */
/** @typedef {import('./types.js').PreviewButton} PreviewButton */
/** @typedef {import('./inbound-actions.js').Dialect} Dialect */

/**
 * @template {HTMLElement} T
 * @param {string} id
 * @returns {T}
 */
const byId = (id) => /** @type {T} */ (document.getElementById(id));

const els = {
  providerFilter: /** @type {HTMLSelectElement} */ (byId('filter-provider')),
  numberFilter: /** @type {HTMLInputElement} */ (byId('filter-number')),
  textFilter: /** @type {HTMLInputElement} */ (byId('filter-text')),
  filters: /** @type {HTMLFormElement} */ (byId('filters')),
  connection: byId('connection'),
  clearAll: /** @type {HTMLButtonElement} */ (byId('clear-all')),
  list: byId('conversation-list'),
  listCount: byId('conversation-count'),
  listEmpty: byId('list-empty'),
  threadTitle: byId('thread-title'),
  threadSubtitle: byId('thread-subtitle'),
  searchNote: byId('search-note'),
  scroller: byId('scroller'),
  threadEmpty: byId('thread-empty'),
  messages: byId('messages'),
  composer: byId('composer'),
  replyForm: /** @type {HTMLFormElement} */ (byId('reply-form')),
  replyLabel: byId('reply-label'),
  replyText: /** @type {HTMLTextAreaElement} */ (byId('reply-text')),
  moreActions: /** @type {HTMLDetailsElement} */ (byId('more-actions')),
  locationForm: /** @type {HTMLFormElement} */ (byId('location-form')),
  mediaForm: /** @type {HTMLFormElement} */ (byId('media-form')),
  composerNote: byId('composer-note'),
  actionStatus: byId('action-status'),
  announcer: byId('announcer'),
  datalists: byId('datalists'),
};

/**
 * An action waiting for the gateway's answer to the callback it caused.
 * @typedef {object} PendingAction
 * @property {string} entryId the journal entry whose callback answers it
 * @property {string} label what was done, in words
 * @property {number} outcomesBefore callback outcomes the entry had when the action was taken
 */

const state = {
  journal: new JournalState(),
  /** @type {Map<string, ProviderSummary>} */
  providers: new Map(),
  /** @type {Map<string, string>} Inbound input schema by provider (absent: takes no customer messages). */
  inbound: new Map(),
  /** @type {Map<string, Dialect>} What the page offers per provider, from its published catalog. */
  dialects: new Map(),
  /** @type {string | undefined} */
  selected: undefined,
  /** @type {Map<string, number>} Items seen per conversation; more than that shows the unread dot. */
  seen: new Map(),
  live: false,
  loaded: false,
  /** @type {PendingAction | undefined} */
  pending: undefined,
  /** @type {Set<string>} Entries changed since the last render, whose bubbles need updating. */
  dirty: new Set(),
};

/** @param {string} number */
const displayNumber = (number) => (/^\d{6,}$/.test(number) ? `+${number}` : number);

/** @param {string} channel */
const channelName = (channel) =>
  ({ sms: 'SMS', whatsapp: 'WhatsApp', rcs: 'RCS', mms: 'MMS' })[channel.toLowerCase()] ?? channel;

/** @param {Conversation} conversation */
const channelOf = (conversation) =>
  conversation.items.findLast((i) => i.message?.preview)?.message?.preview?.channel;

/**
 * The provider's actions for forcing statuses (every provider has them).
 * @param {string} provider
 */
const forceDialectOf = (provider) =>
  state.dialects.get(provider) ?? dialectFor(state.providers.get(provider)?.catalog, false);

/**
 * The provider's customer actions, or undefined when it takes no customer messages.
 * @param {string} provider
 */
const dialectOf = (provider) =>
  state.inbound.has(provider) ? forceDialectOf(provider) : undefined;

/** @param {string} provider */
const providerTitle = (provider) => state.providers.get(provider)?.title ?? provider;

/* ------------------------------------------------------------------ filters */

/** @returns {{ provider: string, number: string, text: string }} */
function filters() {
  return {
    provider: els.providerFilter.value,
    number: els.numberFilter.value.replace(/[^0-9]/g, ''),
    text: els.textFilter.value.trim().toLowerCase(),
  };
}

/**
 * @param {ThreadItem} item
 * @param {string} text
 */
const matchesText = (item, text) => text === '' || searchableText(item).includes(text);

/**
 * Conversations that pass the provider and number filters and hold a message matching the search.
 * @param {Conversation[]} all
 */
function visibleConversations(all) {
  const f = filters();
  return all.filter(
    (c) =>
      (f.provider === '' || c.provider === f.provider) &&
      (f.number === '' || c.number.includes(f.number)) &&
      c.items.some((i) => matchesText(i, f.text)),
  );
}

/* -------------------------------------------------------------- render loop */

let renderQueued = false;

/** Renders once before the next frame, however many changes arrive meanwhile. */
function scheduleRender() {
  if (renderQueued) return;
  renderQueued = true;
  requestAnimationFrame(() => {
    renderQueued = false;
    render();
  });
}

function render() {
  const all = conversationsOf(state.journal.entries.values());
  const visible = visibleConversations(all);
  if (!visible.some((c) => c.key === state.selected)) state.selected = visible[0]?.key;
  const selected = visible.find((c) => c.key === state.selected);
  if (selected) state.seen.set(selected.key, selected.items.length);
  renderList(visible, all.length);
  renderThread(selected);
  renderComposer(selected);
  state.dirty.clear();
}

/* ------------------------------------------------------------ conversations */

/** @type {Map<string, { li: HTMLLIElement, button: HTMLButtonElement }>} */
const listItems = new Map();

/**
 * @param {Conversation[]} visible
 * @param {number} total
 */
function renderList(visible, total) {
  els.listCount.textContent =
    visible.length === total ? `${total}` : `${visible.length} of ${total}`;
  els.listEmpty.hidden = visible.length > 0;
  els.listEmpty.textContent =
    total === 0
      ? 'Nothing yet. Point your gateway at this simulator and send a message.'
      : 'No conversation matches the filters.';
  const keep = new Set(visible.map((c) => c.key));
  for (const [key, view] of listItems) {
    if (!keep.has(key)) {
      view.li.remove();
      listItems.delete(key);
    }
  }
  visible.forEach((conversation, index) => {
    let view = listItems.get(conversation.key);
    if (!view) {
      const button = h('button', {
        type: 'button',
        class: 'conversation',
        onclick: () => select(conversation.key, true),
      });
      view = { li: h('li', {}, button), button };
      listItems.set(conversation.key, view);
    }
    fillConversationButton(view.button, conversation);
    if (els.list.children[index] !== view.li)
      els.list.insertBefore(view.li, els.list.children[index] ?? null);
  });
}

/**
 * @param {HTMLButtonElement} button
 * @param {Conversation} conversation
 */
function fillConversationButton(button, conversation) {
  const last = /** @type {ThreadItem} */ (conversation.items.at(-1));
  const unread = conversation.items.length > (state.seen.get(conversation.key) ?? 0);
  const channel = channelOf(conversation);
  const status = currentStatus(last);
  const current = conversation.key === state.selected;
  if (current) button.setAttribute('aria-current', 'true');
  else button.removeAttribute('aria-current');
  button.classList.toggle('is-unread', unread);
  button.setAttribute(
    'aria-label',
    [
      displayNumber(conversation.number),
      `${conversation.provider}${channel ? ` ${channelName(channel)}` : ''}`,
      `${conversation.items.length} message${conversation.items.length === 1 ? '' : 's'}`,
      unread && 'unread',
      `last ${last.direction === 'inbound' ? 'from the customer' : 'sent'} at ${clockTime(last.entry.receivedAt)}: ${truncate(summaryOf(last), 80)}`,
      statusLabel(status),
    ]
      .filter(Boolean)
      .join(', '),
  );
  replaceChildren(
    button,
    h(
      'span',
      { class: 'conversation-top' },
      h('span', { class: 'conversation-number' }, displayNumber(conversation.number)),
      h(
        'time',
        { datetime: last.entry.receivedAt, title: fullTime(last.entry.receivedAt) },
        clockTime(last.entry.receivedAt),
      ),
    ),
    h(
      'span',
      { class: 'conversation-tags' },
      h(
        'span',
        { class: 'tag tag-provider', title: providerTitle(conversation.provider) },
        conversation.provider,
      ),
      channel &&
        h('span', { class: `tag tag-channel tag-${channel.toLowerCase()}` }, channelName(channel)),
      h('span', { class: 'tag' }, `${conversation.items.length} msg`),
      unread &&
        h('span', { class: 'unread-dot' }, h('span', { class: 'visually-hidden' }, 'unread')),
    ),
    h(
      'span',
      { class: 'conversation-last' },
      last.direction === 'inbound' && h('span', { class: 'conversation-who' }, 'Customer: '),
      truncate(summaryOf(last), 90),
    ),
    h('span', { class: 'conversation-status' }, statusChip(status, currentCode(last))),
  );
}

/**
 * Opens a conversation.
 * @param {string} key
 * @param {boolean} focusThread move keyboard focus to the thread (a person chose it)
 */
function select(key, focusThread) {
  state.selected = key;
  history.replaceState(null, '', `#${encodeURIComponent(key)}`);
  render();
  if (focusThread) els.replyText.focus({ preventScroll: true });
}

/* ------------------------------------------------------------------- thread */

/**
 * @typedef {object} BubbleView
 * @property {HTMLLIElement} li
 * @property {(item: ThreadItem) => void} update
 */

/** @type {Map<string, BubbleView>} */
const bubbles = new Map();
/** @type {string | undefined} */
let shownConversation;
let shownSearch = '';

/** @param {Conversation | undefined} conversation */
function renderThread(conversation) {
  const text = filters().text;
  if (!conversation) {
    shownConversation = undefined;
    bubbles.clear();
    els.messages.replaceChildren();
    els.threadTitle.textContent =
      state.journal.entries.size === 0 ? 'No conversation yet' : 'No conversation selected';
    els.threadSubtitle.textContent = '';
    els.threadEmpty.hidden = false;
    els.searchNote.hidden = true;
    return;
  }
  els.threadEmpty.hidden = true;
  const items = conversation.items.filter((i) => matchesText(i, text));
  const channel = channelOf(conversation);
  els.threadTitle.textContent = displayNumber(conversation.number);
  replaceChildren(
    els.threadSubtitle,
    h('span', { class: 'tag tag-provider' }, conversation.provider),
    channel &&
      h('span', { class: `tag tag-channel tag-${channel.toLowerCase()}` }, channelName(channel)),
    ` ${providerTitle(conversation.provider)} · ${conversation.items.length} message${conversation.items.length === 1 ? '' : 's'}`,
  );
  els.searchNote.hidden = text === '';
  if (text !== '') {
    replaceChildren(
      els.searchNote,
      `Showing ${items.length} of ${conversation.items.length} messages matching “${els.textFilter.value.trim()}”. `,
      h(
        'button',
        {
          type: 'button',
          class: 'link-button',
          onclick: () => {
            els.textFilter.value = '';
            render();
          },
        },
        'Show all',
      ),
    );
  }
  const rebuild = shownConversation !== conversation.key || shownSearch !== text;
  if (rebuild) {
    bubbles.clear();
    els.messages.replaceChildren();
    shownConversation = conversation.key;
    shownSearch = text;
  }
  let added = false;
  /** @type {HTMLLIElement | undefined} */
  let previous;
  for (const item of items) {
    let view = bubbles.get(item.key);
    if (!view) {
      view = createBubble(item);
      bubbles.set(item.key, view);
      if (previous) previous.after(view.li);
      else els.messages.prepend(view.li);
      added = true;
    } else if (state.dirty.has(item.entry.id)) {
      view.update(item);
    }
    previous = view.li;
  }
  if (rebuild || (added && stickToBottom)) scrollToBottom();
}

/** Whether the thread follows new messages: true while the person is at the bottom. */
let stickToBottom = true;

function scrollToBottom() {
  els.scroller.scrollTop = els.scroller.scrollHeight;
  stickToBottom = true;
}

els.scroller.addEventListener('scroll', () => {
  stickToBottom =
    els.scroller.scrollHeight - els.scroller.scrollTop - els.scroller.clientHeight < 40;
});

// When the composer grows (the location and media forms open), the newest messages stay in view.
new ResizeObserver(() => {
  if (stickToBottom) els.scroller.scrollTop = els.scroller.scrollHeight;
}).observe(els.scroller);

let uid = 0;

/**
 * A bubble with its status chip and its expandable details (timeline, callbacks, actions). Only
 * the parts that change are redrawn on update, so an open panel and a typed code stay put.
 * @param {ThreadItem} item
 * @returns {BubbleView}
 */
function createBubble(item) {
  const preview = item.message?.preview;
  const chip = h('span', { class: 'bubble-status' });
  const when = h(
    'time',
    { datetime: item.entry.receivedAt, title: fullTime(item.entry.receivedAt) },
    clockTime(item.entry.receivedAt),
  );
  const outbound = item.direction === 'outbound';
  const message = item.message;
  const quickReply = outbound && message ? dialectOf(item.provider)?.quickReply : undefined;
  const content = preview
    ? renderPhoneContent(
        preview,
        quickReply && message
          ? {
              onQuickReply: (button, index) =>
                void inject(
                  item.provider,
                  quickReply(item.number, button, index, message),
                  `Tapped “${button.text}”`,
                ),
            }
          : {},
      )
    : h(
        'div',
        {},
        !message &&
          h(
            'p',
            { class: 'refusal' },
            h('strong', {}, `Refused by the provider (HTTP ${item.entry.response?.status ?? '?'})`),
            item.entry.connectionFault && ` · connection ${item.entry.connectionFault}`,
            item.entry.response &&
              h(
                'code',
                { class: 'refusal-answer' },
                truncate(JSON.stringify(item.entry.response.body) ?? '', 300),
              ),
          ),
        renderRequestBody(
          item.entry.request.body,
          !message
            ? 'The request as sent:'
            : item.direction === 'inbound'
              ? 'No phone preview from this provider. The injected input:'
              : 'No phone preview from this provider. The request as sent:',
        ),
      );
  const sender = outbound && preview?.from;
  const bubble = h(
    'article',
    {
      class: `bubble${message ? '' : ' bubble-refused'}`,
      'aria-label': `${outbound ? (message ? 'Sent' : 'Refused send') : 'Customer reply'} at ${clockTime(item.entry.receivedAt)}`,
    },
    (sender || preview?.template) &&
      h(
        'p',
        { class: 'bubble-sender' },
        sender && h('span', { title: 'Sender' }, sender),
        preview?.template &&
          h(
            'span',
            { class: 'bubble-template' },
            `template ${preview.template.name}${preview.template.language ? ` · ${preview.template.language}` : ''}`,
          ),
      ),
    content,
    h('p', { class: 'bubble-meta' }, when, chip),
  );

  const detailsCount = h('span', { class: 'details-count' });
  const timelineSlot = h('div', { class: 'slot' });
  const callbacksSlot = h('div', { class: 'slot' });
  /** @type {HTMLElement | undefined} */
  let body;
  const details = h(
    'details',
    { class: 'msg-details' },
    h(
      'summary',
      {},
      outbound && message ? 'Status, callbacks and actions' : 'Status and callbacks',
      detailsCount,
    ),
  );
  details.addEventListener('toggle', () => {
    if (!details.open || body) return;
    body = h(
      'div',
      { class: 'details-body' },
      outbound && message && renderForceForm(item),
      h('section', { class: 'details-section' }, h('h4', {}, 'Status'), timelineSlot),
      h(
        'section',
        { class: 'details-section' },
        h('h4', {}, 'Callbacks to the gateway'),
        callbacksSlot,
      ),
      renderExchange(item),
    );
    details.append(body);
    update(item);
  });

  /** @param {ThreadItem} next */
  const update = (next) => {
    replaceChildren(chip, statusChip(currentStatus(next), currentCode(next)));
    const attempts = next.entry.subEvents.filter((s) => s.type === 'callback-attempt').length;
    detailsCount.textContent =
      attempts > 0 ? ` (${attempts} callback attempt${attempts === 1 ? '' : 's'})` : '';
    if (!body) return;
    keepOpen(timelineSlot, () => replaceChildren(timelineSlot, renderTimeline(next)));
    keepOpen(callbacksSlot, () => replaceChildren(callbacksSlot, renderCallbacks(next)));
  };
  update(item);
  return {
    li: h(
      'li',
      {
        class: `msg msg-${item.direction}${preview ? ` channel-${preview.channel.toLowerCase()}` : ''}`,
        'data-key': item.key,
      },
      bubble,
      details,
    ),
    update,
  };
}

/**
 * Redraws a part of a panel, reopening the `<details>` that were open (by their position).
 * @param {HTMLElement} slot
 * @param {() => void} redraw
 */
function keepOpen(slot, redraw) {
  const open = [...slot.querySelectorAll('details')].map((d) => d.open);
  redraw();
  slot.querySelectorAll('details').forEach((d, i) => {
    if (open[i]) d.open = true;
  });
}

/**
 * Buttons that move the message to delivered or read now, and a failure with a chosen code.
 * @param {ThreadItem} item
 * @returns {HTMLFormElement}
 */
function renderForceForm(item) {
  const dialect = forceDialectOf(item.provider);
  const messageId = /** @type {string} */ (item.message?.id);
  const codeId = `force-code-${++uid}`;
  const code = h('input', {
    id: codeId,
    name: 'code',
    type: 'text',
    list: `codes-${item.provider}`,
    autocomplete: 'off',
    spellcheck: 'false',
    size: 12,
    placeholder: Object.keys(dialect.failureCodes)[0] ?? 'code',
  });
  const form = h(
    'form',
    { class: 'force', 'aria-label': 'Force a status now' },
    h('span', { class: 'force-title' }, 'Force now:'),
    dialect.statuses
      .filter((s) => s !== 'failed')
      .map((status) =>
        h(
          'button',
          {
            type: 'button',
            class: 'button button-small',
            onclick: () => void force(item, messageId, status),
          },
          `Mark ${statusLabel(status)}`,
        ),
      ),
    dialect.statuses.includes('failed') && [
      h('label', { for: codeId, class: 'force-code-label' }, 'Failure code'),
      code,
      h('button', { type: 'submit', class: 'button button-small button-danger' }, 'Mark failed'),
    ],
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    void force(item, messageId, 'failed', code.value.trim() || undefined);
  });
  return form;
}

/* ----------------------------------------------------------------- composer */

/** @param {Conversation | undefined} conversation */
function renderComposer(conversation) {
  els.composer.hidden = !conversation;
  if (!conversation) return;
  const dialect = dialectOf(conversation.provider);
  const number = displayNumber(conversation.number);
  els.replyLabel.textContent = `Reply as the customer ${number}`;
  els.replyForm.querySelectorAll('textarea, button').forEach((control) => {
    /** @type {HTMLTextAreaElement | HTMLButtonElement} */ (control).disabled = !dialect;
  });
  els.moreActions.hidden = !dialect?.location && !dialect?.media;
  els.locationForm.hidden = !dialect?.location;
  els.mediaForm.hidden = !dialect?.media;
  els.composerNote.hidden = Boolean(dialect?.location || dialect?.media);
  els.composerNote.textContent = !dialect
    ? `${conversation.provider} takes no customer messages.`
    : `${channelName(channelOf(conversation) ?? conversation.provider)} replies are text only.`;
}

/** The conversation the composer answers in. */
function selectedConversation() {
  const all = conversationsOf(state.journal.entries.values());
  return all.find((c) => c.key === state.selected);
}

/**
 * Sends a customer's message through the admin API; the provider calls the gateway back.
 * @param {string} provider
 * @param {Record<string, unknown>} input the body without `provider`
 * @param {string} label what the customer did
 * @returns {Promise<boolean>} whether the simulator took it
 */
async function inject(provider, input, label) {
  // Like a phone, the thread jumps to the bottom to show what the customer just sent.
  stickToBottom = true;
  try {
    const { id } = await api.postInbound({ provider, ...input });
    state.pending = { entryId: id, label, outcomesBefore: 0 };
    say(`${label}. Waiting for the gateway's answer…`, 'pending');
    if (!state.live) await reload();
    // The live stream may have brought the callback before this answer came back.
    reportPending(id);
    return true;
  } catch (error) {
    say(`${label} failed: ${/** @type {Error} */ (error).message}`, 'error');
    return false;
  }
}

/**
 * Forces a message's status; the provider's callback goes to the gateway.
 * @param {ThreadItem} item
 * @param {string} messageId
 * @param {string} status
 * @param {string} [code]
 */
async function force(item, messageId, status, code) {
  const label = `Marked ${statusLabel(status)}${code ? ` with code ${code}` : ''}`;
  const entry = state.journal.entries.get(item.entry.id) ?? item.entry;
  const outcomesBefore = callbackOutcomes(entry).length;
  try {
    const pending = { entryId: item.entry.id, label, outcomesBefore };
    state.pending = pending;
    await api.forceStatus(messageId, status, code);
    // The answer may already have been reported while the request was under way.
    if (state.pending === pending) say(`${label}. Waiting for the gateway's answer…`, 'pending');
    if (!state.live) await reload();
    reportPending(item.entry.id);
  } catch (error) {
    state.pending = undefined;
    say(`Could not force ${statusLabel(status)}: ${/** @type {Error} */ (error).message}`, 'error');
  }
}

/**
 * Shows (and announces) the outcome of an action.
 * @param {string} text
 * @param {'pending' | 'good' | 'error'} tone
 */
function say(text, tone) {
  els.actionStatus.textContent = text;
  els.actionStatus.dataset.tone = tone;
}

/**
 * Tells the person how the gateway answered the callback their action caused.
 * @param {string} entryId
 */
function reportPending(entryId) {
  const pending = state.pending;
  if (!pending || pending.entryId !== entryId) return;
  const entry = state.journal.entries.get(entryId);
  const latest = entry && callbackOutcomes(entry)[pending.outcomesBefore];
  if (!latest) return;
  state.pending = undefined;
  if (latest.type === 'callback-attempt') {
    const answered =
      latest.status !== undefined ? `HTTP ${latest.status}` : (latest.error ?? 'no answer');
    const ok = typeof latest.status === 'number' && latest.status >= 200 && latest.status < 300;
    say(
      `${pending.label}. The gateway answered the ${latest.kind ?? ''} callback with ${answered} in ${Math.round(latest.durationMs ?? 0)} ms.`,
      ok ? 'good' : 'error',
    );
    return;
  }
  say(
    latest.type === 'callback-dropped'
      ? `${pending.label}, but a fault rule dropped the callback.`
      : `${pending.label}, but no callback went out: ${latest.reason ?? 'no callback URL'}`,
    'error',
  );
}

/**
 * What became of each callback of an entry: attempts, and callbacks skipped or dropped.
 * @param {import('./types.js').ServeEvent} entry
 */
const callbackOutcomes = (entry) =>
  entry.subEvents.filter((s) =>
    ['callback-attempt', 'callback-skipped', 'callback-dropped'].includes(s.type),
  );

els.replyForm.addEventListener('submit', (event) => {
  event.preventDefault();
  const conversation = selectedConversation();
  const dialect = conversation && dialectOf(conversation.provider);
  const text = els.replyText.value.trim();
  if (!conversation || !dialect || text === '') return;
  void inject(
    conversation.provider,
    dialect.text(conversation.number, text),
    `Replied “${truncate(text, 40)}”`,
  ).then((ok) => {
    if (ok) els.replyText.value = '';
  });
});

els.replyText.addEventListener('keydown', (event) => {
  if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
    event.preventDefault();
    els.replyForm.requestSubmit();
  }
});

els.locationForm.addEventListener('submit', (event) => {
  event.preventDefault();
  const conversation = selectedConversation();
  const dialect = conversation && dialectOf(conversation.provider);
  if (!conversation || !dialect?.location) return;
  const data = new FormData(els.locationForm);
  const name = String(data.get('name') ?? '').trim();
  void inject(
    conversation.provider,
    dialect.location(conversation.number, {
      latitude: Number(data.get('latitude')),
      longitude: Number(data.get('longitude')),
      ...(name && { name }),
    }),
    `Shared a location${name ? ` (${name})` : ''}`,
  );
});

const mediaUrl = /** @type {HTMLInputElement} */ (els.mediaForm.elements.namedItem('url'));
const mediaKind = /** @type {HTMLSelectElement} */ (els.mediaForm.elements.namedItem('kind'));
mediaUrl.addEventListener('change', () => {
  if (mediaUrl.value) mediaKind.value = mediaKindOf(mediaUrl.value);
});

els.mediaForm.addEventListener('submit', (event) => {
  event.preventDefault();
  const conversation = selectedConversation();
  const dialect = conversation && dialectOf(conversation.provider);
  if (!conversation || !dialect?.media) return;
  const data = new FormData(els.mediaForm);
  const caption = String(data.get('caption') ?? '').trim();
  const kind = /** @type {import('./inbound-actions.js').MediaKind} */ (String(data.get('kind')));
  void inject(
    conversation.provider,
    dialect.media(conversation.number, {
      url: String(data.get('url')),
      kind,
      ...(caption && { caption }),
    }),
    `Sent ${kind === 'image' ? 'an' : 'a'} ${kind}`,
  ).then((ok) => {
    if (ok) els.mediaForm.reset();
  });
});

/* ---------------------------------------------------------- filters, clear */

els.filters.addEventListener('submit', (event) => event.preventDefault());
for (const control of [els.providerFilter, els.numberFilter, els.textFilter]) {
  control.addEventListener('input', () => render());
}

els.clearAll.addEventListener('click', () => {
  if (!confirm('Forget every message and request the simulator has recorded?')) return;
  api
    .clearJournal()
    .then(() => {
      resetView();
      say('Cleared every message.', 'good');
    })
    .catch((/** @type {Error} */ error) => say(`Could not clear: ${error.message}`, 'error'));
});

function resetView() {
  state.journal.clear();
  state.seen.clear();
  state.pending = undefined;
  render();
}

/* --------------------------------------------------------------------- live */

/**
 * Announces new messages to screen readers (a few at a time).
 * @param {ThreadItem[]} items
 */
function announce(items) {
  if (items.length === 0) return;
  const [first] = items;
  els.announcer.textContent =
    items.length === 1 && first
      ? `${first.direction === 'inbound' ? 'Customer reply from' : 'New message to'} ${displayNumber(first.number)} on ${first.provider}: ${truncate(summaryOf(first), 80)}`
      : `${items.length} new messages`;
}

/** Loads the whole journal again (at start, and after the live stream reconnects). */
async function reload() {
  const listing = await api.fetchJournal();
  const firstLoad = !state.loaded;
  state.journal.load(listing);
  state.loaded = true;
  if (firstLoad) {
    for (const c of conversationsOf(state.journal.entries.values()))
      state.seen.set(c.key, c.items.length);
  }
  for (const entry of state.journal.entries.values()) state.dirty.add(entry.id);
  render();
}

/** @param {boolean} live */
function showConnection(live) {
  els.connection.dataset.state = live ? 'live' : 'down';
  els.connection.textContent = live ? 'Live' : 'Reconnecting…';
}

async function start() {
  const hash = decodeURIComponent(location.hash.slice(1));
  if (hash) state.selected = hash;
  const [providers, inputs] = await Promise.all([api.fetchProviders(), api.fetchInboundInputs()]);
  for (const p of providers) {
    state.providers.set(p.id, p);
    els.providerFilter.append(h('option', { value: p.id }, p.id));
  }
  for (const input of inputs) state.inbound.set(input.provider, input.schema);
  for (const p of providers) {
    state.dialects.set(p.id, dialectFor(p.catalog, state.inbound.has(p.id)));
    const codes = forceDialectOf(p.id).failureCodes;
    els.datalists.append(
      h(
        'datalist',
        { id: `codes-${p.id}` },
        Object.entries(codes).map(([value, meaning]) => h('option', { value, label: meaning })),
      ),
    );
  }
  const loadOrSay = () =>
    reload().catch((/** @type {Error} */ error) =>
      say(`Could not load the journal: ${error.message}`, 'error'),
    );
  // Loading again once the stream is open (and after each reconnection) closes any gap in which
  // a change happened before the stream could report it.
  let opened = false;
  api.followJournal({
    connection(live) {
      state.live = live;
      showConnection(live);
      if (live && !opened) void loadOrSay();
      opened = live;
    },
    entry(entry) {
      if (!state.journal.add(entry)) return;
      state.dirty.add(entry.id);
      if (state.loaded) announce(itemsOf(entry));
      scheduleRender();
    },
    subEvent(id, subEvent) {
      if (!state.journal.addSubEvent(id, subEvent)) return;
      state.dirty.add(id);
      reportPending(id);
      scheduleRender();
    },
    cleared() {
      resetView();
    },
  });
  await loadOrSay();
}

void start().catch((/** @type {Error} */ error) => {
  showConnection(false);
  say(`The inbox could not start: ${error.message}`, 'error');
});
