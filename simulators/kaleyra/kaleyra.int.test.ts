import { describe, expect, it } from 'vitest';
import type { SimConfigInput } from '../../src/config/sim-config.js';
import { SchemaRegistry } from '../../src/engine/validation/schema-registry.js';
import { sendClevertapWhatsapp } from '../../test/support/provider-sends.js';
import { useSimHarness } from '../../test/support/sim-harness.js';
import { sampleTemplateMessage } from '../families/clevertap-whatsapp/sample-messages.js';
import { kaleyra } from './index.js';

const PATH = '/kaleyra/v1/clevertap/messages';
const schemas = new SchemaRegistry();
const h = useSimHarness({
  providers: [kaleyra],
  schemas,
  config: {
    providers: {
      kaleyra: {
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

const credentials = {
  'api-key': 'sandbox',
  sid: 'sandbox',
  'kaleyra-host': 'https://api.kaleyra.io/',
};

const callbackHeaders = (dlr: string, inbound: string): Record<string, string> => ({
  'delivery-report-callback-url': dlr,
  'inbound-message-callback-url': inbound,
});

const start = (config: SimConfigInput = {}) => h.start(config);
const send = (headers: Record<string, string>, body: unknown = sampleTemplateMessage()) =>
  sendClevertapWhatsapp(h, PATH, { 'content-type': 'application/json', ...headers }, body);
const inbound = async (input: Record<string, unknown>) => {
  const { status, body } = await h.inbound({ provider: 'kaleyra', ...input });
  return { status, body };
};

describe('Kaleyra credentials', () => {
  it('accepts api-key and sid "sandbox" with the documented kaleyra-host', async () => {
    await start();
    const result = await send({
      ...credentials,
      ...callbackHeaders(`${h.sink.url}/dlr`, `${h.sink.url}/in`),
    });
    expect(result).toEqual({ status: 200, body: { status: 'success' } });
  });

  it('accepts a regional API domain, with or without the trailing slash', async () => {
    await start();
    const headers = { ...credentials, ...callbackHeaders(`${h.sink.url}/dlr`, `${h.sink.url}/in`) };
    expect((await send({ ...headers, 'kaleyra-host': 'https://api.in.kaleyra.io' })).body).toEqual({
      status: 'success',
    });
  });

  it('answers a kaleyra-host that is not a Kaleyra API domain with code 2000 naming the expected ones', async () => {
    await start();
    const result = await send({
      ...credentials,
      'kaleyra-host': 'https://api.example.com/',
      ...callbackHeaders(`${h.sink.url}/dlr`, `${h.sink.url}/in`),
    });
    expect(result.body.error.code).toBe(2000);
    expect(result.body.error.message).toBe(
      'kaleyra-host "https://api.example.com/" is not a Kaleyra API domain of this account; expected one of https://api.kaleyra.io/, https://api.in.kaleyra.io/, https://api.ap.kaleyra.io/, https://api.eu.kaleyra.io/',
    );
  });

  it('answers missing credentials with code 2000 naming every missing header', async () => {
    await start();
    const result = await send(callbackHeaders(`${h.sink.url}/dlr`, `${h.sink.url}/in`));
    expect(result.body.error).toEqual({
      code: 2000,
      message: 'missing header(s): api-key, sid, kaleyra-host',
    });
  });

  it('answers a wrong sid with code 2000 and redacts the api-key in the journal', async () => {
    await start();
    const result = await send({
      ...credentials,
      sid: 'other',
      ...callbackHeaders(`${h.sink.url}/dlr`, `${h.sink.url}/in`),
    });
    expect(result.body.error).toEqual({
      code: 2000,
      message: 'invalid credentials in header(s) api-key, sid',
    });
    expect(h.sim.journal.list()[0]!.request.headers).toMatchObject({
      'api-key': '[redacted]',
      sid: 'other',
    });
  });
});

describe('Kaleyra callback headers', () => {
  it('sends each message’s DLRs to the delivery-report-callback-url of its own request', async () => {
    await start();
    await send(
      { ...credentials, ...callbackHeaders(`${h.sink.url}/a`, `${h.sink.url}/in`) },
      sampleTemplateMessage({ msgId: 'to-a' }),
    );
    await send(
      { ...credentials, ...callbackHeaders(`${h.sink.url}/b`, `${h.sink.url}/in`) },
      sampleTemplateMessage({ msgId: 'to-b', to: '919800000002' }),
    );
    const received = await h.sink.waitFor(6);
    for (const r of received) {
      expect(schemas.validate('kaleyra/dlr-callback', r.body)).toEqual([]);
      const msgId = (r.body as { statuses: { msgId: string }[] }).statuses[0]!.msgId;
      expect(r.path).toBe(msgId === 'to-a' ? '/callbacks/a' : '/callbacks/b');
    }
  });

  it('refuses a callback URL whose host is outside callbacks.allowedHosts with code 2004 naming the header', async () => {
    await start();
    const result = await send({
      ...credentials,
      ...callbackHeaders('http://10.1.2.3/dlr', `${h.sink.url}/in`),
    });
    expect(result.status).toBe(200);
    expect(result.body).toEqual({
      status: 'failure',
      error: {
        code: 2004,
        message:
          '/headers/delivery-report-callback-url: callback target host "10.1.2.3" is not allowed (callbacks.allowedHosts: localhost, 127.0.0.0/8, ::1)',
      },
    });
    expect(h.sim.journal.list()[0]!.messages).toEqual([]);
  });

  it('refuses an inbound callback URL that is not a URL, naming the header', async () => {
    await start();
    const result = await send({
      ...credentials,
      ...callbackHeaders(`${h.sink.url}/dlr`, 'inbound'),
    });
    expect(result.body.error.message).toBe(
      '/headers/inbound-message-callback-url: "inbound" is not a URL',
    );
  });

  it('accepts a host the allowlist was widened to', async () => {
    await start({ callbacks: { allowedHosts: ['127.0.0.0/8', '*.clevertap.com'] } });
    const result = await send({
      ...credentials,
      ...callbackHeaders('https://in1.wzrkt.clevertap.com/whatsapp/dlr', `${h.sink.url}/in`),
    });
    expect(result.body).toEqual({ status: 'success' });
  });

  it('refuses a send without the callback headers with code 2004 naming the first one', async () => {
    await start();
    const result = await send(credentials);
    expect(result.body.error.code).toBe(2004);
    expect(result.body.error.message).toMatch(
      /^\/headers\/delivery-report-callback-url is required/,
    );
  });

  it('falls back to the configured DLR URL when callback headers are optional and absent', async () => {
    await start({
      providers: {
        kaleyra: {
          callbacks: { dlr: `${h.sink.url}/configured` },
          settings: { callbackHeaders: 'optional' },
        },
      },
    });
    expect((await send(credentials)).body).toEqual({ status: 'success' });
    const [first] = await h.sink.waitFor(1);
    expect(first!.path).toBe('/callbacks/configured');
  });
});

describe('Kaleyra inbound routing', () => {
  const slowDlr = {
    providers: { kaleyra: { settings: { delaysMs: { sent: { min: 60_000, max: 60_000 } } } } },
  };

  it('sends a reply to the inbound-message-callback-url of the latest send from that business number', async () => {
    await start(slowDlr);
    await send({
      ...credentials,
      ...callbackHeaders(`${h.sink.url}/dlr`, `${h.sink.url}/replies`),
    });
    const result = await inbound({ from: '919800000001', text: 'hi' });
    expect(result.body.targets).toEqual({ inbound: [`${h.sink.url}/replies`] });
    const [callback] = await h.sink.waitFor(1);
    expect(callback!.path).toBe('/callbacks/replies');
    expect(schemas.validate('kaleyra/inbound-callback', callback!.body)).toEqual([]);
  });

  it('follows the Incoming URL configured for the number: its inbound_message_callback_url and payload_version', async () => {
    const target = `${h.sink.url}/incoming`;
    await start({
      providers: {
        kaleyra: {
          settings: {
            incomingUrls: {
              '919800000099': `https://kaleyra.example/clevertap/incoming?inbound_message_callback_url=${encodeURIComponent(target)}&payload_version=0.2`,
            },
          },
        },
      },
    });
    await inbound({ from: '919800000001', text: 'hi' });
    const [callback] = await h.sink.waitFor(1);
    expect(callback!.path).toBe('/callbacks/incoming');
    expect(callback!.body).toMatchObject({ payloadVersion: '0.2', text: { body: 'hi' } });
    expect(schemas.validate('kaleyra/inbound-callback', callback!.body)).toEqual([]);
  });

  it('takes an Incoming URL with the injected message, over the configured one', async () => {
    await start();
    const incomingUrl = `https://kaleyra.example/in?payload_version=0.1&inbound_message_callback_url=${encodeURIComponent(`${h.sink.url}/given`)}`;
    await inbound({ from: '919800000001', text: 'hi', incomingUrl });
    const [callback] = await h.sink.waitFor(1);
    expect(callback!.path).toBe('/callbacks/given');
  });

  it('refuses an Incoming URL without inbound_message_callback_url, naming incomingUrl', async () => {
    await start();
    const result = await inbound({
      from: '919800000001',
      text: 'hi',
      incomingUrl: 'https://kaleyra.example/in?payload_version=0.1',
    });
    expect(result.status).toBe(400);
    expect(result.body.errors[0]).toMatchObject({ pointer: '/incomingUrl' });
    expect(result.body.errors[0].detail).toContain('inbound_message_callback_url');
  });

  it('falls back to the configured inbound URL when nothing else routes the message', async () => {
    await start({ providers: { kaleyra: { callbacks: { inbound: `${h.sink.url}/configured` } } } });
    await inbound({ from: '919800000001', text: 'hi' });
    const [callback] = await h.sink.waitFor(1);
    expect(callback!.path).toBe('/callbacks/configured');
  });
});
