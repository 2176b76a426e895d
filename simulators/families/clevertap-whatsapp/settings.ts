/** One approved template language variant: how many positional body parameters it takes. */
export interface TemplateSpec {
  /** Number of `{{n}}` placeholders in the template body (`components[type=body].body.parameters`). */
  parameters: number;
}

/** A recipient rule: numbers matching `recipient` (a regex, tested without `+`) get `outcome`. */
export interface OutcomeRule {
  recipient: string;
  /**
   * How far the message gets: `read` (sent, delivered, read), `delivered`, `sent`, `failed` (a DLR
   * with `code` 1000-1010), or `rejected` (the send is answered with `code` 2001-2004).
   */
  outcome: 'read' | 'delivered' | 'sent' | 'failed' | 'rejected';
  /** Failure code; `$1` takes the regex's first group. */
  code?: string;
}

/** A delay drawn uniformly from `min` to `max` milliseconds. */
export interface DelayRange {
  min: number;
  max: number;
}

/** Settings every CleverTap Generic WhatsApp provider shares; each provider adds its credentials. */
export interface ClevertapWhatsappSettings {
  /** The account's business numbers (`wabaNumber` must be one of them; empty = any). */
  wabaNumbers: string[];
  /** Approved templates: name, then language code, then spec. Names and languages are unique by construction. */
  templates: Record<string, Record<string, TemplateSpec>>;
  /** An unknown template or a parameter-count mismatch: `reject` (2001 at send), `dlr` (1001 in the DLR), `off`. */
  templateCheck: 'reject' | 'dlr' | 'off';
  /** Freeform messages need an inbound message from the number within `hours` (else a 1008 DLR). */
  sessionWindow: { hours: number; enforce: boolean };
  /** Outcome by recipient, first match wins; no match means `read`. */
  outcomes: OutcomeRule[];
  /** Delay of each status after the previous one (the first after acceptance). */
  delaysMs: { sent: DelayRange; delivered: DelayRange; read: DelayRange };
  /** Probability (0-1) that a read message reports `read` without `delivered` before it. */
  readWithoutDelivered: number;
  /** Click events (status `Clicked`) on templates with URL buttons. */
  clicks: { rate: number; afterMs: number; shortUrlBase: string; userAgent: string };
  /** JSON type of `error.code` in failed DLRs (the sample uses a number, the template a string). */
  failureCode: 'number' | 'string';
  /** How wrong or missing credentials are answered: `http-200` (code 2000), `http-401`, or `http-403`. */
  badCredentials: 'http-200' | 'http-401' | 'http-403';
  /**
   * Which sends get the validation answer (success, no message): `documented` only msgId `0|0|0|0`;
   * `loose` also any `body`-wrapped send or verify-template send, whatever its msgId (older behaviour).
   */
  validationRequest: 'documented' | 'loose';
}

/** The business number of the sandbox. */
export const SANDBOX_WABA_NUMBER = '919800000099';

/**
 * Sandbox defaults: one business number, CleverTap's validation template plus the templates of the
 * documented samples, and outcome rules that reach every documented code from the number alone
 * (numbers ending 0 + a 200x code are rejected with it, 0 + a 100x code fail with it; 09001 stops
 * at sent, 09002 at delivered).
 * @see https://docs.clevertap.com/docs/generic-whatsapp
 */
