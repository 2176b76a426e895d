import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { deepMerge } from '../../../src/config/deep-merge.js';
import { loadConfig } from '../../../src/config/load-config.js';
import type { SimConfigInput } from '../../../src/config/sim-config.js';
import { ManualClock } from '../../../src/engine/clock.js';
import { createSimulator, type Simulator } from '../../../src/app/create-simulator.js';
import type { AnyProviderDefinition } from '../../../src/engine/provider-api.js';
import { SchemaRegistry } from '../../../src/engine/validation/schema-registry.js';
import {
  startCallbackSink,
  type CallbackSink,
  type ReceivedCallback,
} from '../../../test/support/callback-sink.js';
import { runCli } from '../../../test/support/run-cli.js';
import { kaleyra } from '../../kaleyra/index.js';
import { msg91 } from '../../msg91/index.js';
import { sinchWhatsapp } from '../../sinch-whatsapp/index.js';
import {
  sampleFreeformMessage,
  sampleTemplateMessage,
  sampleValidationPayload,
} from './sample-messages.js';

/** How a test reaches one of the three providers with the sandbox's credentials. */
interface ProviderUnderTest {
  definition: AnyProviderDefinition;
  path: string;
  headers(sink: CallbackSink): Record<string, string>;
  /** A header the provider's credentials cannot do without. */
  credentialHeader: string;
}

const basic = (pair: string): string => `Basic ${Buffer.from(pair).toString('base64')}`;

const PROVIDERS: ProviderUnderTest[] = [
  {
    definition: sinchWhatsapp,
    path: '/sinch-whatsapp/v1/messages',
    headers: () => ({ user: 'sandbox', password: 'sandbox' }),
    credentialHeader: 'password',
  },
  {
    definition: kaleyra,
    path: '/kaleyra/v1/clevertap/messages',
    headers: (sink) => ({
      'api-key': 'sandbox',
      sid: 'sandbox',
      'kaleyra-host': 'https://api.kaleyra.io/',
      'delivery-report-callback-url': `${sink.url}/dlr`,
      'inbound-message-callback-url': `${sink.url}/inbound`,
    }),
    credentialHeader: 'api-key',
  },
  {
    definition: msg91,
    path: '/msg91/api/v5/whatsapp//outbound/clevertap/',
    headers: () => ({
      authorization: basic('sandbox:sandbox'),
      authkey: 'sandbox',
      accept: 'application/json',
    }),
    credentialHeader: 'authkey',
  },
];

const schemas = new SchemaRegistry();
let sink: CallbackSink;
let sim: Simulator;
let url: string;

beforeEach(async () => {
  sink = await startCallbackSink();
});
afterEach(async () => {
  await sim?.close({ drain: false });
  await sink.close();
});

const statusesOf = (callbacks: readonly ReceivedCallback[]): Record<string, unknown>[] =>
  callbacks.flatMap((c) => (c.body as { statuses: Record<string, unknown>[] }).statuses);

