/**
 * Conversation API channels, as the API spells them.
 * @see https://github.com/sinch/sinch-sdk-node/blob/main/packages/conversation/src/models/v1/conversation-channel/conversation-channel.ts
 */
export const CHANNELS = [
  'WHATSAPP',
  'RCS',
  'SMS',
  'MESSENGER',
  'VIBERBM',
  'MMS',
  'INSTAGRAM',
  'TELEGRAM',
  'KAKAOTALK',
  'KAKAOTALKCHAT',
  'LINE',
  'WECHAT',
  'APPLEBC',
] as const;

/** One Conversation API channel. */
export type Channel = (typeof CHANNELS)[number];

/**
 * Regions of the Conversation API: `https://{region}.conversation.api.sinch.com`.
 * @see https://github.com/sinch/sinch-sdk-node/blob/main/packages/sdk-client/src/domain/domain-interface.ts
 */
export const REGIONS = ['us', 'eu', 'br'] as const;

/** One Conversation API region. */
export type Region = (typeof REGIONS)[number];

/**
 * Webhook triggers a webhook can subscribe to.
 * @see https://developers.sinch.com/docs/conversation/callbacks
 */
export const WEBHOOK_TRIGGERS = [
  'MESSAGE_DELIVERY',
  'MESSAGE_SUBMIT',
  'MESSAGE_INBOUND',
  'EVENT_DELIVERY',
  'EVENT_INBOUND',
  'SMART_CONVERSATIONS',
  'MESSAGE_INBOUND_SMART_CONVERSATION_REDACTION',
  'CONVERSATION_START',
  'CONVERSATION_STOP',
  'CONVERSATION_DELETE',
  'CONTACT_CREATE',
  'CONTACT_DELETE',
  'CONTACT_MERGE',
  'CONTACT_UPDATE',
  'CONTACT_IDENTITIES_DUPLICATION',
  'UNSUPPORTED',
  'OPT_IN',
  'OPT_OUT',
  'CHANNEL_EVENT',
  'CAPABILITY',
  'RECORD_NOTIFICATION',
] as const;

/** One webhook trigger. */
export type WebhookTrigger = (typeof WEBHOOK_TRIGGERS)[number];

/** A webhook: where callbacks of its triggers go, and the secret that signs them. */
export interface WebhookSettings {
  /** Webhook id (the API assigns ULID-like ids to webhooks it creates). */
  id: string;
  /**
   * Where callbacks go. Without a target, the webhook stands for the simulator's own callback URL
   * (`--callback-url`, or `providers.sinch-conversation.callbacks.<kind>`).
   */
  target?: string;
  /** `DISMISS` webhooks receive nothing. */
  targetType: 'HTTP' | 'DISMISS';
  triggers: WebhookTrigger[];
  /** Signs every callback to this webhook (HMAC-SHA256) when set. */
  secret?: string;
}

/** A Conversation API app: its region, channels, processing mode and webhooks. */
export interface AppSettings {
  appId: string;
  /** The only region where the app is known. */
  region: Region;
  /** Channels configured on the app, in the app's priority order. */
  channels: Channel[];
  /** `CONVERSATION` keeps contacts and conversations; `DISPATCH` does not (ids are empty in callbacks). */
  processingMode: 'CONVERSATION' | 'DISPATCH';
  /** Signs delivery reports sent to a message's own `callback_url`. */
  secretForOverriddenCallbackUrls?: string;
  /** At most 5 per app. */
  webhooks: WebhookSettings[];
}

/** An access key of a project: key id and secret (HTTP Basic on the token route). */
export interface AccessKey {
  keyId: string;
  keySecret: string;
}

/** A project with its access keys and apps. */
export interface ProjectSettings {
  projectId: string;
  accessKeys: AccessKey[];
  apps: AppSettings[];
}

/** A WhatsApp template as approved on the WhatsApp Business account: its name, languages and parameter keys. */
export interface WhatsAppTemplate {
  /** The template name, which is the `template_id` of a WhatsApp channel template. */
  name: string;
  /** Approved languages in the underscore form, e.g. `en_US`. */
  languages: string[];
  /** Every parameter key the template needs, e.g. `body[1]text`, `header[1]image.link`. */
  parameters: string[];
}

/** A contact known to the project, so that `recipient.contact_id` can be resolved. */
export interface ContactSettings {
  id: string;
  channelIdentities: { channel: Channel; identity: string }[];
}

/**
 * What happens on a channel to a recipient whose identity matches `identity` (a regex), first match
 * wins. `read-only` reports READ without DELIVERED; `queued` stops after QUEUED_ON_CHANNEL.
 */
export interface OutcomeRule {
  identity: string;
  /** Only on this channel; any channel when absent. */
  channel?: Channel;
  outcome: 'delivered' | 'read' | 'read-only' | 'queued' | 'failed';
  /** Reason code of a failure, e.g. `RECIPIENT_NOT_REACHABLE`. */
  reason?: string;
}

/** A delay range in milliseconds. */
export interface DelayRange {
  min: number;
  max: number;
}