export const CLEVERTAP_WHATSAPP_DEFAULTS: ClevertapWhatsappSettings = {
  wabaNumbers: [SANDBOX_WABA_NUMBER],
  templates: {
    'whatsapp:hsm:technology:generic:verify': { en: { parameters: 3 } },
    order_shipped: { en: { parameters: 2 } },
    'Namespace:sample': { en: { parameters: 1 }, 'en(uk)': { parameters: 1 } },
    Sample_Template: { 'en(UK)': { parameters: 1 } },
    Test_template: { en: { parameters: 1 } },
    Test_Template: { en: { parameters: 1 } },
    sample_template: { en: { parameters: 1 } },
    carousel_test_1: { en: { parameters: 1 } },
  },
  templateCheck: 'reject',
  sessionWindow: { hours: 24, enforce: true },
  outcomes: [
    { recipient: '0(200[1-4])$', outcome: 'rejected', code: '$1' },
    { recipient: '0(10(?:0[0-9]|10))$', outcome: 'failed', code: '$1' },
    { recipient: '09001$', outcome: 'sent' },
    { recipient: '09002$', outcome: 'delivered' },
  ],
  delaysMs: {
    sent: { min: 100, max: 300 },
    delivered: { min: 200, max: 600 },
    read: { min: 500, max: 1500 },
  },
  readWithoutDelivered: 0,
  clicks: {
    rate: 0,
    afterMs: 1000,
    shortUrlBase: 'https://sim.link/',
    userAgent:
      'Mozilla/5.0 (Linux; Android 14) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0 Mobile Safari/537.36',
  },
  failureCode: 'number',
  badCredentials: 'http-200',
  validationRequest: 'documented',
};

const delayRange = {
  type: 'object',
  properties: { min: { type: 'number', minimum: 0 }, max: { type: 'number', minimum: 0 } },
  required: ['min', 'max'],
  additionalProperties: false,
};

const numberPattern = { type: 'string', pattern: '^\\+?[0-9]{8,15}$' };

/** JSON Schema properties of the shared settings (each provider adds its own). */
export const CLEVERTAP_WHATSAPP_SETTINGS_PROPERTIES: Record<string, unknown> = {
  wabaNumbers: { type: 'array', items: numberPattern },
  templates: {
    type: 'object',
    additionalProperties: {
      type: 'object',
      minProperties: 1,
      additionalProperties: {
        type: 'object',
        properties: { parameters: { type: 'integer', minimum: 0 } },
        required: ['parameters'],
        additionalProperties: false,
      },
    },
  },
  templateCheck: { enum: ['reject', 'dlr', 'off'] },
  sessionWindow: {
    type: 'object',
    properties: { hours: { type: 'number', exclusiveMinimum: 0 }, enforce: { type: 'boolean' } },
    required: ['hours', 'enforce'],
    additionalProperties: false,
  },
  outcomes: {
    type: 'array',
    items: {
      type: 'object',
      properties: {
        recipient: { type: 'string', format: 'regex' },
        outcome: { enum: ['read', 'delivered', 'sent', 'failed', 'rejected'] },
        code: { type: 'string' },
      },
      required: ['recipient', 'outcome'],
      additionalProperties: false,
    },
  },
  delaysMs: {
    type: 'object',
    properties: { sent: delayRange, delivered: delayRange, read: delayRange },
    required: ['sent', 'delivered', 'read'],
    additionalProperties: false,
  },
  readWithoutDelivered: { type: 'number', minimum: 0, maximum: 1 },
  clicks: {
    type: 'object',
    properties: {
      rate: { type: 'number', minimum: 0, maximum: 1 },
      afterMs: { type: 'number', minimum: 0 },
      shortUrlBase: { type: 'string', pattern: '^https?://' },
      userAgent: { type: 'string' },
    },
    required: ['rate', 'afterMs', 'shortUrlBase', 'userAgent'],
    additionalProperties: false,
  },
  failureCode: { enum: ['number', 'string'] },
  badCredentials: { enum: ['http-200', 'http-401', 'http-403'] },
  validationRequest: { enum: ['documented', 'loose'] },
};

/** The settings schema of a provider: the shared properties plus its own, all required. */
export function clevertapWhatsappSettingsSchema(
  own: Record<string, unknown>,
): Record<string, unknown> {
  const properties = { ...CLEVERTAP_WHATSAPP_SETTINGS_PROPERTIES, ...own };
  return {
    type: 'object',
    properties,
    required: Object.keys(properties),
    additionalProperties: false,
  };
}
