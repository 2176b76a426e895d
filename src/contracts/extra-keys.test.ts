import { describe, expect, it } from 'vitest';
import { EXTRA_KEYS, withExtraKeys } from './extra-keys.js';

describe('withExtraKeys', () => {
  it('adds the keys to every object where the document stays valid, and nowhere else', () => {
    const document = { strict: { a: 1 }, open: { list: [{ b: 2 }] } };
    // A stand-in for a schema that forbids extra keys under /strict only.
    const isValid = (value: unknown): boolean =>
      Object.keys((value as { strict: object }).strict).length === 1;
    const { document: out, added } = withExtraKeys(document, isValid);
    expect(out).toEqual({
      ...EXTRA_KEYS,
      strict: { a: 1 },
      open: { ...EXTRA_KEYS, list: [{ b: 2, ...EXTRA_KEYS }] },
    });
    expect(added).toBe(3);
    expect(document).toEqual({ strict: { a: 1 }, open: { list: [{ b: 2 }] } });
  });

  it('keeps a value already there under an extra key name', () => {
    const { document } = withExtraKeys({ providerSimExtra: 'mine' }, () => true);
    expect(document).toMatchObject({ providerSimExtra: 'mine' });
  });
});
