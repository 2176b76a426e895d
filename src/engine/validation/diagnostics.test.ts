import { describe, expect, it } from 'vitest';
import type { Diagnostic } from '../types.js';
import { appendDiagnostics, MAX_DIAGNOSTICS } from './diagnostics.js';
import { SchemaRegistry } from './schema-registry.js';

const finding = (severity: Diagnostic['severity'], n: number): Diagnostic => ({
  pointer: `/${n}`,
  keyword: 'x',
  message: `finding ${n}`,
  severity,
});

describe('bounded diagnostics', () => {
  it('appends at most the cap, without spreading a huge list into arguments', () => {
    const into: Diagnostic[] = [];
    const many = Array.from({ length: 500_000 }, (_, i) => finding('error', i));
    appendDiagnostics(into, many);
    expect(into).toHaveLength(MAX_DIAGNOSTICS);
  });

  it('still adds the first error when warnings filled the cap', () => {
    const into = Array.from({ length: MAX_DIAGNOSTICS }, (_, i) => finding('warning', i));
    appendDiagnostics(into, [finding('warning', 99), finding('error', 100), finding('error', 101)]);
    expect(into.filter((d) => d.severity === 'error').map((d) => d.message)).toEqual([
      'finding 100',
    ]);
  });

  it('reports a bounded number of findings for a value with tens of thousands of errors', () => {
    const registry = new SchemaRegistry(
      new Map([
        [
          'test/items',
          {
            $id: 'https://provider-sim.dev/schemas/test/items.schema.json',
            type: 'array',
            items: { type: 'object', required: ['a', 'b'] },
          },
        ],
      ]),
    );
    const small = registry.validate('test/items', [1, 2, 3]);
    expect(small.length).toBe(3);
    const huge = registry.validate(
      'test/items',
      Array.from({ length: 40_000 }, () => ({ c: 'x' })),
    );
    expect(huge.length).toBeGreaterThan(0);
    expect(huge.length).toBeLessThanOrEqual(MAX_DIAGNOSTICS);
  });
});
