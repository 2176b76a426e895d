import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/engine/clock.js';
import type { ProviderContext, SimRequest } from '../../src/engine/provider-api.js';
import { createRandom } from '../../src/engine/random.js';
import { createIdSource } from '../../src/engine/seeded-streams.js';
import { createAjv } from '../../src/engine/validation/create-ajv.js';
import { kaleyraCredentials } from './auth.js';
import { callbackHeaderRules, callbackHeaderTargets } from './callback-headers.js';
import { inboundHeaderKey, kaleyraInboundRoute, readIncomingUrl } from './inbound-routing.js';
import { KALEYRA_DEFAULTS, KALEYRA_SETTINGS_SCHEMA, type KaleyraSettings } from './settings.js';

const context = (settings: Partial<KaleyraSettings> = {}): ProviderContext<KaleyraSettings> => ({
  providerId: 'kaleyra',
  settings: { ...KALEYRA_DEFAULTS, ...settings },
  clock: new ManualClock(),
  random: createRandom(1),
  ids: createIdSource(createRandom(2)),
  validateSchema: () => [],
  store: new Map(),
});

const request = (headers: Record<string, string>): SimRequest => ({
  id: 'r',
  method: 'POST',
  path: '/v1/clevertap/messages',
  fullPath: '/kaleyra/v1/clevertap/messages',
  query: new URLSearchParams(),
  headers,
  params: {},
  rawBody: Buffer.alloc(0),
  body: {},
  receivedAt: 0,
});

const incoming = (target: string, version?: string): string =>
  `https://kaleyra.example/in?inbound_message_callback_url=${encodeURIComponent(target)}${version ? `&payload_version=${version}` : ''}`;

describe('Kaleyra settings', () => {
  it('has sandbox defaults that satisfy its settings schema', () => {
    expect(createAjv({ strict: false }).validate(KALEYRA_SETTINGS_SCHEMA, KALEYRA_DEFAULTS)).toBe(
      true,
    );
  });
});

describe('Kaleyra credentials', () => {
  const headers = {
    'api-key': 'sandbox',
    sid: 'sandbox',
    'kaleyra-host': 'https://api.kaleyra.io',
  };

  it('accepts the sandbox key, SID and a known host, whatever its trailing slash', () => {
    expect(kaleyraCredentials.verify(request(headers), context())).toEqual({
      ok: true,
      principal: 'sandbox',
    });
  });

  it('refuses an unknown host and a missing one', () => {
    expect(
      kaleyraCredentials.verify(request({ ...headers, 'kaleyra-host': 'x' }), context()),
    ).toMatchObject({ ok: false, reason: 'invalid' });
    const { 'kaleyra-host': _h, ...withoutHost } = headers;
    expect(kaleyraCredentials.verify(request(withoutHost), context())).toMatchObject({
      ok: false,
      reason: 'missing',
      detail: 'missing header(s): kaleyra-host',
    });
  });

  it('describes what it accepts for the start banner', () => {
    expect(kaleyraCredentials.describe(KALEYRA_DEFAULTS)).toBe(
      'api-key: sandbox, sid: sandbox, kaleyra-host: https://api.kaleyra.io/',
    );
  });
});

describe('Kaleyra callback headers', () => {
  it('reads both callback URLs with the pointers of their headers', () => {
    expect(
      callbackHeaderTargets(
        request({
          'delivery-report-callback-url': ' http://127.0.0.1/dlr ',
          'inbound-message-callback-url': 'http://127.0.0.1/in',
        }),
      ),
    ).toEqual([
      {
        kind: 'dlr',
        pointer: '/headers/delivery-report-callback-url',
        url: 'http://127.0.0.1/dlr',
      },
      {
        kind: 'inbound',
        pointer: '/headers/inbound-message-callback-url',
        url: 'http://127.0.0.1/in',
      },
    ]);
  });

  it('requires both headers by default and neither when optional', () => {
    const only = request({ 'delivery-report-callback-url': 'http://127.0.0.1/dlr' });
    expect(callbackHeaderRules(only, context()).map((d) => d.pointer)).toEqual([
      '/headers/inbound-message-callback-url',
    ]);
    expect(callbackHeaderRules(only, context({ callbackHeaders: 'optional' }))).toEqual([]);
  });
});

describe('Kaleyra inbound routing', () => {
  it('reads the target and payload version from an Incoming URL', () => {
    expect(readIncomingUrl(incoming('http://127.0.0.1/ct', '0.2'), '/incomingUrl')).toEqual({
      target: 'http://127.0.0.1/ct',
      payloadVersion: '0.2',
    });
    expect(readIncomingUrl('not a url', '/incomingUrl')).toMatchObject({ pointer: '/incomingUrl' });
  });

  it('prefers the given Incoming URL, then the configured one, then the latest header, then nothing', () => {
    const ctx = context({
      incomingUrls: { '+919800000099': incoming('http://127.0.0.1/configured') },
    });
    ctx.store.set(inboundHeaderKey('919800000099'), 'http://127.0.0.1/header');
    expect(
      kaleyraInboundRoute({ incomingUrl: incoming('http://127.0.0.1/given') }, '919800000099', ctx),
    ).toEqual({ target: 'http://127.0.0.1/given' });
    expect(kaleyraInboundRoute({}, '919800000099', ctx)).toEqual({
      target: 'http://127.0.0.1/configured',
    });
    expect(kaleyraInboundRoute({}, '919800000098', ctx)).toEqual({});
    const withoutConfig = context();
    withoutConfig.store.set(inboundHeaderKey('919800000099'), 'http://127.0.0.1/header');
    expect(kaleyraInboundRoute({}, '919800000099', withoutConfig)).toEqual({
      target: 'http://127.0.0.1/header',
    });
  });

  it('points a broken configured Incoming URL out at the business number', () => {
    const ctx = context({ incomingUrls: { '919800000099': 'https://kaleyra.example/in' } });
    expect(kaleyraInboundRoute({}, '919800000099', ctx)).toMatchObject({
      pointer: '/wabaNumber',
      error: expect.stringContaining('settings.incomingUrls.919800000099'),
    });
  });
});
