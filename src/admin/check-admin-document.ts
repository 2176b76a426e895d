import { parseDocument } from 'yaml';
import { exceedsJsonDepth, exceedsValueDepth } from '../engine/validation/json-depth.js';
import type { AdminError } from './admin-errors.js';

/** Most fault rules one admin request may add or one scenario may hold. */
export const MAX_RULES_PER_REQUEST = 1000;

/** Largest YAML scenario text accepted (YAML costs far more per byte to parse than JSON). */
export const MAX_YAML_BYTES = 256 * 1024;

/** Most aliases a YAML scenario may expand (a "billion laughs" document expands far more). */
export const MAX_YAML_ALIASES = 100;

const tooDeep = (maxDepth: number): AdminError => ({
  code: 'body-too-deep',
  pointer: '/body',
  title: 'Admin request body nests too deeply',
  detail: `the body nests arrays and objects deeper than ${maxDepth} levels (limits.maxJsonDepth)`,
});

/**
 * Why a parsed fault or scenario document is refused before any rule is checked: too deep, or
 * more rules than one request may carry. Undefined when it may go on.
 */
export function refuseAdminDocument(document: unknown, maxDepth: number): AdminError | undefined {
  if (exceedsValueDepth(document, maxDepth)) return tooDeep(maxDepth);
  const rules = Array.isArray(document)
    ? document
    : (document as { rules?: unknown } | null)?.rules;
  if (Array.isArray(rules) && rules.length > MAX_RULES_PER_REQUEST) {
    return {
      code: 'too-many-rules',
      pointer: Array.isArray(document) ? '/body' : '/rules',
      title: 'Too many fault rules',
      detail: `${rules.length} rules given; one request may carry at most ${MAX_RULES_PER_REQUEST}`,
    };
  }
  return undefined;
}

/**
 * Parses a YAML scenario text within the admin limits: its size, its nesting (flow brackets
 * scanned before parsing, the parsed value after) and its alias expansion.
 */
export function parseAdminYaml(
  text: string,
  maxDepth: number,
): { ok: true; document: unknown } | { ok: false; error: AdminError } {
  const bytes = Buffer.byteLength(text, 'utf8');
  if (bytes > MAX_YAML_BYTES) {
    return {
      ok: false,
      error: {
        code: 'body-too-large',
        pointer: '/body',
        title: 'Scenario YAML is too large',
        detail: `${bytes} bytes of YAML; at most ${MAX_YAML_BYTES} are accepted (send JSON for larger scenarios)`,
      },
    };
  }
  if (exceedsJsonDepth(text, maxDepth)) return { ok: false, error: tooDeep(maxDepth) };
  const doc = parseDocument(text, { prettyErrors: false });
  const problem = doc.errors[0];
  if (problem) {
    return {
      ok: false,
      error: malformedYaml(`${problem.message} (${lineColumn(text, problem.pos[0])})`),
    };
  }
  let document: unknown;
  try {
    document = doc.toJS({ maxAliasCount: MAX_YAML_ALIASES });
  } catch (error) {
    return { ok: false, error: malformedYaml((error as Error).message) };
  }
  if (exceedsValueDepth(document, maxDepth)) return { ok: false, error: tooDeep(maxDepth) };
  return { ok: true, document };
}

const malformedYaml = (message: string): AdminError => ({
  code: 'malformed-yaml',
  pointer: '/body',
  title: 'Scenario is not valid YAML',
  detail: message.slice(0, 300),
});

/** "line L, column C" (1-based) of character `offset` in `text`. */
function lineColumn(text: string, offset: number): string {
  const before = text.slice(0, Math.max(0, offset));
  const line = before.split('\n').length;
  const column = offset - before.lastIndexOf('\n');
  return `line ${line}, column ${column}`;
}
