import { isPlainObject } from '../deep-merge.js';

/** What a configured value is shown as where credentials are listed (banner, providers page). */
export const MASKED = '****';

/**
 * `settings` with every string that differs from the provider's published default replaced by
 * `MASKED`: the sandbox credentials everybody knows stay readable, anything configured (a real
 * account's key) is hidden. Numbers and booleans are kept; `settings` is not changed.
 */
export function maskSettings<S>(settings: S, defaults: unknown): S {
  const mask = (value: unknown, fallback: unknown): unknown => {
    if (typeof value === 'string') return value === fallback ? value : MASKED;
    if (Array.isArray(value)) {
      const known = Array.isArray(fallback) ? (fallback as unknown[]) : [];
      return value.map((item, i) => mask(item, known[i]));
    }
    if (isPlainObject(value)) {
      const known = isPlainObject(fallback) ? fallback : {};
      return Object.fromEntries(
        Object.entries(value).map(([key, item]) => [key, mask(item, known[key])]),
      );
    }
    return value;
  };
  return mask(settings, defaults) as S;
}
