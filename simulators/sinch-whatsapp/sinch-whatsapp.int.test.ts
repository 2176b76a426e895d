import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { deepMerge } from '../../src/config/deep-merge.js';
import type { SimConfigInput } from '../../src/config/sim-config.js';
import { createSimulator, type Simulator } from '../../src/app/create-simulator.js';
import { SchemaRegistry } from '../../src/engine/validation/schema-registry.js';
import { startCallbackSink, type CallbackSink } from '../../test/support/callback-sink.js';
import { sampleTemplateMessage } from '../families/clevertap-whatsapp/sample-messages.js';
import { sinchWhatsapp } from './index.js';

const PATH = '/sinch-whatsapp/v1/messages';
const SANDBOX = { user: 'sandbox', password: 'sandbox' };
const schemas = new SchemaRegistry();
let sink: CallbackSink;
let sim: Simulator;
let url: string;

async function start(config: SimConfigInput = {}): Promise<void> {
  const base: SimConfigInput = {
    port: 0,
    log: { level: 'silent' },
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
  };
  sim = createSimulator(deepMerge(base, config), [sinchWhatsapp], { schemas });
  url = await sim.listen();
}

async function send(
  headers: Record<string, string>,
  body: unknown = sampleTemplateMessage(),
  method = 'POST',
): Promise<{ status: number; body: any }> {
  const response = await fetch(`${url}${PATH}`, {
    method,
    headers: { 'content-type': 'application/json', ...headers },
    ...(method === 'POST' && { body: JSON.stringify(body) }),
  });
  return { status: response.status, body: await response.json() };
}

beforeEach(async () => {
  sink = await startCallbackSink();
});
afterEach(async () => {
  await sim.close({ drain: false });
  await sink.close();
});

describe('Sinch India WhatsApp', () => {
  it('accepts the sandbox user and password headers at POST /sinch-whatsapp/v1/messages', async () => {
    await start();
    expect(await send(SANDBOX)).toEqual({ status: 200, body: { status: 'success' } });
  });

  it('accepts a request without Content-Type, which CleverTap may not send', async () => {
    await start();
    const response = await fetch(`${url}${PATH}`, {
      method: 'POST',
      headers: SANDBOX,
      body: new Blob([JSON.stringify(sampleTemplateMessage())]),
    });
    expect(await response.json()).toEqual({ status: 'success' });
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
        'sinch-whatsapp': { callbacks: { dlr: `${sink.url}/dlr`, inbound: `${sink.url}/in` } },
      },
    });
    await send(SANDBOX);
    await fetch(`${url}/__admin/inbound`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ provider: 'sinch-whatsapp', from: '919800000001', text: 'hi' }),
    });
    const received = await sink.waitFor(4);
    const paths = received.map((r) => r.path);
    expect(paths.filter((p) => p === '/callbacks/dlr')).toHaveLength(3);
    expect(paths.filter((p) => p === '/callbacks/in')).toHaveLength(1);
    for (const r of received) {
      const schema = r.path.endsWith('/dlr') ? 'dlr-callback' : 'inbound-callback';
      expect(schemas.validate(`sinch-whatsapp/${schema}`, r.body)).toEqual([]);
    }
  });

  it('falls back to the top-level callbackUrl for both kinds', async () => {
    await start({ callbackUrl: sink.url });
    await send(SANDBOX);
    const [first] = await sink.waitFor(1);
    expect(first!.path).toBe('/callbacks');
  });

  it('answers GET on the send route with 405 and an unknown path with 404 naming the route', async () => {
    await start();
    const get = await send(SANDBOX, undefined, 'GET');
    expect(get.status).toBe(405);
    expect(schemas.validate('clevertap-whatsapp/error-response', get.body)).toEqual([]);
    const response = await fetch(`${url}/sinch-whatsapp/v1/message`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...SANDBOX },
      body: '{}',
    });
    expect(response.status).toBe(404);
    const body = (await response.json()) as { error: { message: string } };
    expect(body.error.message).toContain('POST /sinch-whatsapp/v1/messages');
  });

  it('lists its URL, sandbox credentials, business number and templates for the start banner', async () => {
    await start();
    const [summary] = sim.describe();
    expect(summary!.routes[0]).toMatchObject({
      url: `${url}${PATH}`,
      credentials: 'user: sandbox, password: sandbox',
    });
    expect(summary!.notes.join('\n')).toContain('business number(s): 919800000099');
    expect(summary!.notes.join('\n')).toContain('whatsapp:hsm:technology:generic:verify (en, 3)');
  });

  it('redacts the password header in the journal', async () => {
    await start();
    await send(SANDBOX);
    const [entry] = sim.journal.list();
    expect(entry!.request.headers).toMatchObject({ user: 'sandbox', password: '[redacted]' });
  });
});
