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

/**
 * Nesting depth of a parsed value, walked iteratively (no recursion, so any depth is safe) and
 * abandoned as soon as it passes `limit`.
 */
export function exceedsValueDepth(value: unknown, limit: number): boolean {
  const stack: [unknown, number][] = [[value, 0]];
  while (stack.length > 0) {
    const [node, depth] = stack.pop()!;
    if (node === null || typeof node !== 'object') continue;
    if (depth + 1 > limit) return true;
    for (const child of Object.values(node)) {
      if (child !== null && typeof child === 'object') stack.push([child, depth + 1]);
    }
  }
  return false;
}
