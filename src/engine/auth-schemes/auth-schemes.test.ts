import { describe, expect, it } from 'vitest';
import { createRandom } from '../random.js';
import { createIdSource } from '../seeded-streams.js';
import type { ProviderContext, SimRequest } from '../types.js';
import { basicAuth } from './basic-auth.js';
import { bodyCredentials } from './body-credentials.js';
import { headerCredentials } from './header-credentials.js';

const context = <S>(settings: S): ProviderContext<S> => ({
  providerId: 'p',
  settings,
  clock: { now: () => 0, setTimer: () => ({ cancel: () => undefined }) },
  random: createRandom(1),
  ids: createIdSource(createRandom(1)),
  validateSchema: () => [],
  store: new Map(),
});

const request = (headers: Record<string, string>, body?: unknown): SimRequest => ({
  id: 'r',
  method: 'POST',
  path: '/',
  fullPath: '/p/',
  query: new URLSearchParams(),
  headers,
  params: {},
  rawBody: Buffer.alloc(0),
  body,
  receivedAt: 0,
});

describe('auth schemes', () => {
  it('body-credentials accepts a matching account and says which fields are missing or wrong', () => {
    const scheme = bodyCredentials<{ accounts: Record<string, string>[] }>({
      fields: ['appid', 'pass'],
      secretFields: ['pass'],
      accounts: (s) => s.accounts,
    });
    const ctx = context({ accounts: [{ appid: 'a', pass: 'p' }] });
    expect(scheme.verify(request({}, { appid: 'a', pass: 'p' }), ctx)).toEqual({
      ok: true,
      principal: 'a',
    });
    expect(scheme.verify(request({}, { appid: 'a' }), ctx)).toMatchObject({
      ok: false,
      reason: 'missing',
      detail: expect.stringContaining('pass'),
    });
    expect(scheme.verify(request({}, [1]), ctx)).toMatchObject({ ok: false, reason: 'missing' });
    expect(scheme.verify(request({}, { appid: 'a', pass: 'x' }), ctx)).toMatchObject({
      ok: false,
      reason: 'invalid',
    });
    expect(scheme.describe(ctx.settings)).toBe('appid=a pass=p');
  });

  it('header-credentials needs every header to match one account', () => {
    const scheme = headerCredentials<null>({
      headers: ['user', 'password'],
      secretHeaders: ['password'],
      accounts: () => [{ user: 'sandbox', password: 'sandbox' }],
    });
    const ctx = context(null);
    expect(scheme.verify(request({ user: 'sandbox', password: 'sandbox' }), ctx)).toEqual({
      ok: true,
      principal: 'sandbox',
    });
    expect(scheme.verify(request({ user: 'sandbox' }), ctx)).toMatchObject({ reason: 'missing' });
    expect(scheme.verify(request({ user: 'sandbox', password: 'no' }), ctx)).toMatchObject({
      reason: 'invalid',
    });
  });

  it('basic-auth decodes the header and checks the pair', () => {
    const scheme = basicAuth<null>({ accounts: () => [{ username: 'u', password: 'p:w' }] });
    const ctx = context(null);
    const header = (pair: string) => ({
      authorization: `Basic ${Buffer.from(pair).toString('base64')}`,
    });
    expect(scheme.verify(request(header('u:p:w')), ctx)).toEqual({ ok: true, principal: 'u' });
    expect(scheme.verify(request(header('u:x')), ctx)).toMatchObject({ reason: 'invalid' });
    expect(scheme.verify(request({ authorization: 'Bearer t' }), ctx)).toMatchObject({
      reason: 'missing',
    });
  });
});
