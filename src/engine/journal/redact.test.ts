import { describe, expect, it } from 'vitest';
import { REDACTED, redactHeaders, redactValue } from './redact.js';

describe('redaction', () => {
  it('replaces secret-named keys at any depth without touching the input', () => {
    const input = { appid: 'a', pass: 'p', nested: [{ api_key: 'k', token: 't', keep: 1 }] };
    expect(redactValue(input)).toEqual({
      appid: 'a',
      pass: REDACTED,
      nested: [{ api_key: REDACTED, token: REDACTED, keep: 1 }],
    });
    expect(input.pass).toBe('p');
  });

  it('shares values without secrets instead of copying them', () => {
    const clean = { a: { b: [1, { c: 'x' }] } };
    expect(redactValue(clean)).toBe(clean);
    const mixed = { keep: { deep: 1 }, auth: { token: 't' } };
    const out = redactValue(mixed) as typeof mixed;
    expect(out.keep).toBe(mixed.keep);
    expect(out.auth).toEqual({ token: REDACTED });
  });

  it('redacts extra provider-named fields and keeps the auth scheme of Authorization', () => {
    expect(redactValue({ userId: 'u' }, new Set(['userid']))).toEqual({ userId: REDACTED });
    expect(
      redactHeaders({ authorization: 'Basic dTpw', 'api-key': 'k', sid: 's', password: 'p' }),
    ).toEqual({
      authorization: `Basic ${REDACTED}`,
      'api-key': REDACTED,
      sid: 's',
      password: REDACTED,
    });
  });
});
