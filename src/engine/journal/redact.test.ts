import { describe, expect, it } from 'vitest';
import {
  REDACTED,
  redactHeaders,
  redactQuery,
  redactText,
  redactUrl,
  redactValue,
} from './redact.js';

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

  it('redacts secrets nested far deeper than 32 levels', () => {
    let deep: unknown = { password: 'p' };
    for (let i = 0; i < 50_000; i++) deep = [deep];
    let node = redactValue(deep);
    for (let i = 0; i < 50_000; i++) node = (node as unknown[])[0];
    expect(node).toEqual({ password: REDACTED });
  });

  it('redacts secret query parameters and URL userinfo', () => {
    expect(redactUrl('http://user:pw@gw.example/dlr?id=1&authkey=k&api-key=a#x')).toBe(
      `http://user:${REDACTED}@gw.example/dlr?id=1&authkey=${REDACTED}&api-key=${REDACTED}#x`,
    );
    expect(redactUrl('/sms?user=u&pass=p&token=t&to=91')).toBe(
      `/sms?user=u&pass=${REDACTED}&token=${REDACTED}&to=91`,
    );
    expect(redactUrl('https://tok@gw.example/')).toBe(`https://${REDACTED}@gw.example/`);
    expect(redactQuery({ pass: 'p', secret: 's', to: '91' })).toEqual({
      pass: REDACTED,
      secret: REDACTED,
      to: '91',
    });
  });

  it('redacts secrets in free text excerpts', () => {
    expect(redactText('{"user":"u","password":"hunter2","x":1')).toBe(
      `{"user":"u","password":"${REDACTED}","x":1`,
    );
    expect(redactText('user=u&pass=p1&x=2')).toBe(`user=u&pass=${REDACTED}&x=2`);
  });
});
