import { describe, expect, it } from 'vitest';
import {
  exceedsJsonDepth,
  exceedsValueDepth,
  findJsonShapeExcess,
  findValueShapeExcess,
  type JsonShapeLimits,
} from './json-depth.js';

const nested = (depth: number): string => '['.repeat(depth) + ']'.repeat(depth);

describe('JSON depth limits', () => {
  it('finds nesting past the limit in raw text without parsing it', () => {
    expect(exceedsJsonDepth(nested(64), 64)).toBe(false);
    expect(exceedsJsonDepth(nested(65), 64)).toBe(true);
    expect(exceedsJsonDepth(Buffer.from(`{"a":${nested(100_000)}}`), 64)).toBe(true);
  });

  it('ignores brackets inside strings, escaped quotes included', () => {
    expect(exceedsJsonDepth(JSON.stringify({ text: '[[[[[[\\"[[[[' }), 3)).toBe(false);
    expect(exceedsJsonDepth(JSON.stringify({ a: '"', b: [[[]]] }), 3)).toBe(true);
  });

  it('measures parsed values of any depth without recursion', () => {
    const deep = JSON.parse(nested(100_000)) as unknown;
    expect(exceedsValueDepth(deep, 64)).toBe(true);
    expect(exceedsValueDepth({ a: [{ b: 1 }] }, 3)).toBe(false);
    expect(exceedsValueDepth({ a: [{ b: [] }] }, 3)).toBe(true);
  });
});

const LIMITS: JsonShapeLimits = { maxDepth: 8, maxObjectKeys: 3, maxValues: 10 };
const wide = (n: number): Record<string, number> =>
  Object.fromEntries(Array.from({ length: n }, (_, i) => [`k${i}`, i]));

describe('JSON shape limits', () => {
  it('accepts documents within every limit, whatever their spacing', () => {
    for (const doc of [
      '{}',
      '[]',
      '"just a string, with {[,]} in it"',
      '{ "a" : [ 1 , 2 , { } ] , "b" : { "c" : [ ] } }',
      JSON.stringify({ a: wide(3), b: [1, 2], c: '{,,,,,}' }),
      JSON.stringify(wide(3), null, 2),
    ]) {
      expect(findJsonShapeExcess(doc, LIMITS), doc).toBeUndefined();
    }
  });

  it('refuses an object with too many members, naming where it is', () => {
    expect(findJsonShapeExcess(JSON.stringify(wide(4)), LIMITS)).toEqual({
      limit: 'object-keys',
      pointer: '',
    });
    expect(
      findJsonShapeExcess(JSON.stringify({ a: 1, 'x/y~': [0, { deep: wide(4) }] }), LIMITS),
    ).toEqual({ limit: 'object-keys', pointer: '/x~1y~0/1/deep' });
    // Arrays may be longer than an object may be wide (their length is the schemas' business).
    expect(findJsonShapeExcess(JSON.stringify([1, 2, 3, 4, 5]), LIMITS)).toBeUndefined();
  });

  it('counts every member and item at any depth against the total', () => {
    expect(
      findJsonShapeExcess(JSON.stringify(Array.from({ length: 10 }, () => ({}))), LIMITS),
    ).toBeUndefined();
    expect(
      findJsonShapeExcess(JSON.stringify(Array.from({ length: 11 }, () => ({}))), LIMITS),
    ).toEqual({ limit: 'values', pointer: '' });
    expect(
      findJsonShapeExcess(JSON.stringify({ a: [1, 2, 3], b: { c: [1, 2, 3], d: [1] } }), LIMITS),
    ).toEqual({ limit: 'values', pointer: '/b/d' });
  });

  it('ignores brackets, commas and colons inside strings and keys', () => {
    const tricky = JSON.stringify({ 'a,b,c,d': '",,,,{}[],,,', e: ['\\",', '\\'] });
    expect(findJsonShapeExcess(tricky, LIMITS)).toBeUndefined();
  });

  it('counts exactly what the parser finds, long strings and escapes included', () => {
    const valuesIn = (value: unknown): number =>
      value !== null && typeof value === 'object'
        ? Object.values(value).reduce((n: number, v) => n + 1 + valuesIn(v), 0)
        : 0;
    // Escaped quotes and backslashes at every offset around the point where long strings are
    // searched rather than stepped through.
    const strings = Array.from({ length: 140 }, (_, n) => [
      `${'x'.repeat(n)}\\"],{`,
      `${'y'.repeat(n)}\\\\`,
      `${'z'.repeat(n)}\\\\\\"`,
    ]).flat();
    const doc = JSON.stringify({ s: strings, o: Object.fromEntries(strings.map((k) => [k, [k]])) });
    const total = valuesIn(JSON.parse(doc));
    const limits = { maxDepth: 8, maxObjectKeys: 10_000 };
    expect(findJsonShapeExcess(doc, { ...limits, maxValues: total })).toBeUndefined();
    expect(findJsonShapeExcess(doc, { ...limits, maxValues: total - 1 })?.limit).toBe('values');
    expect(findJsonShapeExcess(doc, { ...limits, maxObjectKeys: 419, maxValues: total })).toEqual({
      limit: 'object-keys',
      pointer: '/o',
    });
  });

  it('reports nesting past the limit as the depth check does', () => {
    expect(findJsonShapeExcess(nested(8), LIMITS)).toBeUndefined();
    expect(findJsonShapeExcess(`{"a":${nested(9)}}`, LIMITS)).toEqual({
      limit: 'depth',
      pointer: '/a/0/0/0/0/0/0/0',
    });
  });

  it('applies the same limits to parsed values', () => {
    const limits = { maxObjectKeys: 3, maxValues: 10 };
    expect(findValueShapeExcess({ a: [1, 2], b: wide(3) }, limits)).toBeUndefined();
    expect(findValueShapeExcess({ a: { b: wide(4) } }, limits)).toEqual({
      limit: 'object-keys',
      pointer: '/a/b',
    });
    expect(findValueShapeExcess([[1, 2, 3, 4, 5, 6, 7, 8, 9, 10]], limits)).toEqual({
      limit: 'values',
      pointer: '/0',
    });
  });
});
