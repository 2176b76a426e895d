/**
 * Deepest nesting of arrays and objects in a JSON (or flow-style YAML) text, found by one pass over
 * the bytes: brackets inside strings are skipped. Stops as soon as `limit` is passed, so hostile
 * input costs at most one linear scan, and nothing is ever parsed to find it out.
 */
export function exceedsJsonDepth(text: Buffer | string, limit: number): boolean {
  const bytes = typeof text === 'string' ? Buffer.from(text, 'utf8') : text;
  let depth = 0;
  let inString = false;
  for (let i = 0; i < bytes.length; i++) {
    const c = bytes[i];
    if (inString) {
      if (c === 0x5c)
        i++; // backslash: the next byte is escaped
      else if (c === 0x22) inString = false;
      continue;
    }
    if (c === 0x22) inString = true;
    else if (c === 0x5b || c === 0x7b) {
      if (++depth > limit) return true;
    } else if (c === 0x5d || c === 0x7d) depth--;
  }
  return false;
}

/** Bounds on the shape of a JSON document, all checked in one pass before it is parsed. */
export interface JsonShapeLimits {
  /** Deepest nesting of arrays and objects. */
  maxDepth: number;
  /** Most members one object may have. */
  maxObjectKeys: number;
  /** Most values in the whole document: every object member and array item, at any depth. */
  maxValues: number;
}

/** The shape limits of the `limits` section of the config. */
export function shapeLimitsOf(limits: {
  maxJsonDepth: number;
  maxObjectKeys: number;
  maxJsonValues: number;
}): JsonShapeLimits {
  return {
    maxDepth: limits.maxJsonDepth,
    maxObjectKeys: limits.maxObjectKeys,
    maxValues: limits.maxJsonValues,
  };
}

/** Which shape limit a document passes, and the JSON pointer of the container where it did. */
export interface JsonShapeExcess {
  limit: 'depth' | 'object-keys' | 'values';
  /** The array or object being read when the limit was passed (`""` for the whole document). */
  pointer: string;
}

/** Per-depth state of `findJsonShapeExcess`. */
interface ShapeScratch {
  isObject: Uint8Array;
  count: Int32Array;
  keyStart: Int32Array;
  keyEnd: Int32Array;
}

const newScratch = (size: number): ShapeScratch => ({
  isObject: new Uint8Array(size),
  count: new Int32Array(size),
  keyStart: new Int32Array(size),
  keyEnd: new Int32Array(size),
});

let scratch = newScratch(66);

/** Longest key quoted in a pointer: a hostile key may be most of the body. */
const MAX_POINTER_KEY_CHARS = 64;

/**
 * Finds the first shape limit a JSON text passes: nesting, members of one object, or values in all.
 * One pass over the bytes (strings skipped) that stops at the first excess, so it costs a linear
 * scan at most and builds nothing; a wide object or a flood of small values is refused before
 * the parser spends time (and memory) on it. Undefined when the text is within every limit. Text
 * that is not JSON is scanned as far as its brackets allow; the parser reports its errors later.
 */
export function findJsonShapeExcess(
  text: Buffer | string,
  limits: JsonShapeLimits,
): JsonShapeExcess | undefined {
  const bytes = typeof text === 'string' ? Buffer.from(text, 'utf8') : text;
  const { maxDepth, maxObjectKeys, maxValues } = limits;
  // Per open container (index = depth, 1-based): object or array, values so far, and the byte
  // range of the current key (objects), kept only to name where a limit was passed.
  // Reused from call to call (the scan is synchronous): four fresh arrays per request cost more
  // than the scan of a typical body. Each slot is reset when its container opens.
  if (scratch.isObject.length < maxDepth + 2) scratch = newScratch(maxDepth + 2);
  const { isObject, count, keyStart, keyEnd } = scratch;
  count[0] = 0;
  let depth = 0;
  let total = 0;
  // The innermost container was just opened (its first value is still to come)...
  let fresh = false;
  // ...and, for an object, the next string is a key.
  let awaitingKey = false;
  for (let i = 0; i < bytes.length; i++) {
    const c = bytes[i]!;
    if (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) continue;
    // A value starts here: the first one of a container just opened (unless it closes empty),
    // or the next one after a comma.
    let startsValue = false;
    if (fresh) {
      fresh = false;
      startsValue = c !== 0x5d && c !== 0x7d;
    }
    if (c === 0x2c && depth > 0) {
      startsValue = true;
      awaitingKey = isObject[depth] === 1;
    }
    if (startsValue) {
      const members = (count[depth] = count[depth]! + 1);
      if (++total > maxValues)
        return {
          limit: 'values',
          pointer: pointerOf(bytes, depth - 1, isObject, count, keyStart, keyEnd),
        };
      if (members > maxObjectKeys && isObject[depth] === 1) {
        return {
          limit: 'object-keys',
          pointer: pointerOf(bytes, depth - 1, isObject, count, keyStart, keyEnd),
        };
      }
    }
    if (c === 0x22) {
      const end = closingQuote(bytes, i);
      if (awaitingKey) {
        keyStart[depth] = i;
        keyEnd[depth] = end + 1;
        awaitingKey = false;
      }
      i = end;
    } else if (c === 0x5b || c === 0x7b) {
      if (depth + 1 > maxDepth) {
        return {
          limit: 'depth',
          pointer: pointerOf(bytes, depth, isObject, count, keyStart, keyEnd),
        };
      }
      depth++;
      isObject[depth] = c === 0x7b ? 1 : 0;
      count[depth] = 0;
      keyStart[depth] = 0;
      keyEnd[depth] = 0;
      fresh = true;
      awaitingKey = c === 0x7b;
    } else if (c === 0x5d || c === 0x7d) {
      if (depth > 0) depth--;
      // The parent's next token is a comma or its end, never a key.
      awaitingKey = false;
    }
  }
  return undefined;
}

