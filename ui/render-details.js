// @ts-check
import { h } from './dom.js';
import {
  duration,
  fullTime,
  offset,
  prettyJson,
  statusLabel,
  statusTone,
  truncate,
} from './format.js';
import { callbacksOf, statusEventsOf } from './model.js';

/** @typedef {import('./model.js').ThreadItem} ThreadItem */
/** @typedef {import('./model.js').CallbackStory} CallbackStory */
/** @typedef {import('./types.js').SubEvent} SubEvent */

/**
 * A status chip: the status in words, coloured by what it means.
 * @param {string} status
 * @param {string} [code]
 * @returns {HTMLElement}
 */
export function statusChip(status, code) {
  return h(
    'span',
    { class: `chip chip-${statusTone(status)}` },
    statusLabel(status),
    code && h('span', { class: 'chip-code' }, ` ${code}`),
  );
}

/**
 * The message's life: accepted (or injected), then every status reached, with times after the
 * request and failure codes.
 * @param {ThreadItem} item
 * @returns {HTMLElement}
 */
export function renderTimeline(item) {
  const { entry } = item;
  const reached = statusEventsOf(item).map((s) =>
    h(
      'li',
      {},
      h('time', { title: fullTime(entry.receivedAtMs + s.offsetMs) }, offset(s.offsetMs)),
      statusChip(String(s.status ?? '?'), s.code),
      s.description && h('span', { class: 'timeline-text' }, s.description),
    ),
  );
  if (item.direction === 'inbound' && reached.length > 0) {
    return h('ol', { class: 'timeline' }, reached);
  }
  const first = !item.message
    ? {
        status: entry.outcome,
        text: `provider answered HTTP ${entry.response?.status ?? '(none)'}`,
      }
    : item.direction === 'inbound'
      ? { status: 'received', text: 'written by the customer' }
      : { status: 'accepted', text: `provider answered HTTP ${entry.response?.status ?? '?'}` };
  return h(
    'ol',
    { class: 'timeline' },
    h(
      'li',
      {},
      h('time', { datetime: entry.receivedAt, title: fullTime(entry.receivedAt) }, offset(0)),
      statusChip(first.status),
      h('span', { class: 'timeline-text' }, first.text),
    ),
    reached,
  );
}

/**
 * A status code as a chip: green for 2xx, red for anything else.
 * @param {SubEvent} attempt
 * @returns {HTMLElement}
 */
function httpChip(attempt) {
  if (typeof attempt.status !== 'number') {
    return h('span', { class: 'chip chip-bad' }, attempt.error ? 'no answer' : '?');
  }
  const ok = attempt.status >= 200 && attempt.status < 300;
  return h('span', { class: `chip chip-${ok ? 'good' : 'bad'}` }, `HTTP ${attempt.status}`);
}

/** @type {Record<string, string>} */
const VERDICTS = {
  delivered: 'taken',
  retry: 'will retry',
  'give-up': 'given up',
};

/**
 * @param {SubEvent} attempt
 * @returns {HTMLElement}
 */
function renderAttempt(attempt) {
  const answer = attempt.answer === undefined ? '' : prettyJson(attempt.answer);
  return h(
    'li',
    { class: 'cb-attempt' },
    h(
      'div',
      { class: 'cb-attempt-line' },
      h('span', { class: 'cb-attempt-number' }, `#${attempt.attempt ?? '?'}`),
      h('time', {}, offset(attempt.offsetMs)),
      httpChip(attempt),
      h('span', {}, `in ${duration(attempt.durationMs ?? NaN)}`),
      attempt.verdict &&
        h('span', { class: 'cb-verdict' }, VERDICTS[attempt.verdict] ?? attempt.verdict),
      attempt.nextAttemptInMs !== undefined &&
        h('span', { class: 'cb-verdict' }, `next in ${duration(attempt.nextAttemptInMs)}`),
    ),
    attempt.error && h('p', { class: 'cb-error' }, attempt.error),
    answer &&
      h(
        'pre',
        {
          class: 'cb-answer',
          'aria-label': `Gateway's answer to attempt ${attempt.attempt ?? ''}`,
        },
        truncate(answer, 2000),
      ),
  );
}

