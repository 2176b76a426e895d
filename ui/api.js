// @ts-check

/** @typedef {import('./types.js').ServeEvent} ServeEvent */
/** @typedef {import('./types.js').SubEvent} SubEvent */
/** @typedef {import('./types.js').ProviderSummary} ProviderSummary */
/** @typedef {import('./types.js').InboundInput} InboundInput */

/** The admin API's base path: the page is served from `<admin>/ui/`. */
const ADMIN = new URL('..', document.baseURI).pathname.replace(/\/$/, '');

/** An admin API answer with `{errors: [...]}`, its details joined into the message. */
export class AdminApiError extends Error {
  /**
   * @param {number} status
   * @param {string} message
   */
  constructor(status, message) {
    super(message);
    this.status = status;
  }
}

/** Where the admin token is kept: this tab only, forgotten when it closes. */
const TOKEN_KEY = 'provider-sim.admin-token';

/** @returns {string | null} the admin token this tab was given, if any */
function storedToken() {
  try {
    return sessionStorage.getItem(TOKEN_KEY);
  } catch {
    return null;
  }
}

/**
 * Asks for the admin token (a simulator started with `--admin-token` answers 401 without it).
 * @param {string | null} rejected the token just refused, if any
 * @returns {boolean} whether one was given
 */
function askForToken(rejected) {
  const given = window.prompt(
    rejected
      ? 'That admin token was refused. Admin token (--admin-token):'
      : 'This simulator asks for its admin token (--admin-token):',
  );
  if (!given || !given.trim()) return false;
  sessionStorage.setItem(TOKEN_KEY, given.trim());
  return true;
}

/**
 * Calls the admin API with the tab's token; on a 401 asks for the token once and tries again.
 * Resolves to the parsed JSON answer or rejects with an `AdminApiError`.
 * @param {string} path below `/__admin`
 * @param {RequestInit & { json?: unknown }} [init]
 * @param {boolean} [retried]
 * @returns {Promise<any>}
 */
async function call(path, init = {}, retried = false) {
  const { json, ...rest } = init;
  const token = storedToken();
  /** @type {Record<string, string>} */
  const headers = {};
  if (json !== undefined) headers['content-type'] = 'application/json';
  if (token) headers.authorization = `Bearer ${token}`;
  const response = await fetch(`${ADMIN}${path}`, {
    ...rest,
    headers,
    ...(json !== undefined && { body: JSON.stringify(json) }),
  });
  if (response.status === 401 && !retried) {
    // Another call may have been given the token while this one was on its way.
    if (storedToken() !== token || askForToken(token)) return call(path, init, true);
  }
  const text = await response.text();
  /** @type {any} */
  let body;
  try {
    body = text === '' ? undefined : JSON.parse(text);
  } catch {
    body = text;
  }
  if (!response.ok) {
    const errors = Array.isArray(body?.errors) ? body.errors : [];
    const detail = errors
      .map((/** @type {{ pointer?: string, detail?: string }} */ e) =>
        e.pointer ? `${e.pointer}: ${e.detail}` : e.detail,
      )
      .join('; ');
    throw new AdminApiError(response.status, detail || `HTTP ${response.status}`);
  }
  return body;
}

/** @returns {Promise<ProviderSummary[]>} the served providers */
export async function fetchProviders() {
  return (await call('/providers')).providers;
}

/** @returns {Promise<InboundInput[]>} the providers that take customer messages, with their input schema */
export async function fetchInboundInputs() {
  return (await call('/inbound')).inputs;
}

/** @returns {Promise<ServeEvent[]>} every journal entry, oldest first */
export async function fetchJournal() {
  return (await call('/journal')).requests;
}

/** Forgets every journal entry. */
export async function clearJournal() {
  await call('/journal', { method: 'DELETE' });
}

/**
 * Injects a customer's message; the provider's inbound callback goes to the gateway.
 * @param {Record<string, unknown>} input `{provider, from, ...}`
 * @returns {Promise<{ id: string }>}
 */
export async function postInbound(input) {
  return call('/inbound', { method: 'POST', json: input });
}

/**
 * Moves a message to `status` now, with the provider's callback.
 * @param {string} messageId
 * @param {string} status
 * @param {string} [code]
 * @returns {Promise<{ ok: true, status: string }>}
 */
export async function forceStatus(messageId, status, code) {
  return call(`/messages/${encodeURIComponent(messageId)}/status`, {
    method: 'POST',
    json: code ? { status, code } : { status },
  });
}

/**
 * @typedef {object} LiveHandlers
 * @property {(entry: ServeEvent) => void} entry a new journal entry
 * @property {(id: string, subEvent: SubEvent) => void} subEvent something happened after a request
 * @property {() => void} cleared the journal was emptied
 * @property {(live: boolean) => void} connection the stream opened (again) or broke
 */

/**
 * Follows the journal as server-sent events; the browser reconnects by itself.
 * @param {LiveHandlers} handlers
 * @returns {() => void} stops following
 */
export function followJournal(handlers) {
  // EventSource cannot send headers: the stream alone takes the token as `?token=`.
  const token = storedToken();
  const source = new EventSource(
    `${ADMIN}/events${token ? `?token=${encodeURIComponent(token)}` : ''}`,
  );
  /** @param {Event} event */
  const data = (event) => JSON.parse(/** @type {MessageEvent<string>} */ (event).data);
  source.addEventListener('open', () => handlers.connection(true));
  source.addEventListener('error', () => handlers.connection(false));
  source.addEventListener('entry', (event) => handlers.entry(data(event)));
  source.addEventListener('sub-event', (event) => {
    const { id, subEvent } = data(event);
    handlers.subEvent(id, subEvent);
  });
  source.addEventListener('cleared', () => handlers.cleared());
  return () => source.close();
}