/**
 * Offset of the quote closing the string opened at `open` (the text's length when it never
 * closes). Bytes are stepped through a few dozen at a time, and a long run without escapes is
 * crossed by a native search for the next quote.
 */
function closingQuote(bytes: Buffer, open: number): number {
  let i = open + 1;
  for (;;) {
    const stop = Math.min(bytes.length, i + 64);
    for (; i < stop; i++) {
      const c = bytes[i];
      if (c === 0x5c) i++;
      else if (c === 0x22) return i;
    }
    if (i >= bytes.length) return bytes.length;
    // `i` starts a character (an escape before it was stepped over): a quote ahead is escaped
    // only by an odd run of backslashes right before it.
    const at = bytes.indexOf(0x22, i);
    if (at === -1) return bytes.length;
    let backslashes = 0;
    while (at - 1 - backslashes >= i && bytes[at - 1 - backslashes] === 0x5c) backslashes++;
    if (backslashes % 2 === 0) return at;
    i = at + 1;
  }
}

/** JSON pointer of the container at `depth + 1`: each enclosing container's current key or index. */
function pointerOf(
  bytes: Buffer,
  depth: number,
  isObject: Uint8Array,
  count: Int32Array,
  keyStart: Int32Array,
  keyEnd: Int32Array,
): string {
  let pointer = '';
  for (let d = 1; d <= depth; d++) {
    if (isObject[d] !== 1) {
      pointer += `/${Math.max(0, count[d]! - 1)}`;
      continue;
    }
    const raw = bytes.subarray(keyStart[d], Math.max(keyStart[d]!, keyEnd[d]!)).toString('utf8');
    let key: string;
    try {
      key = JSON.parse(raw) as string;
    } catch {
      key = raw.replace(/^"|"$/g, '');
    }
    if (key.length > MAX_POINTER_KEY_CHARS) key = `${key.slice(0, MAX_POINTER_KEY_CHARS)}...`;
    pointer += `/${key.replaceAll('~', '~0').replaceAll('/', '~1')}`;
  }
  return pointer;
}

/**
 * The same limits on a value already parsed (a YAML document), walked iteratively and abandoned at
 * the first excess. Nesting is left to `exceedsValueDepth`.
 */
export function findValueShapeExcess(
  value: unknown,
  limits: Omit<JsonShapeLimits, 'maxDepth'>,
): JsonShapeExcess | undefined {
  const stack: [unknown, string][] = [[value, '']];
  let total = 0;
  while (stack.length > 0) {
    const [node, pointer] = stack.pop()!;
    if (node === null || typeof node !== 'object') continue;
    const isArray = Array.isArray(node);
    let members = 0;
    // for...in stops at the first excess without listing every key first.
    for (const key in node) {
      members++;
      if (++total > limits.maxValues) return { limit: 'values', pointer };
      if (!isArray && members > limits.maxObjectKeys) return { limit: 'object-keys', pointer };
      const child = (node as Record<string, unknown>)[key];
      if (child !== null && typeof child === 'object') {
        stack.push([child, `${pointer}/${key.replaceAll('~', '~0').replaceAll('/', '~1')}`]);
      }
    }
  }
  return undefined;
}

/** A sentence naming the limit a body passed, where, and the config field that sets it. */
export function describeShapeExcess(excess: JsonShapeExcess, limits: JsonShapeLimits): string {
  const at = excess.pointer === '' ? 'its top level' : excess.pointer;
  switch (excess.limit) {
    case 'depth':
      return `the request body nests arrays and objects deeper than ${limits.maxDepth} levels`;
    case 'object-keys':
      return `the request body has an object with more than ${limits.maxObjectKeys} members, at ${at} (limits.maxObjectKeys)`;
    case 'values':
      return `the request body holds more than ${limits.maxValues} values, object members and array items together; the limit was passed at ${at} (limits.maxJsonValues)`;
  }
}

/**
 * Nesting depth of a parsed value, walked iteratively (no recursion, so any depth is safe) and
 * abandoned as soon as it passes `limit`.
 */
export function exceedsValueDepth(value: unknown, limit: number): boolean {
  // Two parallel stacks instead of a tuple per node: this runs on every journaled body.
  const nodes: object[] = [];
  const depths: number[] = [];
  if (value !== null && typeof value === 'object') {
    nodes.push(value);
    depths.push(1);
  }
  while (nodes.length > 0) {
    const node = nodes.pop()!;
    const depth = depths.pop()!;
    if (depth > limit) return true;
    if (Array.isArray(node)) {
      for (const child of node as unknown[]) {
        if (child !== null && typeof child === 'object') {
          nodes.push(child);
          depths.push(depth + 1);
        }
      }
      continue;
    }
    for (const key in node) {
      const child = (node as Record<string, unknown>)[key];
      if (child !== null && typeof child === 'object') {
        nodes.push(child);
        depths.push(depth + 1);
      }
    }
  }
  return false;
}