/** Sinch Conversation API settings; every field has a default. */
export interface SinchConversationSettings {
  /** Projects, their access keys and apps. */
  projects: ProjectSettings[];
  tokens: {
    /** `expires_in` of issued tokens; the JWT's `exp` matches it. */
    expiresInSeconds: number;
    /** `token_type` of the token answer. */
    tokenType: string;
    /** `scope` of the token answer. */
    scope: string;
    /** HMAC key the simulator signs its JWTs with. */
    signingKey: string;
    /** Token bucket of the token route; `null` switches throttling off. */
    rateLimit: { capacity: number; refillPerSecond: number } | null;
  };
  /** HTTP status of a successful `messages:send`. */
  sendSuccessStatus: number;
  /** How a send naming an app unknown in the region is answered: 404 NOT_FOUND or 400 INVALID_ARGUMENT. */
  unknownApp: 'not_found' | 'invalid_argument';
  /**
   * When a WhatsApp channel template does not match the registry: `callback` fails it with a
   * MESSAGE_DELIVERY FAILED callback (TEMPLATE_NOT_FOUND...), `reject` answers 400, `off` skips the check.
   */
  templateCheck: 'callback' | 'reject' | 'off';
  /**
   * WhatsApp's 24-hour customer-service window: `enforce` fails a freeform (non-template) WhatsApp
   * message to a contact who has not written in the last 24 h with a MESSAGE_DELIVERY FAILED
   * (`OUTSIDE_ALLOWED_SENDING_WINDOW`); `off` delivers it anyway (the behaviour before the window).
   */
  whatsappWindow: 'enforce' | 'off';
  /** Approved WhatsApp templates. */
  whatsappTemplates: WhatsAppTemplate[];
  /** Contacts `recipient.contact_id` may name (contacts are also created by sends in CONVERSATION mode). */
  contacts: ContactSettings[];
  /** Delays of the delivery reports, each after the previous one. */
  delaysMs: { queuedOnChannel: DelayRange; delivered: DelayRange; read: DelayRange };
  /** Outcome by recipient identity and channel, first match wins; no match means delivered. */
  outcomes: OutcomeRule[];
}

/** The sandbox project and app: what `provider-sim start` accepts without any configuration. */
export const SINCH_CONVERSATION_DEFAULTS: SinchConversationSettings = {
  projects: [
    {
      projectId: 'sandbox-project',
      accessKeys: [{ keyId: 'sandbox-key', keySecret: 'sandbox-secret' }],
      apps: [
        {
          appId: 'sandbox-app',
          region: 'us',
          channels: ['WHATSAPP', 'RCS'],
          processingMode: 'CONVERSATION',
          secretForOverriddenCallbackUrls: 'sandbox-override-secret',
          webhooks: [
            {
              id: 'sandbox-webhook',
              targetType: 'HTTP',
              triggers: ['MESSAGE_DELIVERY', 'MESSAGE_INBOUND'],
              secret: 'sandbox-webhook-secret',
            },
          ],
        },
      ],
    },
  ],
  tokens: {
    expiresInSeconds: 3600,
    tokenType: 'bearer',
    scope: '',
    signingKey: 'provider-sim-sinch-conversation',
    rateLimit: { capacity: 30, refillPerSecond: 10 },
  },
  sendSuccessStatus: 200,
  unknownApp: 'not_found',
  templateCheck: 'callback',
  whatsappWindow: 'enforce',
  whatsappTemplates: [
    { name: 'order_shipped', languages: ['en_US'], parameters: ['body[1]text', 'body[2]text'] },
    { name: 'generic_notice', languages: ['en_US', 'en_GB', 'es_ES'], parameters: ['body[1]text'] },
    {
      name: 'spring_sale',
      languages: ['en_US'],
      parameters: ['header[1]image.link', 'body[1]text', 'button[0]quick_reply[1]payload'],
    },
  ],
  contacts: [],
  delaysMs: {
    queuedOnChannel: { min: 50, max: 150 },
    delivered: { min: 200, max: 600 },
    read: { min: 500, max: 1500 },
  },
  outcomes: [
    { identity: '0100$', outcome: 'read' },
    { identity: '0101$', outcome: 'read-only' },
    { identity: '0102$', outcome: 'queued' },
    { identity: '0400$', outcome: 'failed', reason: 'RECIPIENT_NOT_REACHABLE' },
    { identity: '0401$', outcome: 'failed', reason: 'RECIPIENT_NOT_OPTED_IN' },
    { identity: '0402$', outcome: 'failed', reason: 'OUTSIDE_ALLOWED_SENDING_WINDOW' },
    { identity: '0403$', outcome: 'failed', reason: 'DELIVERY_REJECTED_DUE_TO_POLICY' },
    { identity: '0404$', outcome: 'failed', reason: 'RECIPIENT_INVALID_CHANNEL_IDENTITY' },
    { identity: '0405$', outcome: 'failed', reason: 'CHANNEL_REJECT' },
    {
      identity: '0410$',
      channel: 'WHATSAPP',
      outcome: 'failed',
      reason: 'RECIPIENT_NOT_REACHABLE',
    },
  ],
};

