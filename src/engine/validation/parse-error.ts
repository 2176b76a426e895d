import { REDACTED, isSecretParam, redactText } from '../journal/redact.js';

/** Characters of the body quoted in a parse error: enough to spot the mistake, too few to leak much. */
const EXCERPT_CHARS = 32;

const isSpace = (c: number): boolean => c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;
const isDigit = (c: number): boolean => c >= 0x30 && c <= 0x39;
const isHex = (c: number): boolean =>
  isDigit(c) || (c >= 0x41 && c <= 0x46) || (c >= 0x61 && c <= 0x66);

/** Offset just past the string opened at `open`, or the offset of the first character it may not hold. */
function stringEnd(text: string, open: number): { end: number; ok: boolean } {
  let i = open + 1;
  while (i < text.length) {
    const c = text.charCodeAt(i);
    if (c === 0x22) return { end: i + 1, ok: true };
    if (c < 0x20) return { end: i, ok: false };
    if (c === 0x5c) {
      const e = text.charCodeAt(i + 1);
      if (e === 0x75) {
        for (let h = 2; h < 6; h++) {
          if (!isHex(text.charCodeAt(i + h))) return { end: i + h, ok: false };
        }
        i += 6;
        continue;
      }
      if (!'"\\/bfnrt'.includes(text[i + 1] ?? '')) return { end: i + 1, ok: false };
      i += 2;
      continue;
    }
    i++;
  }
  return { end: text.length, ok: false };
}

/** Offset just past the number starting at `start`, or of the first character that breaks it. */
function numberEnd(text: string, start: number): { end: number; ok: boolean } {
  let i = start;
  if (text.charCodeAt(i) === 0x2d) i++;
  if (text.charCodeAt(i) === 0x30) i++;
  else if (isDigit(text.charCodeAt(i))) while (isDigit(text.charCodeAt(i))) i++;
  else return { end: i, ok: false };
  if (text.charCodeAt(i) === 0x2e) {
    i++;
    if (!isDigit(text.charCodeAt(i))) return { end: i, ok: false };
    while (isDigit(text.charCodeAt(i))) i++;
  }
  if (text.charCodeAt(i) === 0x65 || text.charCodeAt(i) === 0x45) {
    i++;
    if (text.charCodeAt(i) === 0x2b || text.charCodeAt(i) === 0x2d) i++;
    if (!isDigit(text.charCodeAt(i))) return { end: i, ok: false };
    while (isDigit(text.charCodeAt(i))) i++;
  }
  return { end: i, ok: true };
}

/**
 * Offset of the first character at which `text` stops being JSON (its length when it ends too
 * soon), or -1 when it is JSON. Everything before that offset is a valid start of a JSON text.
 */
export function jsonErrorOffset(text: string): number {
  const containers: number[] = [];
  let state: 'value' | 'key' | 'after' = 'value';
  let i = 0;
  for (;;) {
    while (i < text.length && isSpace(text.charCodeAt(i))) i++;
    const c = text.charCodeAt(i);
    if (state === 'key') {
      if (c !== 0x22) return i;
      const str = stringEnd(text, i);
      if (!str.ok) return str.end;
      i = str.end;
      while (i < text.length && isSpace(text.charCodeAt(i))) i++;
      if (text.charCodeAt(i) !== 0x3a) return i;
      i++;
      state = 'value';
    } else if (state === 'value') {
      if (c === 0x7b || c === 0x5b) {
        containers.push(c);
        i++;
        while (i < text.length && isSpace(text.charCodeAt(i))) i++;
        if (text.charCodeAt(i) === c + 2) {
          containers.pop();
          i++;
          state = 'after';
        } else state = c === 0x7b ? 'key' : 'value';
        continue;
      }
      let token: { end: number; ok: boolean };
      if (c === 0x22) token = stringEnd(text, i);
      else if (c === 0x2d || isDigit(c)) token = numberEnd(text, i);
      else {
        const literal = ['true', 'false', 'null'].find((l) => l.charCodeAt(0) === c);
        if (!literal) return i;
        let k = 1;
        while (k < literal.length && text.charCodeAt(i + k) === literal.charCodeAt(k)) k++;
        token = { end: i + k, ok: k === literal.length };
      }
      if (!token.ok) return token.end;
      i = token.end;
      state = 'after';
    } else {
      const open = containers.at(-1);
      if (open === undefined) return i >= text.length ? -1 : i;
      if (c === 0x2c) {
        i++;
        state = open === 0x7b ? 'key' : 'value';
      } else if (c === open + 2) {
        containers.pop();
        i++;
      } else return i;
    }
  }
}

