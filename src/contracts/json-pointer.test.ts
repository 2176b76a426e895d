import { describe, expect, it } from 'vitest';
import { valueAtPointer } from './json-pointer.js';

describe('valueAtPointer', () => {
  const document = { to: '919800000001', data: [{ meta: 'm-1' }], 'a/b': { '~c': 1 } };

  it('finds values by object key and array index, and the whole document for ""', () => {
    expect(valueAtPointer(document, '/to')).toBe('919800000001');
    expect(valueAtPointer(document, '/data/0/meta')).toBe('m-1');
    expect(valueAtPointer(document, '')).toBe(document);
  });

  it('unescapes ~1 and ~0 in tokens', () => {
    expect(valueAtPointer(document, '/a~1b/~0c')).toBe(1);
  });

  it('answers undefined for a missing key, a bad index or a pointer without a leading slash', () => {
    expect(valueAtPointer(document, '/dtm')).toBeUndefined();
    expect(valueAtPointer(document, '/data/01')).toBeUndefined();
    expect(valueAtPointer(document, '/to/length')).toBeUndefined();
    expect(valueAtPointer(document, 'to')).toBeUndefined();
  });
});
