import { SCHEMA_ID_BASE } from '../engine/validation/schema-registry.js';

type SchemaObject = Record<string, unknown>;

const isObject = (value: unknown): value is SchemaObject =>
  value !== null && typeof value === 'object' && !Array.isArray(value);

/** Keywords whose value is one subschema. */
const ONE = ['items', 'additionalProperties', 'contains', 'not', 'if', 'then', 'else'];
/** Keywords whose value is a list of subschemas. */
const LIST = ['allOf', 'anyOf', 'oneOf', 'prefixItems'];
/** Keywords whose value maps names to subschemas. */
const MAP = ['properties', 'patternProperties', 'dependentSchemas'];
/** Most `$ref` hops followed on one path (recursive schemas stop here). */
const MAX_DEPTH = 24;

/** The value at a `#/...` fragment of `root`. */
function atFragment(root: SchemaObject, fragment: string): unknown {
  let node: unknown = root;
  for (const raw of fragment.replace(/^#\/?/, '').split('/').filter(Boolean)) {
    if (!isObject(node)) return undefined;
    node = node[raw.replaceAll('~1', '/').replaceAll('~0', '~')];
  }
  return node;
}

/**
 * Merges object schemas that only describe properties (the `allOf: [{$ref: record}, {required}]`
 * idiom) into one, so generators see every property; undefined when they do more than that.
 */
function mergeObjectSchemas(parts: SchemaObject[]): SchemaObject | undefined {
  const plain = new Set(['type', 'properties', 'required', 'description', 'title']);
  if (!parts.every((p) => Object.keys(p).every((k) => plain.has(k)))) return undefined;
  if (!parts.every((p) => p.type === undefined || p.type === 'object')) return undefined;
  const properties: SchemaObject = {};
  const required = new Set<string>();
  for (const part of parts) {
    for (const [name, schema] of Object.entries((part.properties as SchemaObject) ?? {})) {
      properties[name] =
        properties[name] === undefined ? schema : { allOf: [properties[name], schema] };
    }
    for (const name of (part.required as string[] | undefined) ?? []) required.add(name);
  }
  return { type: 'object', properties, ...(required.size > 0 && { required: [...required] }) };
}

/**
 * A copy of `schema` with every `$ref` replaced by what it points at (`#/...` within its own
 * document, or another schema by id through `documentOf`), and simple `allOf` object schemas
 * merged, and `oneOf` read as `anyOf`: generators then fill every optional property, which they
 * skip behind refs, `allOf` and `oneOf`.
 * Only for generating; validation keeps using the original.
 */
export function inlineSchema(
  schema: unknown,
  documentOf: (schemaId: string) => unknown,
  root: SchemaObject = isObject(schema) ? schema : {},
  depth = 0,
): unknown {
  if (!isObject(schema)) return schema;
  if (typeof schema.$ref === 'string' && depth < MAX_DEPTH) {
    const ref = schema.$ref;
    const [base, fragment = ''] = ref.split('#');
    let target: unknown;
    let targetRoot = root;
    if (base === '' || base === undefined) {
      target = atFragment(root, `#${fragment}`);
    } else {
      const id = base.startsWith(SCHEMA_ID_BASE)
        ? base.slice(SCHEMA_ID_BASE.length).replace(/\.schema\.json$/, '')
        : base;
      const document = documentOf(id);
      if (isObject(document)) {
        targetRoot = document;
        target = fragment === '' ? document : atFragment(document, `#${fragment}`);
      }
    }
    if (isObject(target)) {
      const { $ref: _ref, ...siblings } = schema;
      const inlined = inlineSchema(target, documentOf, targetRoot, depth + 1) as SchemaObject;
      return Object.keys(siblings).length === 0
        ? inlined
        : inlineSchema({ allOf: [inlined, siblings] }, documentOf, root, depth + 1);
    }
  }
  const out: SchemaObject = {};
  for (const [key, value] of Object.entries(schema)) {
    if (key === '$defs' || key === '$id' || key === '$schema' || key === 'discriminator') continue;
    // The generator thins out `oneOf` branches to keep them exclusive, dropping optional
    // properties; `anyOf` keeps them, and validation against the original still rules.
    if (key === 'oneOf' && Array.isArray(value)) {
      out.anyOf = value.map((v) => inlineSchema(v, documentOf, root, depth));
    } else if (ONE.includes(key) && isObject(value))
      out[key] = inlineSchema(value, documentOf, root, depth);
    else if (LIST.includes(key) && Array.isArray(value))
      out[key] = value.map((v) => inlineSchema(v, documentOf, root, depth));
    else if (MAP.includes(key) && isObject(value))
      out[key] = Object.fromEntries(
        Object.entries(value).map(([k, v]) => [k, inlineSchema(v, documentOf, root, depth)]),
      );
    else out[key] = value;
  }
  if (Array.isArray(out.allOf) && out.allOf.every(isObject)) {
    const merged = mergeObjectSchemas(out.allOf);
    if (merged) {
      const { allOf: _allOf, ...rest } = out;
      const combined = mergeObjectSchemas([merged, rest]);
      if (combined) return combined;
    }
  }
  return out;
}