/** A key as keys are written: anything else (spaces, colons, quotes) may be a value swallowed by a broken quote. */
const PLAIN_KEY = /^[\w.+@$-]{0,64}$/;

/**
 * Spans `[start, end)` of `text` before `until` not to quote, when `text` up to `until` is a
 * valid start of a JSON text. Once a secret-named key has its colon, every string and word after
 * it: a stray quote or bracket in a secret's value can leave parts of it anywhere later, even as
 * a key. Before that, any key that does not look like one (a missing quote can make a key of the
 * value after it).
 */
export function hiddenSpans(
  text: string,
  until: number,
  secrets: ReadonlySet<string>,
): [number, number][] {
  const spans: [number, number][] = [];
  // Per open container: whether it is an object (its strings alternate key, value).
  const objects: boolean[] = [];
  let expectKey = false;
  let lastKey = '';
  let afterSecret = false;
  let i = 0;
  while (i < until) {
    const c = text.charCodeAt(i);
    const start = i;
    if (isSpace(c)) i++;
    else if (c === 0x22) {
      i = Math.min(until, stringEnd(text, i).end);
      if (afterSecret) spans.push([start, i]);
      else if (expectKey) {
        lastKey = text.slice(start + 1, i - 1);
        const closed = i > start + 1 && text.charCodeAt(i - 1) === 0x22;
        if (!closed || !PLAIN_KEY.test(lastKey)) spans.push([start, i]);
      }
      expectKey = false;
    } else if (c === 0x3a) {
      afterSecret ||= isSecretParam(lastKey, secrets);
      i++;
    } else if (c === 0x7b || c === 0x5b) {
      objects.push(c === 0x7b);
      expectKey = c === 0x7b;
      i++;
    } else if (c === 0x7d || c === 0x5d) {
      objects.pop();
      i++;
    } else if (c === 0x2c) {
      expectKey = objects.at(-1) === true;
      i++;
    } else {
      // A number or literal: up to the next space or punctuation.
      while (i < until && !isSpace(text.charCodeAt(i)) && !'{}[],:"'.includes(text[i]!)) i++;
      if (afterSecret) spans.push([start, i]);
    }
  }
  return spans;
}

/**
 * Up to `EXCERPT_CHARS` characters of `text` just before offset `at`, where it stops being JSON,
 * with what `hiddenSpans` finds replaced: that stretch is valid JSON so far, so its keys are known.
 */
export function excerptBefore(text: string, at: number, secrets: ReadonlySet<string>): string {
  const start = Math.max(0, at - EXCERPT_CHARS);
  let excerpt = '';
  let from = start;
  for (const [secretFrom, secretTo] of hiddenSpans(text, at, secrets)) {
    if (secretTo <= start) continue;
    excerpt += `${text.slice(from, Math.max(from, secretFrom))}"${REDACTED}"`;
    from = Math.max(from, secretTo);
  }
  if (from < at) excerpt += text.slice(from, at);
  // Free-text patterns too (URL userinfo in a callback URL, `key=value` pairs).
  return redactText(excerpt, secrets);
}

/**
 * Why `text` is not JSON: the parser's reason, the offset, and a short excerpt of what precedes
 * the error with every secret's value hidden. Nothing from the error on is quoted: past that point
 * the structure is unknown, so no key can tell whether what follows is a secret.
 */
export function describeParseError(
  error: Error,
  text: string,
  secrets: ReadonlySet<string>,
): string {
  // The parser names the offending character and quotes the stretch around it, which may be a
  // secret: only its grammar is kept ("Unexpected token", "Expected ',' or '}' ...").
  const reason = (error.message.startsWith('Unexpected token') ? 'Unexpected token' : error.message)
    .replace(/( in JSON)? at position \d+.*$/, '')
    .split(/,? (?:\.\.\.)?"/)[0]!
    .slice(0, 80);
  const position = /position (\d+)/.exec(error.message)?.[1];
  const found = jsonErrorOffset(text);
  const at = position !== undefined ? Number(position) : found === -1 ? text.length : found;
  const excerpt = excerptBefore(text, Math.min(at, text.length), secrets);
  return `the request body is not valid JSON: ${reason} at byte ${at}${
    excerpt === '' ? '' : ` (after ${JSON.stringify(excerpt)})`
  }`;
}