/**
 * One callback: kind, target, each attempt with the gateway's answer and timing, and the body sent.
 * @param {CallbackStory} story
 * @returns {HTMLElement}
 */
function renderStory(story) {
  return h(
    'li',
    { class: 'cb' },
    h(
      'div',
      { class: 'cb-head' },
      h('span', { class: 'chip chip-neutral' }, story.kind),
      h('span', { class: 'cb-arrow', 'aria-hidden': 'true' }, '→'),
      h('span', { class: 'visually-hidden' }, 'to'),
      h('code', { class: 'cb-target' }, story.target),
    ),
    h('ol', { class: 'cb-attempts' }, story.attempts.map(renderAttempt)),
    story.body !== undefined &&
      h(
        'details',
        { class: 'cb-body' },
        h('summary', {}, 'Callback body'),
        h('pre', {}, truncate(prettyJson(story.body), 20_000)),
      ),
  );
}

/**
 * The callbacks about the item, or why there are none.
 * @param {ThreadItem} item
 * @returns {HTMLElement}
 */
export function renderCallbacks(item) {
  const { stories, shared, notes } = callbacksOf(item);
  return h(
    'div',
    { class: 'cb-list' },
    shared &&
      h(
        'p',
        { class: 'note' },
        `These callbacks belong to the whole request (${item.entry.messages.length} messages); their bodies do not say which message each is about.`,
      ),
    notes.map((note) =>
      h(
        'p',
        { class: 'note note-warn' },
        h('time', {}, offset(note.offsetMs)),
        ' ',
        note.type === 'callback-dropped'
          ? `A ${note.kind ?? ''} callback (${note.status ?? ''}) was dropped by a fault rule.`
          : `No ${note.kind ?? ''} callback sent: ${note.reason ?? 'no callback URL'}`,
      ),
    ),
    stories.length > 0
      ? h('ol', { class: 'cb-stories' }, stories.map(renderStory))
      : notes.length === 0 && h('p', { class: 'note' }, 'No callback yet.'),
  );
}

/**
 * The request and the provider's answer, as recorded (secrets redacted by the simulator).
 * @param {ThreadItem} item
 * @returns {HTMLElement}
 */
export function renderExchange(item) {
  const { entry } = item;
  return h(
    'details',
    { class: 'exchange' },
    h(
      'summary',
      {},
      item.direction === 'inbound' ? 'Ids and injected input' : 'Ids, request and response',
    ),
    renderIds(item),
    h(
      'p',
      { class: 'note' },
      `${entry.request.method} ${entry.request.path}`,
      entry.route && ` (route ${entry.route})`,
      ` · ${entry.timing.totalMs} ms`,
    ),
    entry.diagnostics.length > 0 &&
      h(
        'ul',
        { class: 'diagnostics' },
        entry.diagnostics.map((d) =>
          h(
            'li',
            { class: `diag-${d.severity}` },
            `${d.severity}: ${d.pointer || '/'} ${d.message}`,
          ),
        ),
      ),
    entry.faults.length > 0 &&
      h(
        'ul',
        { class: 'diagnostics' },
        entry.faults.map((f) => h('li', { class: 'diag-warning' }, `fault: ${f}`)),
      ),
    h('pre', { 'aria-label': 'Request body' }, truncate(prettyJson(entry.request.body), 20_000)),
    entry.response &&
      h(
        'pre',
        { 'aria-label': 'Response body' },
        `HTTP ${entry.response.status}\n${truncate(prettyJson(entry.response.body), 20_000)}`,
      ),
  );
}

/**
 * Ids people look for: the provider's message id, the gateway's reference, the journal entry.
 * @param {ThreadItem} item
 * @returns {HTMLElement}
 */
export function renderIds(item) {
  /** @type {[string, string][]} */
  const rows = [];
  if (item.message) rows.push(['Message id', item.message.id]);
  if (item.message?.reference) rows.push(['Gateway reference', item.message.reference]);
  rows.push(['Journal entry', item.entry.id]);
  return h(
    'dl',
    { class: 'ids' },
    rows.map(([name, value]) => [h('dt', {}, name), h('dd', {}, h('code', {}, value))]),
  );
}
