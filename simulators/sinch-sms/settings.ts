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
  /** India DLT checks on domestic sends: `strict` rejects, `warn` only records, `off` skips them. */
  dlt: 'strict' | 'warn' | 'off';
  /** Most comma-separated recipients in one request. */
  maxRecipients: number;
  /** The success answer; in `body`, a string `{{name}}` is replaced by msgid, count or messages. */
  successResponse: { status: number; body: unknown };
  /** Delay range before the DLR of each recipient. */
  dlrDelayMs: { min: number; max: number };
  /** Outcome by recipient, first match wins; no match means delivered. */
  outcomes: SinchSmsOutcomeRule[];
}

/** Defaults: the account of CleverTap's documented sample payload, so that sample works as-is. */
export const SINCH_SMS_DEFAULTS: SinchSmsSettings = {
  accounts: [{ appid: 'clvrtap', userId: 'clvrtap', pass: 'clvrtap_18' }],
  dlt: 'strict',
  maxRecipients: 1000,
  successResponse: {
    status: 200,
    body: { accepted: true, msgid: '{{msgid}}', count: '{{count}}', messages: '{{messages}}' },
  },
  dlrDelayMs: { min: 200, max: 800 },
  outcomes: [{ recipient: '0(90[0-9]|91[02-9]|920)$', status: 'failed', code: '$1' }],
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
    dlt: { enum: ['strict', 'warn', 'off'] },
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
  },
  required: ['accounts', 'dlt', 'maxRecipients', 'successResponse', 'dlrDelayMs', 'outcomes'],
  additionalProperties: false,
};
