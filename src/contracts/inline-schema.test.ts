import { describe, expect, it } from 'vitest';
import { inlineSchema } from './inline-schema.js';

describe('inlineSchema', () => {
  it('replaces local and cross-document refs, merges allOf of plain object schemas, reads oneOf as anyOf', () => {
    const other = {
      $id: 'https://provider-sim.dev/schemas/x/base.schema.json',
      type: 'object',
      properties: { ts: { type: 'integer' } },
      required: ['ts'],
    };
    const root = {
      $defs: { record: { type: 'object', properties: { meta: { type: 'string' } } } },
      oneOf: [
        {
          allOf: [
            { $ref: '#/$defs/record' },
            { $ref: 'https://provider-sim.dev/schemas/x/base.schema.json' },
            { type: 'object', required: ['meta'] },
          ],
        },
      ],
    };
    expect(inlineSchema(root, (id) => (id === 'x/base' ? other : undefined))).toEqual({
      anyOf: [
        {
          type: 'object',
          properties: { meta: { type: 'string' }, ts: { type: 'integer' } },
          required: ['ts', 'meta'],
        },
      ],
    });
  });

  it('keeps an allOf whose parts do more than describe properties', () => {
    const schema = {
      allOf: [{ type: 'object' }, { if: { required: ['a'] }, then: { required: ['b'] } }],
    };
    expect(inlineSchema(schema, () => undefined)).toEqual(schema);
  });

  it('stops following a recursive ref', () => {
    const schema = {
      $defs: { node: { type: 'object', properties: { next: { $ref: '#/$defs/node' } } } },
      $ref: '#/$defs/node',
    };
    expect(() => inlineSchema(schema, () => undefined)).not.toThrow();
  });
});
