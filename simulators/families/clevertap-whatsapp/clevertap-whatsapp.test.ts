import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../../src/engine/clock.js';
import { createRandom } from '../../../src/engine/random.js';
import { createIdSource } from '../../../src/engine/seeded-streams.js';
import type {
  AcceptedMessage,
  AuthScheme,
  CallbackEvent,
  LifecycleStep,
  ProviderContext,
  SimRequest,
} from '../../../src/engine/provider-api.js';
import { SchemaRegistry } from '../../../src/engine/validation/schema-registry.js';
import type { ClevertapMessageData } from './accept.js';
import { clevertapAuth } from './auth.js';
import { buildStatusCallback, clevertapWhatsappCallbacks } from './callbacks.js';
import { clevertapWhatsappLifecycle } from './lifecycle.js';
import { outcomeFor } from './outcomes.js';
import { spellingVariants } from './rules.js';
import {
  sampleFreeformMessage,
  sampleTemplateMessage,
  sampleValidationPayload,
} from './sample-messages.js';
import { clickUrlsOf, isValidationRequest, quickRepliesOf, readSend } from './send-body.js';
import { openSession, sessionIsOpen } from './session-window.js';
import { CLEVERTAP_WHATSAPP_DEFAULTS, type ClevertapWhatsappSettings } from './settings.js';
import { templateProblem } from './templates.js';

const schemas = new SchemaRegistry();

function context(
  overrides: Partial<ClevertapWhatsappSettings> = {},
  clock = new ManualClock(),
): ProviderContext<ClevertapWhatsappSettings> {
  return {
    providerId: 'sinch-whatsapp',
    settings: { ...CLEVERTAP_WHATSAPP_DEFAULTS, ...overrides },
    clock,
    random: createRandom('unit'),
    ids: createIdSource(createRandom('ids')),
    validateSchema: (id, value) => schemas.validate(id, value),
    store: new Map(),
  };
}

function message(
  recipient: string,
  data: Partial<ClevertapMessageData> = {},
  reference = '1|2|3|4',
): AcceptedMessage {
  return {
    id: 'wamid.1',
    recipient,
    reference,
    data: { wabaNumber: '919800000099', isTemplate: true, clickUrls: [], ...data },
  };
}

const statuses = (steps: LifecycleStep[]): string[] => steps.map((s) => s.status);

describe('reading a send', () => {
  it('unwraps the validation payload and recognises it', () => {
    const send = readSend(sampleValidationPayload());
    expect(send).toMatchObject({ at: '/body', msgId: '0|0|0|0', msgIdKey: 'msgId' });
    expect(isValidationRequest(send)).toBe(true);
    expect(isValidationRequest(readSend(sampleTemplateMessage()))).toBe(false);
  });

  it('reads the message id under msg_id when that is the key used', () => {
    const { msgId: _m, ...rest } = sampleFreeformMessage();
    expect(readSend({ ...rest, msg_id: 'a|b' })).toMatchObject({
      msgId: 'a|b',
      msgIdKey: 'msg_id',
    });
  });

  it('finds quick replies with their payloads and URL buttons, carousel cards included', () => {
    const components = [
      { type: 'button', subType: 'quickReply', buttonText: 'Yes' },
      {
        type: 'button',
        subType: 'Quickreply',
        buttonText: 'No',
        parameters: [{ type: 'payload', payload: 'p-no' }],
      },
      {
        type: 'carousel',
        cards: [
          {
            components: [
              {
                type: 'button',
                subType: 'static_url',
                buttonText: 'Shop',
                parameters: [{ type: 'text', text: 'https://a.example' }],
              },
            ],
          },
        ],
      },
    ];
    expect(quickRepliesOf(components)).toEqual([{ text: 'Yes' }, { text: 'No', payload: 'p-no' }]);
    expect(clickUrlsOf(components)).toEqual(['https://a.example']);
  });
});

describe('spelling variants', () => {
  it('notes the wrapper and the validation request of the validation payload', () => {
    expect(spellingVariants(readSend(sampleValidationPayload())).map((d) => d.keyword)).toEqual([
      'spelling-variant',
      'validation-request',
    ]);
  });

  it('notes nothing for a message in the current documented spelling', () => {
    expect(spellingVariants(readSend(sampleTemplateMessage()))).toEqual([]);
  });

  it('records variants as info, never as findings that reject', () => {
    const { msgId: _m, ...rest } = sampleFreeformMessage({ payloadVersion: '0.1' });
    const found = spellingVariants(readSend({ ...rest, msg_id: 'x' }));
    expect(found.map((d) => [d.severity, d.pointer])).toEqual([
      ['info', '/msg_id'],
      ['info', '/payloadVersion'],
    ]);
  });
});

