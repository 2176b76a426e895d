import { describe, expect, it } from 'vitest';
import { SchemaRegistry } from '../engine/validation/schema-registry.js';
import { CallbackSampler, SAMPLE_VARIANTS } from './callback-samples.js';
import { EXTRA_KEYS } from './extra-keys.js';

const schemas = new SchemaRegistry();
const SCHEMA = 'sinch-sms/dlr-callback';

/** Every record of a Generic SMS callback. */
const records = (value: unknown): Record<string, unknown>[] =>
  (value as { data: Record<string, unknown>[] }[]).flatMap((group) => group.data);

describe('CallbackSampler', () => {
  it('makes samples valid against the schema for every variant', async () => {
    const sampler = new CallbackSampler(schemas, 'seed-a');
    for (const variant of SAMPLE_VARIANTS) {
      const value = await sampler.sample(SCHEMA, variant);
      expect(schemas.validate(SCHEMA, value), variant).toEqual([]);
    }
  });

  it('gives the same samples in the same order for the same seed, and others for another seed', async () => {
    const draw = async (seed: string): Promise<unknown[]> => {
      const sampler = new CallbackSampler(schemas, seed);
      const out: unknown[] = [];
      for (const variant of SAMPLE_VARIANTS) out.push(await sampler.sample(SCHEMA, variant));
      return out;
    };
    expect(await draw('same')).toEqual(await draw('same'));
    expect(await draw('same')).not.toEqual(await draw('other'));
  });

  it('fills every optional record field in the all-optional variant', async () => {
    const value = await new CallbackSampler(schemas, 'optional').sample(SCHEMA, 'all-optional');
    for (const record of records(value)) {
      expect(Object.keys(record)).toEqual(
        expect.arrayContaining(['ts', 'meta', 'code', 'description', 'toPhone', 'incomingText']),
      );
    }
  });

  it('adds undocumented keys to groups and records in the extra-keys variant', async () => {
    const value = await new CallbackSampler(schemas, 'extra').sample(SCHEMA, 'extra-keys');
    const groups = value as Record<string, unknown>[];
    for (const group of groups) expect(group).toMatchObject(EXTRA_KEYS);
    for (const record of records(value)) expect(record).toMatchObject(EXTRA_KEYS);
  });

  it('writes free text beyond ASCII in the unicode variant, and at full length in max-lengths', async () => {
    const sampler = new CallbackSampler(schemas, 'text');
    const unicode = records(await sampler.sample(SCHEMA, 'unicode'));
    expect(unicode.some((r) => /[^\t\n\r\x20-\x7e]/.test(String(r.description)))).toBe(true);
    const long = records(await sampler.sample(SCHEMA, 'max-lengths'));
    expect(long.length).toBeGreaterThanOrEqual(3);
    expect(long.every((r) => String(r.description).length === 1024)).toBe(true);
  });

  it('names the schema when it does not know it', async () => {
    await expect(new CallbackSampler(schemas, 's').sample('nope/none', 'unicode')).rejects.toThrow(
      'unknown schema "nope/none"',
    );
  });
});
