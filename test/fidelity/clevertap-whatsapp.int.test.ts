import { afterEach, beforeEach, describe, expect } from 'vitest';
import { deepMerge } from '../../src/config/deep-merge.js';
import type { SimConfigInput } from '../../src/config/sim-config.js';
import { createSimulator, type Simulator } from '../../src/app/create-simulator.js';
import type { AnyProviderDefinition } from '../../src/engine/provider-api.js';
import { SchemaRegistry } from '../../src/engine/validation/schema-registry.js';
import {
  sampleFreeformMessage,
  sampleTemplateMessage,
  sampleValidationPayload,
} from '../../simulators/families/clevertap-whatsapp/sample-messages.js';
import { kaleyra } from '../../simulators/kaleyra/index.js';
import { msg91 } from '../../simulators/msg91/index.js';
import { sinchWhatsapp } from '../../simulators/sinch-whatsapp/index.js';
import { startCallbackSink, type CallbackSink } from '../support/callback-sink.js';
import { fidelity, type Evidence } from './evidence.js';

const GENERIC_WHATSAPP: Evidence = {
  tag: 'documented',
  source: 'https://docs.clevertap.com/docs/generic-whatsapp',
};
const META_LIMITS: Evidence = {
  tag: 'documented',
  source:
    'https://developers.facebook.com/docs/whatsapp/business-management-api/message-templates/components',
};

const basic = (pair: string): string => `Basic ${Buffer.from(pair).toString('base64')}`;

/** How a case reaches each CleverTap-format provider with the sandbox's credentials. */
const PROVIDERS: {
  definition: AnyProviderDefinition;
  path: string;
  headers: Record<string, string>;
}[] = [
  {
    definition: sinchWhatsapp,
    path: '/sinch-whatsapp/v1/messages',
    headers: { user: 'sandbox', password: 'sandbox' },
  },
  {
    definition: kaleyra,
    path: '/kaleyra/v1/clevertap/messages',
    headers: { 'api-key': 'sandbox', sid: 'sandbox', 'kaleyra-host': 'https://api.kaleyra.io/' },
  },
  {
    definition: msg91,
    path: '/msg91/api/v5/whatsapp//outbound/clevertap/',
    headers: {
      authorization: basic('sandbox:sandbox'),
      authkey: 'sandbox',
      accept: 'application/json',
    },
  },
];

/** A verify-template send as the reference gateway's catalog renders it, with a real msgId. */
const verifySend = (overrides: Record<string, unknown> = {}): Record<string, unknown> => ({
  payloadVersion: 0.1,
  to: '919800000001',
  wabaNumber: '919800000099',
  isTemplate: true,
  msgId: '1700009|1712345678|20240405|1700009',
  template: { namespace: 'whatsapp:hsm:technology:generic:verify', languageCode: 'en' },
  components: [
    {
      type: 'body',
      body: {
        text: 'ACME code: 4321.Valid for 10 minutes.',
        parameters: [
          { type: 'text', text: 'ACME' },
          { type: 'text', text: '4321' },
          { type: 'text', text: '10' },
        ],
      },
    },
  ],
  ...overrides,
});

const schemas = new SchemaRegistry();
/** The order a message's statuses happen in. */
const LIFECYCLE_ORDER = ['sent', 'delivered', 'read', 'failed'];
let sink: CallbackSink;
let sim: Simulator | undefined;
let url: string;

beforeEach(async () => {
  sink = await startCallbackSink();
});
afterEach(async () => {
  await sim?.close({ drain: false });
  sim = undefined;
  await sink.close();
});

