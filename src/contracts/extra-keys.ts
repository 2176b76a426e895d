/** Undocumented keys added to callback objects: a plain value and a nested one. */
export const EXTRA_KEYS: Readonly<Record<string, unknown>> = {
  providerSimExtra: 'an undocumented value',
  providerSimNested: { note: 'undocumented', list: [1, 'two', null] },
};

/** Every object inside `value` (itself included), outermost first. */
function objectsIn(value: unknown, out: Record<string, unknown>[] = []): Record<string, unknown>[] {
  if (Array.isArray(value)) for (const item of value) objectsIn(item, out);
  else if (value !== null && typeof value === 'object') {
    const object = value as Record<string, unknown>;
    out.push(object);
    for (const child of Object.values(object)) objectsIn(child, out);
  }
  return out;
}

/**
 * A copy of `value` with `keys` added to every object where the document stays valid (`isValid`);
 * objects whose schema forbids extra keys are left alone. Resolves to the copy and how many
 * objects took the keys.
 */
export function withExtraKeys(
  value: unknown,
  isValid: (document: unknown) => boolean,
  keys: Readonly<Record<string, unknown>> = EXTRA_KEYS,
): { document: unknown; added: number } {
  const document = structuredClone(value);
  let added = 0;
  for (const object of objectsIn(document)) {
    const fresh = Object.keys(keys).filter((k) => !Object.hasOwn(object, k));
    if (fresh.length === 0) continue;
    for (const k of fresh) object[k] = structuredClone(keys[k]);
    if (isValid(document)) {
      added++;
    } else {
      for (const k of fresh) delete object[k];
    }
  }
  return { document, added };
}