async function eventually<T>(what: string, check: () => T | undefined, timeoutMs = 3000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describe.each(PROVIDERS)('$definition.id (CleverTap Generic WhatsApp)', (provider) => {
  const id = provider.definition.id;

  async function start(config: SimConfigInput = {}, clock?: ManualClock): Promise<void> {
    const base: SimConfigInput = {
      port: 0,
      log: { level: 'silent' },
      providers: {
        [id]: {
          callbacks: { dlr: `${sink.url}/dlr`, inbound: `${sink.url}/inbound` },
          settings: {
            delaysMs: {
              sent: { min: 5, max: 5 },
              delivered: { min: 10, max: 10 },
              read: { min: 10, max: 10 },
            },
          },
        },
      },
    };
    sim = createSimulator(deepMerge(base, config), [provider.definition], {
      schemas,
      ...(clock && { clock }),
    });
    url = await sim.listen();
  }

  async function send(
    body: unknown,
    headers: Record<string, string | undefined> = {},
  ): Promise<{ status: number; body: any; ms: number }> {
    const all = { 'content-type': 'application/json', ...provider.headers(sink), ...headers };
    const started = performance.now();
    const response = await fetch(`${url}${provider.path}`, {
      method: 'POST',
      headers: Object.fromEntries(
        Object.entries(all).filter((e): e is [string, string] => e[1] !== undefined),
      ),
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });
    const text = await response.text();
    return {
      status: response.status,
      body: text ? JSON.parse(text) : undefined,
      ms: performance.now() - started,
    };
  }

  const inbound = async (input: Record<string, unknown>) => {
    const response = await fetch(`${url}/__admin/inbound`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ provider: id, ...input }),
    });
    return { status: response.status, body: (await response.json()) as any };
  };

  const dlrCallbacks = (): ReceivedCallback[] =>
    sink.received.filter((c) => c.path.endsWith('/dlr'));
  const inboundCallbacks = (): ReceivedCallback[] =>
    sink.received.filter((c) => c.path.endsWith('/inbound'));

  /** Waits for `count` statuses in DLRs and checks every DLR against the provider's schema. */
  async function awaitStatuses(count: number): Promise<Record<string, unknown>[]> {
    const callbacks = await eventually(`${count} statuses`, () =>
      statusesOf(dlrCallbacks()).length >= count ? dlrCallbacks() : undefined,
    );
    for (const c of callbacks) expect(schemas.validate(`${id}/dlr-callback`, c.body)).toEqual([]);
    return statusesOf(callbacks);
  }

  async function awaitInbound(): Promise<Record<string, any>> {
    const [callback] = await eventually('an inbound callback', () =>
      inboundCallbacks().length > 0 ? inboundCallbacks() : undefined,
    );
    expect(schemas.validate(`${id}/inbound-callback`, callback!.body)).toEqual([]);
    return callback!.body as Record<string, any>;
  }

  describe('sends', () => {
    it('accepts a template message with HTTP 200 {"status":"success"} well inside the 1 s deadline', async () => {
      await start();
      await send(sampleValidationPayload());
      const timings: number[] = [];
      for (let i = 0; i < 5; i++) {
        const result = await send(sampleTemplateMessage({ msgId: `t|${i}` }));
        expect(result.status).toBe(200);
        expect(result.body).toEqual({ status: 'success' });
        expect(schemas.validate('clevertap-whatsapp/send-response', result.body)).toEqual([]);
        timings.push(result.ms);
      }
      timings.sort((a, b) => a - b);
      expect(timings[2]).toBeLessThan(200);
      expect(timings[4]).toBeLessThan(1000);
    });

    it.each([
      ['text', { type: 'header', header: { type: 'text', text: { text: 'Order update' } } }],
      [
        'image',
        { type: 'header', header: { type: 'image', image: { mediaURL: 'https://e.x/i.png' } } },
      ],
      [
        'video',
        { type: 'header', header: { type: 'video', video: { mediaURL: 'https://e.x/v.mp4' } } },
      ],
      [
        'file',
        {
          type: 'header',
          header: { type: 'file', file: { mediaURL: 'https://e.x/d.pdf', filename: 'd.pdf' } },
        },
      ],
      [
        'location',
        {
          type: 'header',
          header: { type: 'location', location: { latitude: '19.07', longitude: '72.87' } },
        },
      ],
    ])('accepts a template with a %s header', async (_kind, header) => {
      await start();
      const message = sampleTemplateMessage();
      const components = [header, ...(message.components as unknown[]).slice(1)];
      expect((await send({ ...message, components })).body).toEqual({ status: 'success' });
    });

    it('accepts limited-time offers, copy_code and callPhone buttons and carousels', async () => {
      await start();
      const message = sampleTemplateMessage();
      const components = [
        ...(message.components as unknown[]),
        {
          type: 'limited_time_offer',
          text: 'Buy 1 Get 1 Free',
          parameters: [
            {
              type: 'limited_time_offer',
              limited_time_offer: { expiration_time_ms: 1712081380237 },
            },
          ],
        },
        {
          type: 'button',
          index: 2,
          subType: 'copy_code',
          buttonText: 'Copy offer code',
          parameters: [{ type: 'coupon_code', coupon_code: 'SAMPLECODE' }],
        },
        {
          type: 'button',
          index: 3,
          subType: 'callPhone',
          buttonText: 'Call support',
          parameters: [{ type: 'text', text: '+91999999999' }],
        },
        {
          type: 'carousel',
          cards: [
            {
              components: [
                { type: 'body', body: { text: 'Card 1', parameters: [] } },
                {
                  type: 'button',
                  index: 0,
                  subType: 'staticUrl',
                  buttonText: 'Shop',
                  parameters: [{ type: 'text', text: 'https://shop.example.com' }],
                },
              ],
            },
          ],
        },
      ];
      expect((await send({ ...message, components })).body).toEqual({ status: 'success' });
    });

    it.each([
      ['text', { text: { body: 'hello' } }],
      ['audio', { audio: { mediaURL: 'www.example.com/audio.mp3' } }],
      ['file', { file: { mediaURL: 'www.example.com/d.pdf', caption: 'c', filename: 'd.pdf' } }],
      ['image', { image: { mediaURL: 'www.example.com/image.png', caption: 'This is body' } }],
      ['video', { video: { mediaURL: 'www.example.com/v.mp4' } }],
    ])('accepts a freeform %s message', async (type, content) => {
      await start();
      const { text: _text, ...rest } = sampleFreeformMessage();
      expect((await send({ ...rest, type, ...content })).body).toEqual({ status: 'success' });
    });

    it('accepts the documented spelling variants and records each in the journal', async () => {
      await start();
      const message = sampleTemplateMessage({ payloadVersion: '0.1' });
      const { msgId, ...rest } = message;
      const components = [
        ...(message.components as Record<string, unknown>[]).slice(0, 2),
        { type: 'footer', footertext: 'this is footer' },
        {
          type: 'button',
          index: 0,
          subType: 'Quickreply',
          buttonText: 'STOP',
          parameters: [{ type: 'payload', payload: 'stop-payload' }],
        },
      ];
      const result = await send({ ...rest, msg_id: msgId, components });
      expect(result.body).toEqual({ status: 'success' });
      const [entry] = sim.journal.list();
      expect(entry!.diagnostics.map((d) => [d.severity, d.pointer])).toEqual([
        ['info', '/msg_id'],
        ['info', '/payloadVersion'],
        ['info', '/components/2/footertext'],
        ['info', '/components/3/subType'],
      ]);
      expect(entry!.messages[0]!.reference).toBe(msgId);
    });

    it('answers the wrapped validation payload with success, journals it, and sends no callback', async () => {
      await start();
      const result = await send(sampleValidationPayload());
      expect(result.body).toEqual({ status: 'success' });
      const [entry] = sim.journal.list();
      expect(entry!.recipients).toEqual(['919870369294']);
      expect(entry!.messages).toEqual([]);
      expect(entry!.diagnostics.map((d) => d.keyword)).toEqual([
        'spelling-variant',
        'validation-request',
      ]);
      // Drained, every scheduled DLR has gone out: a callback owed would be here.
      await sim.close({ drain: true });
      expect(sink.received).toEqual([]);
    });

    it('rejects a body that breaks the schema with HTTP 200 and code 2004 naming the field', async () => {
      await start();
      const result = await send(sampleFreeformMessage({ type: 'image', text: undefined }));
      expect(result.status).toBe(200);
      expect(result.body).toEqual({
        status: 'failure',
        error: { code: 2004, message: '/image is required' },
      });
      expect(schemas.validate('clevertap-whatsapp/send-response', result.body)).toEqual([]);
    });

    it('rejects a send without msgId or msg_id with code 2004', async () => {
      await start();
      const { msgId: _m, ...rest } = sampleTemplateMessage();
      expect((await send(rest)).body.error).toEqual({ code: 2004, message: '/msgId is required' });
    });

    it('rejects a body that is not JSON with code 2004 and keeps serving', async () => {
      await start();
      const result = await send('{"payloadVersion": 0.1,');
      expect(result.status).toBe(200);
      expect(result.body.error.code).toBe(2004);
      expect(result.body.error.message).toMatch(/not valid JSON/);
      expect((await send(sampleTemplateMessage())).body).toEqual({ status: 'success' });
    });

    it('rejects a recipient that is not a phone number with code 2002', async () => {
      await start();
      const result = await send(sampleTemplateMessage({ to: '98-0000' }));
      expect(result.body.error.code).toBe(2002);
      expect(result.body.error.message).toContain('/to "98-0000" is not a phone number');
    });

    it('rejects a business number that is not the account’s with code 2004 naming the expected one', async () => {
      await start();
      const result = await send(sampleTemplateMessage({ wabaNumber: '919811111111' }));
      expect(result.body.error).toEqual({
        code: 2004,
        message:
          '/wabaNumber "919811111111" is not a business number of this account; expected one of 919800000099',
      });
    });

    it.each([
      ['919800002002', 2002],
      ['919800002003', 2003],
      ['919800002004', 2004],
    ])('rejects %s with code %i under the default recipient rules', async (to, code) => {
      await start();
      const result = await send(sampleTemplateMessage({ to }));
      expect(result.status).toBe(200);
      expect(result.body.error.code).toBe(code);
      expect(schemas.validate('clevertap-whatsapp/send-response', result.body)).toEqual([]);
    });

    it('answers wrong credentials with HTTP 200 and code 2000 by default', async () => {
      await start();
      const result = await send(sampleTemplateMessage(), { [provider.credentialHeader]: 'wrong' });
      expect(result.status).toBe(200);
      expect(result.body.status).toBe('failure');
      expect(result.body.error.code).toBe(2000);
      expect(schemas.validate('clevertap-whatsapp/send-response', result.body)).toEqual([]);
    });

    it('answers missing credentials with code 2000 naming the missing header', async () => {
      await start();
      const result = await send(sampleTemplateMessage(), {
        [provider.credentialHeader]: undefined,
      });
      expect(result.body.error.code).toBe(2000);
      expect(result.body.error.message.toLowerCase()).toContain(provider.credentialHeader);
    });

    it('answers bad credentials with 401 or 403 when configured to', async () => {
      await start({ providers: { [id]: { settings: { badCredentials: 'http-401' } } } });
      const unauthorized = await send(sampleTemplateMessage(), {
        [provider.credentialHeader]: 'wrong',
      });
      expect(unauthorized.status).toBe(401);
      expect(unauthorized.body.error.code).toBe(2000);
      expect(schemas.validate('clevertap-whatsapp/error-response', unauthorized.body)).toEqual([]);
      await sim.close({ drain: false });
      await start({ providers: { [id]: { settings: { badCredentials: 'http-403' } } } });
      const forbidden = await send(sampleTemplateMessage(), {
        [provider.credentialHeader]: 'wrong',
      });
      expect(forbidden).toMatchObject({ status: 403, body: { message: 'Bad Request' } });
    });

    it('answers an injected server error with the documented 500 body', async () => {
      await start({
        providers: { [id]: { faults: { errorRate: { rate: 1, error: 'server_error' } } } },
      });
      const result = await send(sampleTemplateMessage());
      expect(result).toMatchObject({
        status: 500,
        body: { status: 'failure', error: { message: 'Unable to process the request' } },
      });
      expect(schemas.validate('clevertap-whatsapp/error-response', result.body)).toEqual([]);
    });

    it('answers requests past maxConcurrent with the documented 429 and keeps the peak in flight', async () => {
      await start({
        providers: { [id]: { maxConcurrent: 30, faults: { latency: { type: 'fixed', ms: 300 } } } },
      });
      const results = await Promise.all(
        Array.from({ length: 40 }, (_, i) =>
          send(
            sampleTemplateMessage({ msgId: `c|${i}`, to: `9198000${String(i).padStart(5, '0')}` }),
          ),
        ),
      );
      const throttled = results.filter((r) => r.status === 429);
      expect(throttled.length).toBeGreaterThan(0);
      expect(throttled[0]!.body).toEqual({ message: 'Too many requests to process' });
      expect(results.filter((r) => r.status === 200)).toHaveLength(40 - throttled.length);
      const listing = (await (await fetch(`${url}/__admin/providers`)).json()) as {
        providers: { id: string; peakInFlight: number; maxConcurrent: number }[];
      };
      expect(listing.providers[0]).toMatchObject({ id, maxConcurrent: 30 });
      expect(listing.providers[0]!.peakInFlight).toBeGreaterThan(30);
    });
  });

  describe('templates', () => {
    it('rejects a template that is not approved with code 2001 naming the approved ones', async () => {
      await start();
      const result = await send(
        sampleTemplateMessage({ template: { namespace: 'spring_sale', languageCode: 'en' } }),
      );
      expect(result.body.error.code).toBe(2001);
      expect(result.body.error.message).toContain(
        '/template/namespace "spring_sale" is not an approved template; approved: whatsapp:hsm:technology:generic:verify, order_shipped',
      );
    });

    it('rejects an approved template in a language it is not approved in with code 2001', async () => {
      await start();
      const result = await send(
        sampleTemplateMessage({ template: { namespace: 'order_shipped', languageCode: 'en_US' } }),
      );
      expect(result.body.error).toEqual({
        code: 2001,
        message:
          '/template/languageCode "en_US" is not approved for template "order_shipped"; approved: en',
      });
    });

    it('rejects a parameter-count mismatch with code 2001 pointing at the parameters', async () => {
      await start();
      const message = sampleTemplateMessage();
      const components = message.components as Record<string, any>[];
      components[1]!.body.parameters.pop();
      const result = await send(message);
      expect(result.body.error).toEqual({
        code: 2001,
        message:
          '/components/1/body/parameters has 1 parameter(s); template "order_shipped" (en) takes 2',
      });
    });

    it('accepts a mismatch under templateCheck "dlr" and fails its DLR with 1001', async () => {
      await start({ providers: { [id]: { settings: { templateCheck: 'dlr' } } } });
      const result = await send(
        sampleTemplateMessage({ template: { namespace: 'spring_sale', languageCode: 'en' } }),
      );
      expect(result.body).toEqual({ status: 'success' });
      const [status] = await awaitStatuses(1);
      expect(status).toMatchObject({
        status: 'failed',
        error: { code: 1001, title: 'Invalid template parameters' },
      });
      expect(sim.journal.list()[0]!.diagnostics).toContainEqual(
        expect.objectContaining({ severity: 'warning', keyword: 'approved-template' }),
      );
    });

    it('takes its registry from config, replacing the sandbox templates', async () => {
      await start({
        providers: {
          [id]: { settings: { templates: { spring_sale: { en_US: { parameters: 0 } } } } },
        },
      });
      const own = sampleTemplateMessage({
        template: { namespace: 'spring_sale', languageCode: 'en_US' },
        components: [{ type: 'body', body: { text: 'Spring sale!' } }],
      });
      expect((await send(own)).body).toEqual({ status: 'success' });
      expect((await send(sampleTemplateMessage())).body.error.code).toBe(2001);
      expect((await send(sampleValidationPayload())).body).toEqual({ status: 'success' });
    });
  });

  describe('delivery reports', () => {
    it('reports sent, delivered and read in order, echoing msgId byte for byte with epoch-second timestamps', async () => {
      await start();
      const msgId = '25596363|1639561857|20220227|25596363';
      await send(sampleTemplateMessage({ msgId }));
      const statuses = await awaitStatuses(3);
      expect(statuses.map((s) => s.status)).toEqual(['sent', 'delivered', 'read']);
      for (const s of statuses) {
        expect(s.msgId).toBe(msgId);
        expect(s.timestamp).toMatch(/^[0-9]{10}$/);
      }
      expect((dlrCallbacks()[0]!.body as { payloadVersion: string }).payloadVersion).toBe('0.1');
    });

    it.each([
      ['919800001002', 1002, 'Invalid phone number'],
      ['919800001006', 1006, 'Phone number is blacklisted'],
      ['919800001010', 1010, 'WhatsApp Message Blocked by Meta'],
    ])('fails %s with code %i and its title', async (to, code, title) => {
      await start();
      await send(sampleTemplateMessage({ to }));
      const [status] = await awaitStatuses(1);
      expect(status).toMatchObject({ status: 'failed', error: { code, title } });
    });

    it('writes the failure code as a string when configured to', async () => {
      await start({ providers: { [id]: { settings: { failureCode: 'string' } } } });
      await send(sampleTemplateMessage({ to: '919800001004' }));
      const [status] = await awaitStatuses(1);
      expect((status!.error as { code: unknown }).code).toBe('1004');
    });

    it('stops at delivered or sent for numbers matched by such outcome rules', async () => {
      await start({
        providers: {
          [id]: {
            settings: {
              outcomes: [
                { recipient: '1111$', outcome: 'delivered' },
                { recipient: '2222$', outcome: 'sent' },
              ],
            },
          },
        },
      });
      await send(sampleTemplateMessage({ to: '919800001111', msgId: 'a' }));
      await send(sampleTemplateMessage({ to: '919800002222', msgId: 'b' }));
      await awaitStatuses(3);
      await sim.close({ drain: true });
      const statuses = statusesOf(dlrCallbacks());
      expect(statuses.filter((s) => s.msgId === 'a').map((s) => s.status)).toEqual([
        'sent',
        'delivered',
      ]);
      expect(statuses.filter((s) => s.msgId === 'b').map((s) => s.status)).toEqual(['sent']);
    });

    it('groups several statuses into one request when callbackBatch allows', async () => {
      await start({
        providers: {
          [id]: {
            callbackBatch: { maxEvents: 10, windowMs: 40 },
            settings: {
              delaysMs: {
                sent: { min: 1, max: 1 },
                delivered: { min: 1, max: 1 },
                read: { min: 1, max: 1 },
              },
            },
          },
        },
      });
      await send(sampleTemplateMessage({ msgId: 'm-1' }));
      await send(sampleTemplateMessage({ msgId: 'm-2', to: '919800000002' }));
      const statuses = await awaitStatuses(6);
      expect(dlrCallbacks().length).toBeLessThan(6);
      expect(Math.max(...dlrCallbacks().map((c) => statusesOf([c]).length))).toBeGreaterThan(1);
      expect(new Set(statuses.map((s) => s.msgId))).toEqual(new Set(['m-1', 'm-2']));
    });

    it('reports read without delivered when readWithoutDelivered is 1', async () => {
      await start({ providers: { [id]: { settings: { readWithoutDelivered: 1 } } } });
      await send(sampleTemplateMessage());
      const statuses = await awaitStatuses(2);
      await sim.close({ drain: true });
      expect(statusesOf(dlrCallbacks()).map((s) => s.status)).toEqual(['sent', 'read']);
      expect(statuses).toHaveLength(2);
    });

    it('reports a click on a URL button as Clicked with url, shortUrl and userAgent', async () => {
      await start({ providers: { [id]: { settings: { clicks: { rate: 1, afterMs: 5 } } } } });
      await send(sampleTemplateMessage());
      const statuses = await awaitStatuses(4);
      expect(statuses[3]).toEqual({
        msgId: '1700001|1712345678|20240405|1700001',
        status: 'Clicked',
        ts: expect.any(Number),
        url: 'https://shop.example.com/track/42',
        shortUrl: expect.stringMatching(/^https:\/\/sim\.link\/[0-9a-z]{7}$/),
        userAgent: expect.stringContaining('Mozilla/5.0'),
      });
    });
  });

  describe('24-hour window', () => {
    const HOUR = 3_600_000;

    it('fails a freeform message to a number that never wrote with 1008', async () => {
      const clock = new ManualClock();
      await start({}, clock);
      expect((await send(sampleFreeformMessage())).body).toEqual({ status: 'success' });
      clock.advance(100);
      const [status] = await awaitStatuses(1);
      expect(status).toMatchObject({
        status: 'failed',
        error: { code: 1008, title: 'This message is sent outside of the WhatsApp chat window' },
      });
    });

    it('delivers a freeform message within 24 hours of the customer writing, and fails it after', async () => {
      const clock = new ManualClock();
      await start({}, clock);
      expect((await inbound({ from: '919800000001', text: 'hi' })).status).toBe(202);
      clock.advance(23 * HOUR);
      await send(sampleFreeformMessage({ msgId: 'inside' }));
      clock.advance(100);
      await awaitStatuses(3);
      clock.advance(2 * HOUR);
      await send(sampleFreeformMessage({ msgId: 'outside' }));
      clock.advance(100);
      const statuses = await awaitStatuses(4);
      expect(statuses.filter((s) => s.msgId === 'inside').map((s) => s.status)).toEqual([
        'sent',
        'delivered',
        'read',
      ]);
      expect(statuses.find((s) => s.msgId === 'outside')).toMatchObject({
        status: 'failed',
        error: { code: 1008 },
      });
    });

    it('keeps the window per business number and customer, and can be switched off', async () => {
      const clock = new ManualClock();
      await start(
        { providers: { [id]: { settings: { sessionWindow: { hours: 24, enforce: false } } } } },
        clock,
      );
      await send(sampleFreeformMessage({ to: '919800000005' }));
      clock.advance(100);
      expect((await awaitStatuses(3)).map((s) => s.status)).toEqual(['sent', 'delivered', 'read']);
    });

    it('never applies the window to template messages', async () => {
      const clock = new ManualClock();
      await start({}, clock);
      await send(sampleTemplateMessage({ to: '919800000006' }));
      clock.advance(100);
      expect((await awaitStatuses(3)).map((s) => s.status)).toEqual(['sent', 'delivered', 'read']);
    });
  });

  describe('inbound messages', () => {
    it('reports {provider, from, text} as a text message replying to the latest message sent', async () => {
      await start({
        providers: { [id]: { settings: { delaysMs: { sent: { min: 60_000, max: 60_000 } } } } },
      });
      await send(sampleTemplateMessage({ to: '+919800000001' }));
      const response = await inbound({ from: '+919800000001', text: 'Where is my order?' });
      expect(response.status).toBe(202);
      const body = await awaitInbound();
      expect(body).toEqual({
        payloadVersion: '0.1',
        from: '919800000001',
        wabaNumber: '919800000099',
        timestamp: expect.stringMatching(/^[0-9]{10}$/),
        type: 'text',
        context: { id: '1700001|1712345678|20240405|1700001' },
        text: { body: 'Where is my order?' },
      });
    });

    it.each([
      [
        'image',
        { text: 'receipt' },
        'image',
        { mediaURL: expect.any(String), mimeType: 'image/jpeg', caption: 'receipt' },
      ],
      [
        'video',
        { mediaUrl: 'https://e.x/v.mp4' },
        'video',
        { mediaURL: 'https://e.x/v.mp4', mimeType: 'video/mp4' },
      ],
      ['audio', {}, 'audio', { mediaURL: expect.any(String), mimeType: 'audio/ogg' }],
      [
        'file',
        { text: 'invoice', mimeType: '.pdf' },
        'document',
        { mediaURL: expect.any(String), mimeType: '.pdf', caption: 'invoice' },
      ],
      [
        'location',
        { latitude: '2.45', longitude: '1.56', name: 'Johns office' },
        'location',
        { latitude: '2.45', longitude: '1.56', address: expect.any(String), name: 'Johns office' },
      ],
    ])('reports a %s message under the documented key', async (type, extra, key, value) => {
      await start();
      await inbound({ from: '919800000001', type, ...extra });
      const body = await awaitInbound();
      expect(body.type).toBe(type);
      expect(body[key]).toEqual(value);
      expect(body.context).toBeUndefined();
    });

    it('reports a button reply with the payload sent with that quick reply and the template as context', async () => {
      await start({
        providers: { [id]: { settings: { delaysMs: { sent: { min: 60_000, max: 60_000 } } } } },
      });
      const message = sampleTemplateMessage({ msgId: 'tpl-1' });
      const components = [
        ...(message.components as unknown[]).slice(0, 2),
        {
          type: 'button',
          index: 0,
          subType: 'quickReply',
          buttonText: 'STOP',
          parameters: [{ type: 'payload', payload: 'tpl-1|stop' }],
        },
      ];
      await send({ ...message, components });
      await send(sampleFreeformMessage({ msgId: 'later-freeform', to: '+919800000001' }));
      await inbound({ from: '919800000001', type: 'button', text: 'STOP' });
      const body = await awaitInbound();
      expect(body.context).toEqual({ id: 'tpl-1' });
      expect(body.button).toEqual({ payload: 'tpl-1|stop', text: 'STOP' });
    });

    it('uses the button text as payload when the quick reply was sent without one', async () => {
      await start({
        providers: { [id]: { settings: { delaysMs: { sent: { min: 60_000, max: 60_000 } } } } },
      });
      await send(sampleTemplateMessage());
      await inbound({ from: '919800000001', type: 'button', text: 'STOP' });
      expect((await awaitInbound()).button).toEqual({ payload: 'STOP', text: 'STOP' });
    });

    it('refuses a button reply to a number no template was sent to, naming replyTo', async () => {
      await start();
      const response = await inbound({ from: '919800000077', type: 'button', text: 'STOP' });
      expect(response.status).toBe(400);
      expect(response.body.errors[0]).toMatchObject({ pointer: '/replyTo' });
    });

    it('omits context when replyTo is null and uses the given replyTo otherwise', async () => {
      await start({
        providers: { [id]: { settings: { delaysMs: { sent: { min: 60_000, max: 60_000 } } } } },
      });
      await send(sampleTemplateMessage());
      await inbound({ from: '919800000001', text: 'one', replyTo: null });
      await inbound({ from: '919800000001', text: 'two', replyTo: 'other|id' });
      const [first, second] = await eventually('two inbound callbacks', () =>
        inboundCallbacks().length >= 2 ? inboundCallbacks() : undefined,
      );
      expect((first!.body as any).context).toBeUndefined();
      expect((second!.body as any).context).toEqual({ id: 'other|id' });
    });

    it('refuses input the schema does not know, naming the field', async () => {
      await start();
      const response = await inbound({ from: '919800000001', type: 'image', mediaURL: 'x' });
      expect(response.status).toBe(400);
      expect(JSON.stringify(response.body.errors)).toContain('mediaURL');
    });

    it('takes a customer message from the CLI: provider-sim inbound --provider --from --text', async () => {
      await start();
      const result = await runCli([
        'inbound',
        '--url',
        url,
        '--provider',
        id,
        '--from',
        '919800000001',
        '--text',
        'hello from the CLI',
        '--json',
        '{"replyTo":null}',
      ]);
      expect(result.code, result.stderr).toBe(0);
      const body = await awaitInbound();
      expect(body).toMatchObject({ type: 'text', text: { body: 'hello from the CLI' } });
    });
  });
});

