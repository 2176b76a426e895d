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

/**
 * `value` with every secret-named key replaced. Never mutates its input: objects on the way to a
 * secret are copied, anything without secrets is shared as it is.
 */
export function redactValue(
  value: unknown,
  extra: ReadonlySet<string> = new Set(),
  depth = 0,
): unknown {
  if (value === null || typeof value !== 'object' || depth > 32) return value;
  if (Array.isArray(value)) {
    const items = value as unknown[];
    let out: unknown[] | undefined;
    items.forEach((item, i) => {
      const redacted = redactValue(item, extra, depth + 1);
      if (redacted !== item) (out ??= [...items])[i] = redacted;
    });
    return out ?? value;
  }
  let out: Record<string, unknown> | undefined;
  for (const key in value) {
    const item = (value as Record<string, unknown>)[key];
    const redacted = isSecretKey(key, extra) ? REDACTED : redactValue(item, extra, depth + 1);
    if (redacted !== item) (out ??= { ...(value as Record<string, unknown>) })[key] = redacted;
  }
  return out ?? value;
}

/** Headers as a plain string map with secrets replaced (and the Basic/Bearer scheme kept for context). */
export function redactHeaders(
  headers: Record<string, string | string[] | undefined>,
  extra: ReadonlySet<string> = new Set(),
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, raw] of Object.entries(headers)) {
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