describe.each(PROVIDERS)('$definition.id fidelity', (provider) => {
  const id = provider.definition.id;

  async function start(settings: Record<string, unknown> = {}): Promise<void> {
    const base: SimConfigInput = {
      port: 0,
      log: { level: 'silent' },
      providers: {
        [id]: {
          callbacks: { dlr: `${sink.url}/dlr`, inbound: `${sink.url}/inbound` },
          settings: {
            delaysMs: {
              sent: { min: 1, max: 1 },
              delivered: { min: 1, max: 1 },
              read: { min: 1, max: 1 },
            },
          },
        },
      },
    };
    const config = deepMerge(base, { providers: { [id]: { settings } } });
    sim = createSimulator(config, [provider.definition], { schemas });
    url = await sim.listen();
  }

  async function send(body: unknown): Promise<any> {
    const response = await fetch(`${url}${provider.path}`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...provider.headers,
        ...(id === 'kaleyra' && {
          'delivery-report-callback-url': `${sink.url}/dlr`,
          'inbound-message-callback-url': `${sink.url}/inbound`,
        }),
      },
      body: JSON.stringify(body),
    });
    return response.json();
  }

  /**
   * The statuses of the DLRs received once `count` have arrived, each checked against the schema,
   * in lifecycle order: steps a millisecond apart go out on parallel connections and may arrive
   * in either order, as a real provider's may.
   */
  async function statuses(count: number): Promise<Record<string, unknown>[]> {
    const all = (): Record<string, unknown>[] =>
      sink.received.flatMap((c) => (c.body as { statuses: Record<string, unknown>[] }).statuses);
    while (all().length < count) await sink.waitFor(sink.received.length + 1);
    for (const c of sink.received)
      expect(schemas.validate(`${id}/dlr-callback`, c.body)).toEqual([]);
    const rank = (s: Record<string, unknown>): number => LIFECYCLE_ORDER.indexOf(String(s.status));
    return all().sort((a, b) => rank(a) - rank(b));
  }

  const journalEntry = () => sim!.journal.list().at(-1)!;

  fidelity(
    GENERIC_WHATSAPP,
    'sends a verify-template message with a real msgId as an ordinary template, with DLRs',
    async () => {
      await start();
      expect(await send(verifySend())).toEqual({ status: 'success' });
      expect(journalEntry().messages).toHaveLength(1);
      expect(journalEntry().diagnostics.map((d) => d.keyword)).not.toContain('validation-request');
      const got = await statuses(3);
      expect(got.map((s) => [s.msgId, s.status])).toEqual([
        ['1700009|1712345678|20240405|1700009', 'sent'],
        ['1700009|1712345678|20240405|1700009', 'delivered'],
        ['1700009|1712345678|20240405|1700009', 'read'],
      ]);
    },
  );

  fidelity(
    GENERIC_WHATSAPP,
    'checks a verify-template send with a real msgId against the template registry (2001 on a wrong parameter count)',
    async () => {
      await start();
      const components = [{ type: 'body', body: { text: 'x', parameters: [] } }];
      const result = await send(verifySend({ components }));
      expect(result.status).toBe('failure');
      expect(result.error.code).toBe(2001);
    },
  );

  fidelity(
    GENERIC_WHATSAPP,
    'reads a body-wrapped send with a real msgId as the message it wraps, journals an info, and reports its DLRs',
    async () => {
      await start();
      const wrapped = { body: sampleTemplateMessage({ msgId: 'w|1|2|3' }) };
      expect(await send(wrapped)).toEqual({ status: 'success' });
      const entry = journalEntry();
      expect(entry.messages.map((m) => m.reference)).toEqual(['w|1|2|3']);
      expect(entry.diagnostics).toContainEqual(
        expect.objectContaining({ pointer: '/body', severity: 'info' }),
      );
      expect((await statuses(3)).map((s) => s.status)).toEqual(['sent', 'delivered', 'read']);
    },
  );

  fidelity(
    GENERIC_WHATSAPP,
    'refuses a body-wrapped send with a real msgId and an unknown template with 2001, as any send',
    async () => {
      await start();
      const message = sampleTemplateMessage({
        msgId: 'w|9',
        template: { namespace: 'spring_sale', languageCode: 'en' },
      });
      const result = await send({ body: message });
      expect(result.error.code).toBe(2001);
      expect(result.error.message).toMatch(/^\/body\/template\/namespace/);
    },
  );

  fidelity(
    GENERIC_WHATSAPP,
    "answers CleverTap's documented validation payload (msgId 0|0|0|0) with success and no message",
    async () => {
      await start();
      expect(await send(sampleValidationPayload())).toEqual({ status: 'success' });
      expect(journalEntry().messages).toEqual([]);
      expect(journalEntry().diagnostics.map((d) => d.pointer)).toContain('/body/msgId');
      // Unwrapped, the validation id still marks the validation request.
      const inner = (sampleValidationPayload() as { body: unknown }).body;
      expect(await send(inner)).toEqual({ status: 'success' });
      expect(journalEntry().messages).toEqual([]);
    },
  );

  fidelity(
    {
      tag: 'sim-only',
      reason: 'validationRequest "loose" keeps the older reading for setups that relied on it',
    },
    'treats every wrapped or verify-template send as a validation request with validationRequest "loose"',
    async () => {
      await start({ validationRequest: 'loose' });
      expect(await send(verifySend())).toEqual({ status: 'success' });
      expect(journalEntry().messages).toEqual([]);
      expect(await send({ body: sampleTemplateMessage() })).toEqual({ status: 'success' });
      expect(journalEntry().messages).toEqual([]);
    },
  );

  fidelity(
    GENERIC_WHATSAPP,
    'accepts a freeform location message (latitude, longitude, optional name and address; older revision)',
    async () => {
      await start({ sessionWindow: { hours: 24, enforce: false } });
      const location = sampleFreeformMessage({
        type: 'location',
        text: undefined,
        location: { latitude: '19.0760', longitude: '72.8777', name: 'Office' },
      });
      expect(await send(location)).toEqual({ status: 'success' });
      expect(journalEntry().messages).toHaveLength(1);
      const missing = sampleFreeformMessage({ type: 'location', location: { latitude: '1' } });
      expect((await send(missing)).error.code).toBe(2004);
    },
  );

  fidelity(META_LIMITS, 'refuses a carousel of 11 cards with 2004 (at most 10)', async () => {
    await start();
    const card = {
      components: [{ type: 'body', body: { text: 'Card', parameters: [] } }],
    };
    const message = sampleTemplateMessage();
    const components = [
      ...(message.components as unknown[]),
      { type: 'carousel', cards: Array.from({ length: 11 }, () => card) },
    ];
    const result = await send({ ...message, components });
    expect(result.error.code).toBe(2004);
    expect(result.error.message).toContain('/cards');
    expect(result.error.message).toContain('10');
  });

  fidelity(
    META_LIMITS,
    'refuses button text over 25 characters and a footer over 60 with 2004 naming the field',
    async () => {
      await start();
      const message = sampleTemplateMessage();
      const components = (message.components as Record<string, unknown>[]).map((c) =>
        c.type === 'footer' ? { ...c, footer: 'f'.repeat(61) } : c,
      );
      expect((await send({ ...message, components })).error.message).toContain(
        '/components/2/footer',
      );
      const long = (message.components as Record<string, unknown>[]).map((c) =>
        c.type === 'button' && c.index === 1 ? { ...c, buttonText: 'b'.repeat(26) } : c,
      );
      expect((await send({ ...message, components: long })).error.message).toContain(
        '/components/4/buttonText',
      );
    },
  );

  fidelity(
    META_LIMITS,
    'refuses 40,000 components with one 2004 naming the limit, and keeps serving',
    async () => {
      await start();
      const components = Array.from({ length: 40_000 }, () => ({ type: 'nonsense' }));
      const result = await send(sampleTemplateMessage({ components }));
      expect(result.error.code).toBe(2004);
      expect(result.error.message).toContain('/components');
      expect(await send(sampleTemplateMessage())).toEqual({ status: 'success' });
    },
    30_000,
  );
});
