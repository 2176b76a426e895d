import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/engine/clock.js';
import type { ProviderContext, SimRequest } from '../../src/engine/provider-api.js';
import { createRandom } from '../../src/engine/random.js';
import { createIdSource } from '../../src/engine/seeded-streams.js';
import { createAjv } from '../../src/engine/validation/create-ajv.js';
import { msg91Credentials } from './auth.js';
import { jsonHeaderRules } from './json-headers.js';
import { MSG91_DEFAULTS, MSG91_SETTINGS_SCHEMA, type Msg91Settings } from './settings.js';

const context = (settings: Partial<Msg91Settings> = {}): ProviderContext<Msg91Settings> => ({
  providerId: 'msg91',
  settings: { ...MSG91_DEFAULTS, ...settings },
  clock: new ManualClock(),
  random: createRandom(1),
  ids: createIdSource(createRandom(2)),
  validateSchema: () => [],
  store: new Map(),
});

const request = (headers: Record<string, string>): SimRequest => ({
  id: 'r',
  method: 'POST',
  path: '/api/v5/whatsapp//outbound/clevertap/',
  fullPath: '/msg91/api/v5/whatsapp//outbound/clevertap/',
  query: new URLSearchParams(),
  headers,
  params: {},
  rawBody: Buffer.alloc(0),
  body: {},
  receivedAt: 0,
});

const basic = (pair: string): string => `Basic ${Buffer.from(pair).toString('base64')}`;

describe('MSG91 settings', () => {
  it('has sandbox defaults that satisfy its settings schema', () => {
    expect(createAjv({ strict: false }).validate(MSG91_SETTINGS_SCHEMA, MSG91_DEFAULTS)).toBe(true);
  });
});

describe('MSG91 credentials', () => {
  it('accepts the sandbox username with any password and its Authkey', () => {
    expect(
      msg91Credentials.verify(
        request({ authorization: basic('sandbox:whatever'), authkey: 'sandbox' }),
        context(),
      ),
    ).toEqual({ ok: true, principal: 'sandbox' });
  });

  it('refuses an unknown username, and a wrong password when checkPassword is on', () => {
    expect(
      msg91Credentials.verify(
        request({ authorization: basic('other:sandbox'), authkey: 'sandbox' }),
        context(),
      ),
    ).toMatchObject({ ok: false, reason: 'invalid' });
    expect(
      msg91Credentials.verify(
        request({ authorization: basic('sandbox:no'), authkey: 'sandbox' }),
        context({ checkPassword: true }),
      ),
    ).toMatchObject({ ok: false, reason: 'invalid' });
  });

  it('describes the accepted pair and key for the start banner', () => {
    expect(msg91Credentials.describe(MSG91_DEFAULTS)).toBe(
      'Basic sandbox:<any password>, Authkey: sandbox',
    );
    expect(msg91Credentials.describe({ ...MSG91_DEFAULTS, checkPassword: true })).toBe(
      'Basic sandbox:sandbox, Authkey: sandbox',
    );
  });
});

describe('MSG91 JSON headers', () => {
  it.each([
    ['application/json', []],
    ['*/*', []],
    ['application/json, text/plain', []],
    ['application/*;q=0.9', []],
    ['text/html', ['/headers/accept']],
  ])('with Accept %s finds %j', (accept, pointers) => {
    const found = jsonHeaderRules(
      request({ 'content-type': 'application/json', accept }),
      context(),
    );
    expect(found.map((d) => d.pointer)).toEqual(pointers);
  });

  it.each([
    ['lenient', 'info'],
    ['require', 'error'],
    ['require-both', 'error'],
    ['warn', 'warning'],
  ] as const)('under %s journals a missing Content-type as %s', (jsonHeaders, severity) => {
    const found = jsonHeaderRules(request({ accept: '*/*' }), context({ jsonHeaders }));
    expect(found.map((d) => [d.pointer, d.severity])).toEqual([
      ['/headers/content-type', severity],
    ]);
  });

  it('says nothing when switched off', () => {
    expect(jsonHeaderRules(request({}), context({ jsonHeaders: 'off' }))).toEqual([]);
  });
});