describe('approved templates', () => {
  const settings = CLEVERTAP_WHATSAPP_DEFAULTS;
  const send = (overrides: Record<string, unknown>) =>
    readSend(sampleTemplateMessage(overrides)).message;

  it('accepts an approved template with its parameter count', () => {
    expect(templateProblem(send({}), '', settings)).toBeUndefined();
  });

  it('names the unknown template, the unapproved language and the parameter mismatch', () => {
    expect(
      templateProblem(send({ template: { namespace: 'x', languageCode: 'en' } }), '', settings)
        ?.pointer,
    ).toBe('/template/namespace');
    expect(
      templateProblem(
        send({ template: { namespace: 'order_shipped', languageCode: 'hi' } }),
        '',
        settings,
      )?.pointer,
    ).toBe('/template/languageCode');
    expect(
      templateProblem(send({ components: [{ type: 'footer', footer: 'f' }] }), '/body', settings),
    ).toEqual({
      pointer: '/body/components',
      message: '/body/components has 0 parameter(s); template "order_shipped" (en) takes 2',
    });
  });
});

describe('recipient rules', () => {
  it.each([
    ['919800000001', { outcome: 'read' }],
    ['+919800001002', { outcome: 'failed', code: '1002' }],
    ['919800001010', { outcome: 'failed', code: '1010' }],
    ['919800001011', { outcome: 'read' }],
    ['919800002003', { outcome: 'rejected', code: '2003' }],
    ['919800009001', { outcome: 'sent' }],
    ['919800009002', { outcome: 'delivered' }],
  ])('decide %s -> %j under the defaults', (number, expected) => {
    expect(outcomeFor(number, CLEVERTAP_WHATSAPP_DEFAULTS)).toEqual(expected);
  });
});

describe('lifecycle', () => {
  it('goes sent -> delivered -> read with increasing delays', () => {
    const steps = clevertapWhatsappLifecycle(message('919800000001'), context());
    expect(statuses(steps)).toEqual(['sent', 'delivered', 'read']);
    expect(steps.every((s) => s.callback === 'dlr')).toBe(true);
    expect(steps[0]!.afterMs).toBeLessThan(steps[1]!.afterMs);
    expect(steps[1]!.afterMs).toBeLessThan(steps[2]!.afterMs);
  });

  it('reaches a forced outcome instead of the drawn one', () => {
    const failed = clevertapWhatsappLifecycle(message('919800000001'), context(), {
      status: 'failed',
      code: '1008',
      afterMs: 5,
    });
    expect(failed).toEqual([
      expect.objectContaining({ status: 'failed', code: '1008', afterMs: 5, callback: 'dlr' }),
    ]);
    const read = clevertapWhatsappLifecycle(message('919800001003'), context(), { status: 'read' });
    expect(statuses(read)).toEqual(['sent', 'delivered', 'read']);
    expect(
      clevertapWhatsappLifecycle(message('919800000001'), context(), {
        status: 'failed',
        code: '42',
      })[0]!.code,
    ).toBe('1009');
  });

  it('draws the same delays for the same seed', () => {
    const a = clevertapWhatsappLifecycle(message('919800000001'), context());
    const b = clevertapWhatsappLifecycle(message('919800000001'), context());
    expect(a).toEqual(b);
  });

  it('skips delivered when readWithoutDelivered is 1', () => {
    const steps = clevertapWhatsappLifecycle(
      message('919800000001'),
      context({ readWithoutDelivered: 1 }),
    );
    expect(statuses(steps)).toEqual(['sent', 'read']);
  });

  it('fails with the code a rule or the send decided, with its title', () => {
    expect(clevertapWhatsappLifecycle(message('919800001003'), context())).toEqual([
      expect.objectContaining({
        status: 'failed',
        code: '1003',
        description: 'The phone number is no longer active',
      }),
    ]);
    const [step] = clevertapWhatsappLifecycle(
      message('919800000001', { failWith: '1008' }),
      context(),
    );
    expect(step).toMatchObject({ status: 'failed', code: '1008' });
  });

  it('adds a click on a URL button after read when clicks.rate is 1', () => {
    const steps = clevertapWhatsappLifecycle(
      message('919800000001', { clickUrls: ['https://a.example/1'] }),
      context({ clicks: { ...CLEVERTAP_WHATSAPP_DEFAULTS.clicks, rate: 1, afterMs: 50 } }),
    );
    expect(steps.at(-1)).toEqual({
      status: 'clicked',
      afterMs: steps[2]!.afterMs + 50,
      callback: 'dlr',
      description: 'https://a.example/1',
    });
  });
});