describe('the WhatsApp providers guide', () => {
  /** The guide's configuration example, from the README once merged there, else from docs/. */
  function guideYaml(): string | undefined {
    const root = join(import.meta.dirname, '..', '..', '..');
    for (const file of ['README.md', join('docs', 'whatsapp-providers.md')]) {
      let text: string;
      try {
        text = readFileSync(join(root, file), 'utf8');
      } catch {
        continue;
      }
      const found = /```yaml\n(# WhatsApp providers[\s\S]*?)```/.exec(text)?.[1];
      if (found) return found;
    }
    return undefined;
  }

  it('documents a configuration that loads and starts the three providers as written', () => {
    const yaml = guideYaml();
    expect(yaml).toBeDefined();
    const path = join(mkdtempSync(join(tmpdir(), 'psim-whatsapp-')), 'provider-sim.yaml');
    writeFileSync(path, yaml!);
    const config = loadConfig({ file: path });
    sim = createSimulator({ ...config, port: 0, log: { level: 'silent' } }, [
      sinchWhatsapp,
      kaleyra,
      msg91,
    ]);
    expect(sim.providers.map((p) => p.definition.id)).toEqual([
      'sinch-whatsapp',
      'kaleyra',
      'msg91',
    ]);
    expect(sim.providers[0]!.config.maxConcurrent).toBe(100);
  });
});
