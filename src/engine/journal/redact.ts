/** Replacement written in place of a secret. */
export const REDACTED = '[redacted]';

/** Key names that hold secrets in any provider's requests (compared case-insensitively). */
const SECRET_KEY =
  /^(pass|password|passwd|secret|.*_secret|client_secret|token|access_token|api[-_]?key|authkey|authorization|proxy-authorization|x-api-key)$/i;

// Keys repeat from request to request, so each one is tested once (bounded, for hostile input).
const knownKeys = new Map<string, { secret: boolean; lower: string }>();

/** True when a header or body key names a secret. */
export function isSecretKey(key: string, extra: ReadonlySet<string>): boolean {
  let known = knownKeys.get(key);
  if (!known) {
    known = { secret: SECRET_KEY.test(key), lower: key.toLowerCase() };
    if (knownKeys.size < 10_000) knownKeys.set(key, known);
  }
  return known.secret || (extra.size > 0 && extra.has(known.lower));
}

/** Nodes `redactValue` visits at most; a larger value is replaced whole rather than half-redacted. */
const MAX_REDACT_NODES = 1_000_000;

interface Frame {
  node: Record<string, unknown> | unknown[];
  keys: string[] | undefined;
  index: number;
  copy: Record<string, unknown> | unknown[] | undefined;
  parentKey: string | number;
}

/** Writes `item` at `key` of the frame's copy, copying the node first if it is still shared. */
function setInCopy(frame: Frame, key: string | number, item: unknown): void {
  frame.copy ??= Array.isArray(frame.node) ? [...frame.node] : { ...frame.node };
  (frame.copy as Record<string | number, unknown>)[key] = item;
}

/**
 * `value` with every secret-named key replaced, at any depth. Never mutates its input: objects on
 * the way to a secret are copied, anything without secrets is shared as it is. Walks with its own
 * stack (no recursion, so depth cannot overflow it) and visits each node once.
 */
export function redactValue(value: unknown, extra: ReadonlySet<string> = new Set()): unknown {
  if (value === null || typeof value !== 'object') return value;
  const frameOf = (node: object, parentKey: string | number): Frame => ({
    node: node as Frame['node'],
    keys: Array.isArray(node) ? undefined : Object.keys(node),
    index: 0,
    copy: undefined,
    parentKey,
  });
  const stack: Frame[] = [frameOf(value, 0)];
  let visited = 0;
  let result: unknown = value;
  while (stack.length > 0) {
    const frame = stack[stack.length - 1]!;
    const length = frame.keys ? frame.keys.length : (frame.node as unknown[]).length;
    if (frame.index >= length) {
      stack.pop();
      const done = frame.copy ?? frame.node;
      const parent = stack[stack.length - 1];
      if (!parent) result = done;
      else if (done !== frame.node) setInCopy(parent, frame.parentKey, done);
      continue;
    }
    if (++visited > MAX_REDACT_NODES) return REDACTED;
    const key = frame.keys ? frame.keys[frame.index]! : frame.index;
    frame.index++;
    const item = (frame.node as Record<string | number, unknown>)[key];
    if (typeof key === 'string' && isSecretKey(key, extra)) {
      if (item !== REDACTED) setInCopy(frame, key, REDACTED);
    } else if (item !== null && typeof item === 'object') {
      stack.push(frameOf(item, key));
    }
  }
  return result;
}

/** Query and form parameter names that carry secrets beyond the body key names (`?api-key=`, `?userPassword=`). */
const SECRET_PARAM = /(pass|passwd|password|pwd|secret|token|key|auth|signature|sig)$/i;

/** True when a query or form parameter name names a secret. */
export function isSecretParam(name: string, extra: ReadonlySet<string> = new Set()): boolean {
  return isSecretKey(name, extra) || SECRET_PARAM.test(name);
}

/** A query-string record with secret parameters replaced. */
export function redactQuery(
  query: Record<string, string>,
  extra: ReadonlySet<string> = new Set(),
): Record<string, string> {
  let out: Record<string, string> | undefined;
  for (const key of Object.keys(query)) {
    if (isSecretParam(key, extra)) (out ??= { ...query })[key] = REDACTED;
  }
  return out ?? query;
}

const decodeName = (name: string): string => {
  try {
    return decodeURIComponent(name.replace(/\+/g, ' '));
  } catch {
    return name;
  }
};

/**
 * A URL or path with its userinfo (`user:pw@`) and secret query parameters replaced. Works on the
 * text (no URL parsing), so it never throws and never rewrites what it leaves alone.
 */
export function redactUrl(url: string, extra: ReadonlySet<string> = new Set()): string {
  // Nothing to hide without userinfo or a query: most paths and callback URLs.
  if (!url.includes('@') && !url.includes('?')) return url;
  let out = url.replace(
    /^([a-z][a-z0-9+.-]*:\/\/)([^/?#@]*)@/i,
    (_m, scheme: string, userinfo: string) => {
      const colon = userinfo.indexOf(':');
      return colon >= 0
        ? `${scheme}${userinfo.slice(0, colon)}:${REDACTED}@`
        : `${scheme}${REDACTED}@`;
    },
  );
  const q = out.indexOf('?');
  if (q < 0) return out;
  const hash = out.indexOf('#', q);
  const query = out.slice(q + 1, hash < 0 ? undefined : hash);
  const redacted = query
    .split('&')
    .map((pair) => {
      const eq = pair.indexOf('=');
      if (eq < 0) return pair;
      return isSecretParam(decodeName(pair.slice(0, eq)), extra)
        ? `${pair.slice(0, eq)}=${REDACTED}`
        : pair;
    })
    .join('&');
  out = `${out.slice(0, q + 1)}${redacted}${hash < 0 ? '' : out.slice(hash)}`;
  return out;
}

/**
 * Free text (a body excerpt, an error message) with secrets replaced: JSON `"key": "value"` and
 * form `key=value` pairs whose key names a secret, and URL userinfo.
 */
export function redactText(text: string, extra: ReadonlySet<string> = new Set()): string {
  return text
    .replace(
      /("([^"\\]{1,64})"\s*:\s*)("(?:[^"\\]|\\.)*"?|[^,}\]\s]+)/g,
      (match, prefix: string, key: string) =>
        isSecretParam(key, extra) ? `${prefix}"${REDACTED}"` : match,
    )
    .replace(/(^|[?&\s])([\w.-]{1,64})=([^&\s]*)/g, (match, lead: string, key: string) =>
      isSecretParam(decodeName(key), extra) ? `${lead}${key}=${REDACTED}` : match,
    )
    .replace(/([a-z][a-z0-9+.-]*:\/\/)[^/?#@\s]*@/gi, `$1${REDACTED}@`);
}

/** Headers as a plain string map with secrets replaced (and the Basic/Bearer scheme kept for context). */
export function redactHeaders(
  headers: Record<string, string | string[] | undefined>,
  extra: ReadonlySet<string> = new Set(),
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const key in headers) {
    const raw = headers[key];
    if (raw === undefined) continue;
    const value = Array.isArray(raw) ? raw.join(', ') : raw;
    if (!isSecretKey(key, extra)) {
      out[key] = value;
    } else if (/^(authorization|proxy-authorization)$/i.test(key)) {
      const scheme = /^(\w+)\s/.exec(value)?.[1];
      out[key] = scheme ? `${scheme} ${REDACTED}` : REDACTED;
    } else {
      out[key] = REDACTED;
    }
  }
  return out;
}
