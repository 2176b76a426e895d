/** A service plan the simulator accepts, with its API token (service-plan mode). */
export interface SinchSmsRestServicePlan {
  servicePlanId: string;
  apiToken: string;
}

/** A recipient rule: numbers matching `recipient` (a regex) end with `code` (`$1` takes the first group). */
export interface SinchSmsRestOutcomeRule {
  /** Regular expression tested against the recipient without a leading `+`. */
  recipient: string;
  /** A delivery report code: `0` (delivered) or one of the REST codes 402-412. */
  code: string;
}

/** Sinch SMS REST API (`/xms/v1`) settings; every field has a default. */
export interface SinchSmsRestSettings {
  /** Service plans accepted under `/{region}/xms/v1/{service_plan_id}` with `Authorization: Bearer <api token>`. */
  servicePlans: SinchSmsRestServicePlan[];
  /** Project ids accepted under `/zt/{region}/xms/v1/{project_id}` with an OAuth2 access token. */
  projects: string[];
  /** HMAC key of the access tokens the simulator's OAuth2 token route (`/sinch/auth/oauth2/token`) issues. */
  tokenSigningKey: string;
  /** Regions served in service-plan mode. */
  regions: string[];
  /** Regions served in project (OAuth2) mode, below `/zt`. */
  oauthRegions: string[];
  /** Most recipients (MSISDNs and group ids) in one batch. */
  maxRecipients: number;
  /** Longest `body` of an `mt_text` batch, in characters. */
  maxBodyLength: number;
  /** Originator used when a batch has no `from`; empty means `from` is required. */
  defaultOriginator: string;
  /**
   * What a batch asking for delivery reports without `callback_url` gets: `use-configured` sends
   * them to the configured callback target; `reject` answers 403 `missing_callback_url`, as a
   * service plan without a default callback URL does.
   */
  missingCallbackUrl: 'use-configured' | 'reject';
  /** Delay after acceptance (or after `send_at`) before a recipient's message is dispatched. */
  dispatchDelayMs: { min: number; max: number };
  /** Delay after dispatch before a recipient's final status. */
  finalDelayMs: { min: number; max: number };
  /** Final outcome by recipient, first match wins; no match means delivered (code 0). */
  outcomes: SinchSmsRestOutcomeRule[];
  /** The business number an inbound message is sent to when neither the input nor an earlier batch says. */
  inboundNumber: string;
}

/** Defaults: the sandbox credentials, every documented region, and a magic-number rule per REST code. */
export const SINCH_SMS_REST_DEFAULTS: SinchSmsRestSettings = {
  servicePlans: [{ servicePlanId: 'sandbox-plan', apiToken: 'sandbox-token' }],
  projects: ['sandbox-project'],
  tokenSigningKey: 'provider-sim-sinch-conversation',
  regions: ['us', 'eu', 'br', 'ca', 'au'],
  oauthRegions: ['us', 'eu'],
  maxRecipients: 1000,
  maxBodyLength: 1600,
  defaultOriginator: '',
  missingCallbackUrl: 'use-configured',
  dispatchDelayMs: { min: 20, max: 60 },
  finalDelayMs: { min: 200, max: 800 },
  outcomes: [{ recipient: '0(40[2-8]|41[0-2])$', code: '$1' }],
  inboundNumber: '12345',
};

const range = {
  type: 'object',
  properties: { min: { type: 'number', minimum: 0 }, max: { type: 'number', minimum: 0 } },
  required: ['min', 'max'],
  additionalProperties: false,
};
const nonEmpty = { type: 'string', minLength: 1 };

/** JSON Schema of the settings (start-up errors name the field). */
export const SINCH_SMS_REST_SETTINGS_SCHEMA = {
  type: 'object',
  properties: {
    servicePlans: {
      type: 'array',
      items: {
        type: 'object',
        properties: { servicePlanId: nonEmpty, apiToken: nonEmpty },
        required: ['servicePlanId', 'apiToken'],
        additionalProperties: false,
      },
    },
    projects: { type: 'array', items: nonEmpty },
    tokenSigningKey: nonEmpty,
    regions: { type: 'array', items: nonEmpty },
    oauthRegions: { type: 'array', items: nonEmpty },
    maxRecipients: { type: 'integer', minimum: 1, maximum: 1000 },
    maxBodyLength: { type: 'integer', minimum: 1 },
    defaultOriginator: { type: 'string' },
    missingCallbackUrl: { enum: ['use-configured', 'reject'] },
    dispatchDelayMs: range,
    finalDelayMs: range,
    outcomes: {
      type: 'array',
      items: {
        type: 'object',
        properties: { recipient: { type: 'string', format: 'regex' }, code: nonEmpty },
        required: ['recipient', 'code'],
        additionalProperties: false,
      },
    },
    inboundNumber: nonEmpty,
  },
  required: [
    'servicePlans',
    'projects',
    'tokenSigningKey',
    'regions',
    'oauthRegions',
    'maxRecipients',
    'maxBodyLength',
    'defaultOriginator',
    'missingCallbackUrl',
    'dispatchDelayMs',
    'finalDelayMs',
    'outcomes',
    'inboundNumber',
  ],
  additionalProperties: false,
};