const delayRange = {
  type: 'object',
  properties: { min: { type: 'number', minimum: 0 }, max: { type: 'number', minimum: 0 } },
  required: ['min', 'max'],
  additionalProperties: false,
};

const nonEmpty = { type: 'string', minLength: 1 };

/** JSON Schema of the settings (start-up errors name the field). */
export const SINCH_CONVERSATION_SETTINGS_SCHEMA = {
  type: 'object',
  properties: {
    projects: {
      type: 'array',
      minItems: 1,
      items: {
        type: 'object',
        properties: {
          projectId: nonEmpty,
          accessKeys: {
            type: 'array',
            items: {
              type: 'object',
              properties: { keyId: nonEmpty, keySecret: nonEmpty },
              required: ['keyId', 'keySecret'],
              additionalProperties: false,
            },
          },
          apps: {
            type: 'array',
            items: {
              type: 'object',
              properties: {
                appId: nonEmpty,
                region: { enum: [...REGIONS] },
                channels: { type: 'array', items: { enum: [...CHANNELS] }, uniqueItems: true },
                processingMode: { enum: ['CONVERSATION', 'DISPATCH'] },
                secretForOverriddenCallbackUrls: nonEmpty,
                webhooks: {
                  type: 'array',
                  maxItems: 5,
                  items: {
                    type: 'object',
                    properties: {
                      id: nonEmpty,
                      target: { type: 'string', pattern: '^https?://', maxLength: 742 },
                      targetType: { enum: ['HTTP', 'DISMISS'] },
                      triggers: {
                        type: 'array',
                        minItems: 1,
                        items: { enum: [...WEBHOOK_TRIGGERS] },
                      },
                      secret: nonEmpty,
                    },
                    required: ['id', 'targetType', 'triggers'],
                    additionalProperties: false,
                  },
                },
              },
              required: ['appId', 'region', 'channels', 'processingMode', 'webhooks'],
              additionalProperties: false,
            },
          },
        },
        required: ['projectId', 'accessKeys', 'apps'],
        additionalProperties: false,
      },
    },
    tokens: {
      type: 'object',
      properties: {
        expiresInSeconds: { type: 'integer', minimum: 1 },
        tokenType: nonEmpty,
        scope: { type: 'string' },
        signingKey: nonEmpty,
        rateLimit: {
          oneOf: [
            { type: 'null' },
            {
              type: 'object',
              properties: {
                capacity: { type: 'integer', minimum: 1 },
                refillPerSecond: { type: 'number', exclusiveMinimum: 0 },
              },
              required: ['capacity', 'refillPerSecond'],
              additionalProperties: false,
            },
          ],
        },
      },
      required: ['expiresInSeconds', 'tokenType', 'scope', 'signingKey', 'rateLimit'],
      additionalProperties: false,
    },
    sendSuccessStatus: { type: 'integer', minimum: 200, maximum: 299 },
    unknownApp: { enum: ['not_found', 'invalid_argument'] },
    templateCheck: { enum: ['callback', 'reject', 'off'] },
    whatsappWindow: { enum: ['enforce', 'off'] },
    whatsappTemplates: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          name: nonEmpty,
          languages: {
            type: 'array',
            minItems: 1,
            items: { type: 'string', pattern: '^[a-z]{2,3}(_[A-Za-z0-9]+)*$' },
          },
          parameters: { type: 'array', items: nonEmpty },
        },
        required: ['name', 'languages', 'parameters'],
        additionalProperties: false,
      },
    },
    contacts: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          id: nonEmpty,
          channelIdentities: {
            type: 'array',
            minItems: 1,
            items: {
              type: 'object',
              properties: { channel: { enum: [...CHANNELS] }, identity: nonEmpty },
              required: ['channel', 'identity'],
              additionalProperties: false,
            },
          },
        },
        required: ['id', 'channelIdentities'],
        additionalProperties: false,
      },
    },
    delaysMs: {
      type: 'object',
      properties: { queuedOnChannel: delayRange, delivered: delayRange, read: delayRange },
      required: ['queuedOnChannel', 'delivered', 'read'],
      additionalProperties: false,
    },
    outcomes: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          identity: { type: 'string', format: 'regex' },
          channel: { enum: [...CHANNELS] },
          outcome: { enum: ['delivered', 'read', 'read-only', 'queued', 'failed'] },
          reason: { type: 'string', pattern: '^[A-Z_]+$' },
        },
        required: ['identity', 'outcome'],
        additionalProperties: false,
      },
    },
  },
  required: [
    'projects',
    'tokens',
    'sendSuccessStatus',
    'unknownApp',
    'templateCheck',
    'whatsappWindow',
    'whatsappTemplates',
    'contacts',
    'delaysMs',
    'outcomes',
  ],
  additionalProperties: false,
};

/** Settings that config replaces whole rather than merging (lists of things). */
export const SINCH_CONVERSATION_REPLACE_WHOLE = [
  '/projects',
  '/whatsappTemplates',
  '/contacts',
  '/outcomes',
] as const;
