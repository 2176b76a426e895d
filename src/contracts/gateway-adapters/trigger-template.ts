import { SimError } from '../../engine/errors.js';

/** Values a template's `{{name}}` placeholders take; `env.NAME` reads the environment. */
export type TemplateValues = Readonly<Record<string, unknown>>;

const PLACEHOLDER = /\{\{\s*([A-Za-z][\w.]*)\s*\}\}/g;
const WHOLE = /^\{\{\s*([A-Za-z][\w.]*)\s*\}\}$/;
/** Marks a value to leave out: a whole-string placeholder whose value is undefined. */
const OMIT = Symbol('omit');

/** The value of placeholder `name`: from `values`, or `env.NAME` from `env`. */
function lookup(name: string, values: TemplateValues, env: NodeJS.ProcessEnv): unknown {
  if (name.startsWith('env.')) return env[name.slice(4)];
  return values[name];
}

/** A value as it reads inside a longer string: arrays comma-joined, nothing for undefined. */
function asText(value: unknown): string {
  if (value === undefined || value === null) return '';
  if (Array.isArray(value)) return value.map(asText).join(',');
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint')
    return String(value);
  return JSON.stringify(value) ?? '';
}

function render(template: unknown, values: TemplateValues, env: NodeJS.ProcessEnv): unknown {
  if (typeof template === 'string') {
    const whole = WHOLE.exec(template)?.[1];
    if (whole !== undefined) {
      const value = lookup(whole, values, env);
      return value === undefined ? OMIT : value;
    }
    return template.replace(PLACEHOLDER, (_, name: string) => asText(lookup(name, values, env)));
  }
  if (Array.isArray(template))
    return template.map((item) => render(item, values, env)).filter((item) => item !== OMIT);
  if (template !== null && typeof template === 'object') {
    return Object.fromEntries(
      Object.entries(template)
        .map(([key, value]) => [key, render(value, values, env)] as const)
        .filter(([, value]) => value !== OMIT),
    );
  }
  return template;
}

/**
 * Fills a JSON template. A string that is exactly `{{name}}` becomes the value itself (an array
 * stays an array, `true` stays a boolean) and is left out when the value is undefined; inside a
 * longer string a value reads as text (arrays comma-joined). `{{env.NAME}}` reads the environment.
 */
export function renderTemplate(
  template: unknown,
  values: TemplateValues,
  env: NodeJS.ProcessEnv = process.env,
): unknown {
  const out = render(template, values, env);
  return out === OMIT ? undefined : out;
}

/**
 * Throws a SimError naming the first placeholder in `template` (under config pointer `at`) that is
 * not one of `known` and not `env.NAME`.
 */
export function checkPlaceholders(template: unknown, known: readonly string[], at: string): void {
  if (typeof template === 'string') {
    for (const match of template.matchAll(PLACEHOLDER)) {
      const name = match[1]!;
      if (!name.startsWith('env.') && !known.includes(name)) {
        throw new SimError(
          'invalid-config',
          at,
          `contract config ${at}: unknown placeholder {{${name}}}; known: ${known.map((k) => `{{${k}}}`).join(', ')}, {{env.NAME}}`,
          { expected: known.join(', '), actual: name },
        );
      }
    }
  } else if (Array.isArray(template)) {
    template.forEach((item, i) => checkPlaceholders(item, known, `${at}/${i}`));
  } else if (template !== null && typeof template === 'object') {
    for (const [key, value] of Object.entries(template))
      checkPlaceholders(value, known, `${at}/${key.replaceAll('~', '~0').replaceAll('/', '~1')}`);
  }
}

/**
 * Every value at `pointer` in `document`, where a `*` token matches each item of an array (or
 * each value of an object): `/messages/*\/id`.
 */
export function selectAll(document: unknown, pointer: string): unknown[] {
  if (pointer === '') return [document];
  let nodes: unknown[] = [document];
  for (const raw of pointer.slice(1).split('/')) {
    const token = raw.replaceAll('~1', '/').replaceAll('~0', '~');
    nodes = nodes.flatMap((node): unknown[] => {
      if (token === '*') {
        if (Array.isArray(node)) return node as unknown[];
        return node !== null && typeof node === 'object' ? Object.values(node) : [];
      }
      if (Array.isArray(node)) return /^\d+$/.test(token) ? [node[Number(token)]] : [];
      if (node !== null && typeof node === 'object' && Object.hasOwn(node, token))
        return [(node as Record<string, unknown>)[token]];
      return [];
    });
  }
  return nodes.filter((n) => n !== undefined);
}
