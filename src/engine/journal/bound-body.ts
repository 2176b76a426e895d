import { exceedsValueDepth } from '../validation/json-depth.js';
import { redactText, redactValue } from './redact.js';

/** What the journal keeps in place of a body too large or too deep to keep parsed. */
export interface TruncatedBody {
  truncated: true;
  /** Size of the whole body in bytes (an estimate of its JSON size when it came parsed). */
  bytes: number;
  /** The start of the body as text, secrets redacted. */
  text: string;
}

/** Limits of what one journal entry keeps of a body. */
export interface BodyLimits {
  /** Largest body kept parsed. */
  maxBodyBytes: number;
  /** Deepest nesting kept parsed. */
  maxDepth: number;
}

/** Most characters of a truncated body's text kept: enough to recognise it, small enough to keep many. */
const EXCERPT_CHARS = 2048;

/**
 * Estimated JSON size of `value`, walked iteratively and abandoned once past `cap` (the result is
 * then just over `cap`). Strings count their length, other leaves a few bytes.
 */
export function estimateBytes(value: unknown, cap: number): number {
  let total = 0;
  const stack: unknown[] = [value];
  while (stack.length > 0 && total <= cap) {
    const node = stack.pop();
    if (typeof node === 'string') total += node.length + 2;
    else if (node === null || typeof node !== 'object') total += 8;
    else if (Array.isArray(node)) {
      total += 2 + node.length;
      for (const item of node) stack.push(item);
    } else {
      total += 2;
      for (const key in node) {
        total += key.length + 4;
        stack.push((node as Record<string, unknown>)[key]);
      }
    }
  }
  return total;
}

const excerpt = (text: string, secrets: ReadonlySet<string>): string =>
  redactText(text.slice(0, EXCERPT_CHARS), secrets);

/**
 * The body a journal entry keeps, and its estimated size: the parsed body (secrets redacted) when
 * it is within the limits, otherwise a `TruncatedBody`. `raw` is the body as received, when known;
 * it is what gets measured and excerpted.
 */
export function boundBody(
  value: unknown,
  raw: Buffer | undefined,
  limits: BodyLimits,
  secrets: ReadonlySet<string> = new Set(),
): { body: unknown; bytes: number } {
  if (value === undefined && raw === undefined) return { body: undefined, bytes: 0 };
  const measured = raw ? raw.length : estimateBytes(value, limits.maxBodyBytes);
  // The depth walk only for bodies small enough to keep: it is bounded by the size cap.
  const deep =
    measured <= limits.maxBodyBytes &&
    value !== null &&
    typeof value === 'object' &&
    exceedsValueDepth(value, limits.maxDepth);
  if (measured <= limits.maxBodyBytes && !deep) {
    return { body: redactValue(value, secrets), bytes: measured };
  }
  let text = '';
  if (raw && raw.length > 0)
    text = excerpt(raw.subarray(0, EXCERPT_CHARS * 4).toString('utf8'), secrets);
  else if (!deep) {
    const serialised = JSON.stringify(value);
    if (typeof serialised === 'string') text = excerpt(serialised, secrets);
  }
  const body: TruncatedBody = { truncated: true, bytes: measured, text };
  return { body, bytes: text.length + 64 };
}
