/** Deepest nesting copied by hand; deeper (or cyclic) data goes to `structuredClone`. */
const MAX_DEPTH = 64;

class TooDeep extends Error {}

function copyNode(value: unknown, depth: number): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (depth > MAX_DEPTH) throw new TooDeep();
  if (Array.isArray(value)) {
    const out = new Array<unknown>(value.length);
    for (let i = 0; i < value.length; i++) out[i] = copyNode(value[i], depth + 1);
    return out;
  }
  const proto = Object.getPrototypeOf(value) as unknown;
  // Dates, maps and the like keep structuredClone's exact semantics.
  if (proto !== Object.prototype && proto !== null) return structuredClone(value);
  const out: Record<string, unknown> =
    proto === null ? (Object.create(null) as Record<string, unknown>) : {};
  for (const key in value) out[key] = copyNode((value as Record<string, unknown>)[key], depth + 1);
  return out;
}

/**
 * A deep copy of JSON-shaped data (arrays, plain objects, primitives) that shares no object with
 * its input. Several times faster than `structuredClone` on the small records providers keep;
 * anything else inside (a Date, a Map) and data nested past 64 levels (or cyclic) is copied by
 * `structuredClone`.
 */
export function copyPlainData<T>(value: T): T {
  try {
    return copyNode(value, 0) as T;
  } catch (error) {
    if (error instanceof TooDeep) return structuredClone(value);
    throw error;
  }
}
