import { parseDocument, visit } from 'yaml';
import type { EngineConfig } from '../engine/engine-config.js';
import {
  exceedsJsonDepth,
  exceedsValueDepth,
  findJsonShapeExcess,
  findValueShapeExcess,
  shapeLimitsOf,
  type JsonShapeExcess,
} from '../engine/validation/json-depth.js';
import type { AdminError } from './admin-errors.js';

/** Most fault rules one admin request may add or one scenario may hold. */
export const MAX_RULES_PER_REQUEST = 1000;

/** Largest YAML scenario text accepted (YAML costs far more per byte to parse than JSON). */
export const MAX_YAML_BYTES = 256 * 1024;

/** Most aliases a YAML scenario may expand (a "billion laughs" document expands far more). */
export const MAX_YAML_ALIASES = 100;

/** The body limits of the admin API: the `limits` section of the config. */
export type AdminBodyLimits = EngineConfig['limits'];

const tooDeep = (maxDepth: number): AdminError => ({
  code: 'body-too-deep',
  pointer: '/body',
  title: 'Admin request body nests too deeply',
  detail: `the body nests arrays and objects deeper than ${maxDepth} levels (limits.maxJsonDepth)`,
});

/** The admin error for a body past one of the shape limits, naming the field where it was. */
function shapeRefusal(excess: JsonShapeExcess, limits: AdminBodyLimits): AdminError {
  const pointer = excess.pointer === '' ? '/body' : excess.pointer;
  switch (excess.limit) {
    case 'depth':
      return tooDeep(limits.maxJsonDepth);
    case 'object-keys':
      return {
        code: 'object-too-wide',
        pointer,
        title: 'Admin request body has too wide an object',
        detail: `${pointer} has more than ${limits.maxObjectKeys} members (limits.maxObjectKeys)`,
      };
    case 'values':
      return {
        code: 'body-too-many-values',
        pointer,
        title: 'Admin request body holds too many values',
        detail: `the body holds more than ${limits.maxJsonValues} values, object members and array items together; the limit was passed in ${pointer} (limits.maxJsonValues)`,
      };
  }
}

/**
 * Why a JSON admin body is refused before it is parsed: nesting, an object's members or the
 * values in all past the limits, found by one scan of its bytes. Undefined when it may be parsed.
 */
export function refuseAdminJson(
  body: Buffer | string,
  limits: AdminBodyLimits,
): AdminError | undefined {
  const excess = findJsonShapeExcess(body, shapeLimitsOf(limits));
  return excess && shapeRefusal(excess, limits);
}

/**
 * Why a parsed fault or scenario document is refused before any rule is checked: too deep, too
 * wide, too many values, or more rules than one request may carry. Undefined when it may go on.
 */
export function refuseAdminDocument(
  document: unknown,
  limits: AdminBodyLimits,
): AdminError | undefined {
  if (exceedsValueDepth(document, limits.maxJsonDepth)) return tooDeep(limits.maxJsonDepth);
  const excess = findValueShapeExcess(document, shapeLimitsOf(limits));
  if (excess) return shapeRefusal(excess, limits);
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
 * scanned before parsing, the parsed value after), the members of each mapping, its values and its
 * alias expansion.
 */
export function parseAdminYaml(
  text: string,
  limits: AdminBodyLimits,
): { ok: true; document: unknown } | { ok: false; error: AdminError } {
  const maxDepth = limits.maxJsonDepth;
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
  // The parser's own duplicate-key check compares each key with every earlier one of its mapping
  // (seconds for one wide mapping); duplicates are found below in one pass instead.
  const doc = parseDocument(text, { prettyErrors: false, uniqueKeys: false });
  const problem = doc.errors[0] ?? duplicateKey(doc);
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

/**
 * The first key repeated within its mapping, reported as the parser would: one pass with a set per
 * mapping. (The document's mappings are bounded by `refuseAdminDocument` once it is converted.)
 */
function duplicateKey(
  doc: ReturnType<typeof parseDocument>,
): { message: string; pos: [number, number] } | undefined {
  let found: { message: string; pos: [number, number] } | undefined;
  visit(doc, {
    Map(_key, map) {
      const seen = new Set<unknown>();
      for (const pair of map.items) {
        const key: unknown =
          pair.key !== null && typeof pair.key === 'object' && 'value' in pair.key
            ? pair.key.value
            : pair.key;
        if (typeof key === 'object' && key !== null) continue;
        if (seen.has(key)) {
          const range = (pair.key as { range?: [number, number, number] } | null)?.range;
          found = { message: 'Map keys must be unique', pos: [range?.[0] ?? 0, range?.[1] ?? 0] };
          return visit.BREAK;
        }
        seen.add(key);
      }
      return undefined;
    },
  });
  return found;
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
