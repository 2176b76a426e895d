import { describe, expect, it } from 'vitest';
import type { SimConfigInput } from '../../src/config/sim-config.js';
import { SchemaRegistry } from '../../src/engine/validation/schema-registry.js';
import { sendClevertapWhatsapp } from '../../test/support/provider-sends.js';
import { useSimHarness } from '../../test/support/sim-harness.js';
import { sampleTemplateMessage } from '../families/clevertap-whatsapp/sample-messages.js';
import { sinchWhatsapp } from './index.js';

const PATH = '/sinch-whatsapp/v1/messages';
const SANDBOX = { user: 'sandbox', password: 'sandbox' };
const schemas = new SchemaRegistry();
const h = useSimHarness({
  providers: [sinchWhatsapp],
  schemas,
  config: {
    providers: {
      'sinch-whatsapp': {
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

const start = (config: SimConfigInput = {}) => h.start(config);
const send = (
  headers: Record<string, string>,
  body: unknown = sampleTemplateMessage(),
  method = 'POST',
) =>
  sendClevertapWhatsapp(h, PATH, { 'content-type': 'application/json', ...headers }, body, method);

describe('Sinch India WhatsApp', () => {
  it('accepts the sandbox user and password headers at POST /sinch-whatsapp/v1/messages', async () => {
    await start();
    expect(await send(SANDBOX)).toEqual({ status: 200, body: { status: 'success' } });
  });

  it('accepts a request without Content-Type, which CleverTap may not send', async () => {
    await start();
    const response = await sendClevertapWhatsapp(h, PATH, SANDBOX, sampleTemplateMessage());
    expect(response.body).toEqual({ status: 'success' });
  });

  it('accepts the accounts configured instead of the sandbox one', async () => {
    await start({
      providers: {
        'sinch-whatsapp': { settings: { accounts: [{ user: 'acme', password: 's3cret' }] } },
      },
    });
    expect((await send({ user: 'acme', password: 's3cret' })).body).toEqual({ status: 'success' });
    expect((await send(SANDBOX)).body.error.code).toBe(2000);
  });

  it('answers a wrong password with code 2000 naming the two headers', async () => {
    await start();
    expect(await send({ user: 'sandbox', password: 'nope' })).toEqual({
      status: 200,
      body: {
        status: 'failure',
        error: { code: 2000, message: 'invalid credentials in header(s) user, password' },
      },
    });
  });

  it('answers Basic authentication instead of the two headers with code 2000 naming them', async () => {
    await start();
    const result = await send({
      authorization: `Basic ${Buffer.from('sandbox:sandbox').toString('base64')}`,
    });
    expect(result.body.error).toEqual({
      code: 2000,
      message: 'missing header(s): user, password',
    });
  });

  it('sends DLRs and inbound messages to the URLs configured for it', async () => {
    await start({
      providers: {
        'sinch-whatsapp': { callbacks: { dlr: `${h.sink.url}/dlr`, inbound: `${h.sink.url}/in` } },
      },
    });
    await send(SANDBOX);
    await h.inbound({ provider: 'sinch-whatsapp', from: '919800000001', text: 'hi' });
    const received = await h.sink.waitFor(4);
    const paths = received.map((r) => r.path);
    expect(paths.filter((p) => p === '/callbacks/dlr')).toHaveLength(3);
    expect(paths.filter((p) => p === '/callbacks/in')).toHaveLength(1);
    for (const r of received) {
      const schema = r.path.endsWith('/dlr') ? 'dlr-callback' : 'inbound-callback';
      expect(schemas.validate(`sinch-whatsapp/${schema}`, r.body)).toEqual([]);
    }
  });

  it('falls back to the top-level callbackUrl for both kinds', async () => {
    await start({ callbackUrl: h.sink.url });
    await send(SANDBOX);
    const [first] = await h.sink.waitFor(1);
    expect(first!.path).toBe('/callbacks');
  });

  it('answers GET on the send route with 405 and an unknown path with 404 naming the route', async () => {
    await start();
    const get = await send(SANDBOX, undefined, 'GET');
    expect(get.status).toBe(405);
    expect(schemas.validate('clevertap-whatsapp/error-response', get.body)).toEqual([]);
    const response = await h.post('/sinch-whatsapp/v1/message', '{}', SANDBOX);
    expect(response.status).toBe(404);
    const body = response.body as { error: { message: string } };
    expect(body.error.message).toContain('POST /sinch-whatsapp/v1/messages');
  });

  it('lists its URL, sandbox credentials, business number and templates for the start banner', async () => {
    await start();
    const [summary] = h.sim.describe();
    expect(summary!.routes[0]).toMatchObject({
      url: `${h.url}${PATH}`,
      credentials: 'user: sandbox, password: sandbox',
    });
    expect(summary!.notes.join('\n')).toContain('business number(s): 919800000099');
    expect(summary!.notes.join('\n')).toContain('whatsapp:hsm:technology:generic:verify (en, 3)');
  });

  it('redacts the password header in the journal', async () => {
    await start();
    await send(SANDBOX);
    const [entry] = h.sim.journal.list();
    expect(entry!.request.headers).toMatchObject({ user: 'sandbox', password: '[redacted]' });
  });
});
