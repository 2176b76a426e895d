/** One account the simulator accepts (the three body credentials must all match). */
export interface SinchSmsAccount {
  appid: string;
  userId: string;
  pass: string;
}

/** A recipient rule: numbers matching `recipient` (a regex) get `status`, with `code` for failures. */
export interface SinchSmsOutcomeRule {
  /** Regular expression tested against the recipient as sent (without a leading `+`). */
  recipient: string;
  status: 'delivered' | 'failed';
  /** Failure code (900-920); `$1` takes the regex's first group. */
  code?: string;
}

/** Sinch SMS (India) settings; every field has a default. */
export interface SinchSmsSettings {
  /** Accounts accepted in the body's appid/userId/pass. */
  accounts: SinchSmsAccount[];
  /**
   * India DLT checks on domestic sends: `dlr` (default) accepts the send and fails its DLR with the
   * field's DLT code (906 header, 907 entity, 908 template, 919 several), `strict` refuses the send
   * (error 104), `warn` only records a warning and delivers, `off` skips the checks.
   */
  dlt: 'dlr' | 'strict' | 'warn' | 'off';
  /** Most comma-separated recipients in one request. */
  maxRecipients: number;
  /** The success answer; in `body`, a string `{{name}}` is replaced by msgid, count or messages. */
  successResponse: { status: number; body: unknown };
  /** Delay range before the DLR of each recipient. */
  dlrDelayMs: { min: number; max: number };
  /** Outcome by recipient, first match wins; no match means delivered. */
  outcomes: SinchSmsOutcomeRule[];
  /**
   * Click events (`clicked`, with `url` and `shortUrl`) on delivered messages sent with URL shortening
   * (`s: "1"`) whose text has a link: each such message is clicked with probability `rate` (seeded),
   * `delayMs` after its DLR, on one of its links; `shortUrlBase` starts every short link.
   */
  clicks: { rate: number; delayMs: { min: number; max: number }; shortUrlBase: string };
  /**
   * The number customers reply to, reported as `toPhone` in `replied` events (a long code or virtual
   * number: an alphanumeric sender id cannot be replied to); `"sender"` reports the send's `from`.
   */
  replyNumber: string;
}

/** Defaults: the account of CleverTap's documented sample payload, so that sample works as-is. */
export const SINCH_SMS_DEFAULTS: SinchSmsSettings = {
  accounts: [{ appid: 'clvrtap', userId: 'clvrtap', pass: 'clvrtap_18' }],
  dlt: 'dlr',
  maxRecipients: 1000,
  successResponse: {
    status: 200,
    body: { accepted: true, msgid: '{{msgid}}', count: '{{count}}', messages: '{{messages}}' },
  },
  dlrDelayMs: { min: 200, max: 800 },
  outcomes: [{ recipient: '0(90[0-9]|91[02-9]|920)$', status: 'failed', code: '$1' }],
  clicks: { rate: 0.25, delayMs: { min: 2000, max: 30000 }, shortUrlBase: 'https://sim.link/s/' },
  replyNumber: '919800000098',
};

/** JSON Schema of the settings (start-up errors name the field). */
export const SINCH_SMS_SETTINGS_SCHEMA = {
  type: 'object',
  properties: {
    accounts: {
      type: 'array',
      minItems: 1,
      items: {
        type: 'object',
        properties: {
          appid: { type: 'string', minLength: 1 },
          userId: { type: 'string', minLength: 1 },
          pass: { type: 'string', minLength: 1 },
        },
        required: ['appid', 'userId', 'pass'],
        additionalProperties: false,
      },
    },
    dlt: { enum: ['dlr', 'strict', 'warn', 'off'] },
    maxRecipients: { type: 'integer', minimum: 1 },
    successResponse: {
      type: 'object',
      properties: { status: { type: 'integer', minimum: 200, maximum: 299 }, body: {} },
      required: ['status', 'body'],
      additionalProperties: false,
    },
    dlrDelayMs: {
      type: 'object',
      properties: { min: { type: 'number', minimum: 0 }, max: { type: 'number', minimum: 0 } },
      required: ['min', 'max'],
      additionalProperties: false,
    },
    outcomes: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          recipient: { type: 'string', format: 'regex' },
          status: { enum: ['delivered', 'failed'] },
          code: { type: 'string' },
        },
        required: ['recipient', 'status'],
        additionalProperties: false,
      },
    },
    clicks: {
      type: 'object',
      properties: {
        rate: { type: 'number', minimum: 0, maximum: 1 },
        delayMs: {
          type: 'object',
          properties: {
            min: { type: 'number', minimum: 0 },
            max: { type: 'number', minimum: 0 },
          },
          required: ['min', 'max'],
          additionalProperties: false,
        },
        shortUrlBase: { type: 'string', pattern: '^https?://' },
      },
      required: ['rate', 'delayMs', 'shortUrlBase'],
      additionalProperties: false,
    },
    replyNumber: {
      anyOf: [{ type: 'string', pattern: '^\\+?[0-9]{8,15}$' }, { const: 'sender' }],
    },
  },
  required: [
    'accounts',
    'dlt',
    'maxRecipients',
    'successResponse',
    'dlrDelayMs',
    'outcomes',
    'clicks',
    'replyNumber',
  ],
  additionalProperties: false,
};
