/** Replacement written in place of a secret. */
export const REDACTED = '[redacted]';

/** Key names that hold secrets in any provider's requests (compared case-insensitively). */
const SECRET_KEY =
  /^(pass|password|passwd|secret|.*_secret|client_secret|token|access_token|api[-_]?key|authkey|authorization|proxy-authorization|x-api-key)$/i;

/** True when a header or body key names a secret. */
export function isSecretKey(key: string, extra: ReadonlySet<string>): boolean {
  return SECRET_KEY.test(key) || extra.has(key.toLowerCase());
}

/** A deep copy of `value` with every secret-named key replaced; never mutates its input. */
export function redactValue(
  value: unknown,
  extra: ReadonlySet<string> = new Set(),
  depth = 0,
): unknown {
  if (value === null || typeof value !== 'object' || depth > 32) return value;
  if (Array.isArray(value)) return value.map((item) => redactValue(item, extra, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    out[key] = isSecretKey(key, extra) ? REDACTED : redactValue(item, extra, depth + 1);
  }
  return out;
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
