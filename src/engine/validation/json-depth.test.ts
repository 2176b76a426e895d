import { describe, expect, it } from 'vitest';
import { exceedsJsonDepth, exceedsValueDepth } from './json-depth.js';

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
