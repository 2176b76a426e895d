import { describe, expect, it } from 'vitest';
import type { SimConfigInput } from '../../src/config/sim-config.js';
import { SchemaRegistry } from '../../src/engine/validation/schema-registry.js';
import { sendClevertapWhatsapp } from '../../test/support/provider-sends.js';
import { useSimHarness } from '../../test/support/sim-harness.js';
import { sampleTemplateMessage } from '../families/clevertap-whatsapp/sample-messages.js';
import { msg91 } from './index.js';

const PATH = '/msg91/api/v5/whatsapp//outbound/clevertap/';
const schemas = new SchemaRegistry();
const h = useSimHarness({
  providers: [msg91],
  schemas,
  config: {
    providers: {
      msg91: {
        settings: {
          delaysMs: {
            sent: { min: 5, max: 5 },
            delivered: { min: 5, max: 5 },
            read: { min: 5, max: 5 },
          },
        },
      },
    },
  },
});

const basic = (pair: string): string => `Basic ${Buffer.from(pair).toString('base64')}`;
const SANDBOX = {
  authorization: basic('sandbox:sandbox'),
  authkey: 'sandbox',
  'content-type': 'application/json',
  accept: 'application/json',
};

const start = (config: SimConfigInput = {}) => h.start(config);
const send = (headers: Record<string, string | undefined>, path = PATH) =>
  sendClevertapWhatsapp(h, path, headers, sampleTemplateMessage());

describe('MSG91 path', () => {
  it('serves the documented URL with its double slash and trailing slash', async () => {
    await start();
    expect(await send(SANDBOX)).toEqual({ status: 200, body: { status: 'success' } });
  });

  it.each([
    ['the single-slash form', '/msg91/api/v5/whatsapp/outbound/clevertap/'],
    ['the form without the trailing slash', '/msg91/api/v5/whatsapp//outbound/clevertap'],
  ])('answers %s with 404 naming the documented route', async (_form, path) => {
    await start();
    const result = await send(SANDBOX, path);
    expect(result.status).toBe(404);
    expect(result.body.status).toBe('failure');
    expect(result.body.error.message).toContain(`closest route: POST ${PATH}`);
    expect(h.sim.journal.list()[0]!.outcome).toBe('unmatched');
  });
});

describe('MSG91 credentials', () => {
  it('checks only the Basic username by default, as the guide names only the username', async () => {
    await start();
    expect((await send({ ...SANDBOX, authorization: basic('sandbox:') })).body).toEqual({
      status: 'success',
    });
  });

  it('checks the Basic password too when checkPassword is on', async () => {
    await start({ providers: { msg91: { settings: { checkPassword: true } } } });
    expect((await send(SANDBOX)).body).toEqual({ status: 'success' });
    expect((await send({ ...SANDBOX, authorization: basic('sandbox:x') })).body.error).toEqual({
      code: 2000,
      message: 'invalid Basic credentials for user "sandbox"',
    });
  });

  it('answers an Authkey of another account with code 2000', async () => {
    await start();
    expect((await send({ ...SANDBOX, authkey: 'other' })).body.error).toEqual({
      code: 2000,
      message: 'Authkey does not belong to MSG91 user "sandbox"',
    });
  });

  it('answers missing Basic authentication and Authkey with code 2000 naming both', async () => {
    await start();
    expect(
      (await send({ ...SANDBOX, authorization: undefined, authkey: undefined })).body.error,
    ).toEqual({ code: 2000, message: 'missing header(s): Authorization: Basic, Authkey' });
  });

  it('redacts Authorization and Authkey in the journal', async () => {
    await start();
    await send(SANDBOX);
    expect(h.sim.journal.list()[0]!.request.headers).toMatchObject({
      authorization: 'Basic [redacted]',
      authkey: '[redacted]',
    });
  });
});

describe('MSG91 JSON headers', () => {
  it('answers a send without Content-type by default, journaling it as info', async () => {
    await start();
    const result = await send({ ...SANDBOX, 'content-type': undefined });
    expect(result.body).toEqual({ status: 'success' });
    const [entry] = h.sim.journal.list();
    expect(entry!.messages).toHaveLength(1);
    expect(
      entry!.diagnostics
        .filter((d) => d.pointer === '/headers/content-type')
        .map((d) => d.severity),
    ).toEqual(['info']);
  });

  it('refuses a send without Content-type with code 2004 naming the header under jsonHeaders "require"', async () => {
    await start({ providers: { msg91: { settings: { jsonHeaders: 'require' } } } });
    const result = await send({ ...SANDBOX, 'content-type': undefined });
    expect(result.body.error.code).toBe(2004);
    expect(result.body.error.message).toMatch(/^\/headers\/content-type is missing/);
  });

  it('refuses a send whose Accept does not take JSON with code 2004 naming the header', async () => {
    await start({ providers: { msg91: { settings: { jsonHeaders: 'require-both' } } } });
    const result = await send({ ...SANDBOX, accept: 'text/html' });
    expect(result.body.error.message).toMatch(/^\/headers\/accept is "text\/html"/);
  });

  it('only journals the header findings as warnings with jsonHeaders "warn"', async () => {
    await start({ providers: { msg91: { settings: { jsonHeaders: 'warn' } } } });
    const result = await send({ ...SANDBOX, 'content-type': undefined, accept: 'text/plain' });
    expect(result.body).toEqual({ status: 'success' });
    const warnings = h.sim.journal.list()[0]!.diagnostics.filter((d) => d.severity === 'warning');
    expect(warnings.map((d) => d.pointer)).toEqual(['/headers/content-type', '/headers/accept']);
  });
});

describe('MSG91 webhooks', () => {
  it('sends DLRs to the Outbound Messages webhook and replies to the Inbound Messages webhook', async () => {
    await start({
      providers: {
        msg91: { callbacks: { dlr: `${h.sink.url}/outbound`, inbound: `${h.sink.url}/inbound` } },
      },
    });
    await send(SANDBOX);
    await h.inbound({ provider: 'msg91', from: '919800000001', type: 'location' });
    const received = await h.sink.waitFor(4);
    expect(received.filter((r) => r.path === '/callbacks/outbound')).toHaveLength(3);
    const [reply] = received.filter((r) => r.path === '/callbacks/inbound');
    expect(schemas.validate('msg91/inbound-callback', reply!.body)).toEqual([]);
    expect(reply!.body).toMatchObject({
      type: 'location',
      context: { id: '1700001|1712345678|20240405|1700001' },
    });
  });
});