describe('callbacks', () => {
  const event = (step: LifecycleStep, m = message('919800000001')): CallbackEvent => ({
    kind: 'dlr',
    message: m,
    step,
    at: Date.UTC(2026, 0, 1, 10),
    serveEventId: 'req_1',
  });

  it('builds one status callback for several events that satisfies the schema', () => {
    const ctx = context();
    const { body } = buildStatusCallback(
      [
        event({ status: 'sent', afterMs: 1 }),
        event({ status: 'failed', afterMs: 2, code: '1004', description: 'Too many' }),
        event({ status: 'clicked', afterMs: 3, description: 'https://a.example' }),
      ],
      ctx,
    );
    expect(schemas.validate('clevertap-whatsapp/dlr-callback', body)).toEqual([]);
    expect(body).toEqual({
      payloadVersion: '0.1',
      statuses: [
        { msgId: '1|2|3|4', status: 'sent', timestamp: '1767261600' },
        {
          msgId: '1|2|3|4',
          status: 'failed',
          timestamp: '1767261600',
          error: { code: 1004, title: 'Too many' },
        },
        {
          msgId: '1|2|3|4',
          status: 'Clicked',
          ts: 1767261600,
          url: 'https://a.example',
          shortUrl: expect.stringMatching(/^https:\/\/sim\.link\/[0-9a-z]{7}$/),
          userAgent: CLEVERTAP_WHATSAPP_DEFAULTS.clicks.userAgent,
        },
      ],
    });
  });

  it('writes failure codes as strings when configured to', () => {
    const { body } = buildStatusCallback(
      [event({ status: 'failed', afterMs: 1, code: '1008', description: 'window' })],
      context({ failureCode: 'string' }),
    );
    expect((body as any).statuses[0].error.code).toBe('1008');
  });

  it('declares inbound callbacks single, so the engine never groups them', () => {
    expect(clevertapWhatsappCallbacks('sinch-whatsapp').inbound!.single).toBe(true);
    expect(clevertapWhatsappCallbacks('sinch-whatsapp').dlr!.single).toBeUndefined();
  });
});

describe('24-hour window', () => {
  it('opens when the customer writes and closes 24 hours later on the injected clock', () => {
    const clock = new ManualClock();
    const ctx = context({}, clock);
    expect(sessionIsOpen(ctx, '919800000099', '919800000001')).toBe(false);
    openSession(ctx, '+919800000099', '+919800000001');
    clock.advance(24 * 3_600_000 - 1);
    expect(sessionIsOpen(ctx, '919800000099', '919800000001')).toBe(true);
    expect(sessionIsOpen(ctx, '919800000098', '919800000001')).toBe(false);
    clock.advance(1);
    expect(sessionIsOpen(ctx, '919800000099', '919800000001')).toBe(false);
  });
});

describe('credential failures', () => {
  const failing: AuthScheme<ClevertapWhatsappSettings> = {
    type: 'test',
    secretFields: [],
    verify: () => ({ ok: false, reason: 'invalid', detail: 'bad' }),
    describe: () => '',
  };
  const request = {} as SimRequest;

  it.each([
    ['http-200', 'unauthorized'],
    ['http-401', 'unauthorized_http'],
    ['http-403', 'forbidden'],
  ] as const)('answer %s as the %s error', (badCredentials, errorKind) => {
    expect(clevertapAuth(failing).verify(request, context({ badCredentials }))).toMatchObject({
      ok: false,
      errorKind,
    });
  });
});

describe('inbound input schemas', () => {
  it('gives Kaleyra the shared fields plus incomingUrl, and nothing else', () => {
    const shared = schemas.document('clevertap-whatsapp/inbound-input')!.properties as object;
    const own = schemas.document('kaleyra/inbound-input')!.properties as object;
    expect(Object.keys(own).sort()).toEqual([...Object.keys(shared), 'incomingUrl'].sort());
    expect({ ...own, incomingUrl: undefined }).toEqual({ ...shared, incomingUrl: undefined });
  });
});
