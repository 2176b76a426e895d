import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SampleGenerator } from '../src/engine/generation/sample-generator.js';
import { readSchemaFolder, SchemaRegistry } from '../src/engine/validation/schema-registry.js';

const schemaDir = join(import.meta.dirname, '..', 'schemas');
const registry = new SchemaRegistry(readSchemaFolder(schemaDir));

interface SchemaExample {
  source: string;
  description: string;
  valid: boolean;
  value: unknown;
}

/** Every documented example: schemas/examples/<provider>/<schema>/<name>.json. */
function examples(): [string, string, SchemaExample][] {
  const root = join(schemaDir, 'examples');
  const out: [string, string, SchemaExample][] = [];
  for (const provider of readdirSync(root)) {
    for (const schema of readdirSync(join(root, provider))) {
      for (const name of readdirSync(join(root, provider, schema))) {
        const example = JSON.parse(
          readFileSync(join(root, provider, schema, name), 'utf8'),
        ) as SchemaExample;
        out.push([`${provider}/${schema}`, name, example]);
      }
    }
  }
  return out;
}

describe('schemas', () => {
  it('every schema compiles in ajv strict mode against draft 2020-12', () => {
    expect(registry.ids().length).toBeGreaterThan(0);
    for (const id of registry.ids()) {
      expect(registry.document(id)!.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
      expect(() => registry.validator(id)).not.toThrow();
    }
  });

  it.each(examples())('%s example %s validates as documented', (schemaId, _name, example) => {
    expect(example.source).toMatch(/^https:\/\//);
    const diagnostics = registry.validate(schemaId, example.value);
    if (example.valid) expect(diagnostics).toEqual([]);
    else expect(diagnostics.length).toBeGreaterThan(0);
  });

  it.each(registry.ids())(
    'sample generator makes valid values of %s, the same for the same seed',
    async (id) => {
      const a = await new SampleGenerator(registry, 'seed-1').sample(id);
      const b = await new SampleGenerator(registry, 'seed-1').sample(id);
      expect(registry.validate(id, a)).toEqual([]);
      expect(a).toEqual(b);
    },
  );
});
