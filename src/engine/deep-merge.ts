/** True for plain objects (not arrays, not null). */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/**
 * Merges `over` onto `base`: objects merge key by key, anything else (arrays included) replaces.
 * Objects at the JSON pointers in `replaceWhole` are replaced too (e.g. templates, where a merge
 * would leave the default's keys behind).
 */
export function deepMerge<T>(
  base: T,
  over: unknown,
  replaceWhole: ReadonlySet<string> = new Set(),
  at = '',
): T {
  if (over === undefined) return base;
  if (!isPlainObject(base) || !isPlainObject(over) || replaceWhole.has(at)) return over as T;
  const out: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(over)) {
    if (value === undefined) continue;
    out[key] = deepMerge(out[key], value, replaceWhole, `${at}/${key}`);
  }
  return out as T;
}
