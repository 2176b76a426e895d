import {
  CLEVERTAP_WHATSAPP_DEFAULTS,
  clevertapWhatsappSettingsSchema,
  type ClevertapWhatsappSettings,
} from '../families/clevertap-whatsapp/settings.js';

/** One Kaleyra account: the API key and the account SID. */
export interface KaleyraAccount {
  apiKey: string;
  sid: string;
}

/** Kaleyra settings: the shared CleverTap Generic WhatsApp ones plus Kaleyra's headers and routing. */
export interface KaleyraSettings extends ClevertapWhatsappSettings {
  /** Accepted `api-key` / `sid` header pairs. */
  accounts: KaleyraAccount[];
  /** Accepted `kaleyra-host` values (API domains; compared without a trailing slash). */
  hosts: string[];
  /** Whether each send must carry `delivery-report-callback-url` and `inbound-message-callback-url`. */
  callbackHeaders: 'required' | 'optional';
  /** Kaleyra "Incoming URL" per business number, with `inbound_message_callback_url` and `payload_version` query parameters. */
  incomingUrls: Record<string, string>;
}

/**
 * Sandbox defaults: `api-key: sandbox`, `sid: sandbox`, the documented API domain and its regional
 * pods, and callback headers required on every send.
 * @see https://docs.clevertap.com/docs/kaleyra
 */
export const KALEYRA_DEFAULTS: KaleyraSettings = {
  ...CLEVERTAP_WHATSAPP_DEFAULTS,
  accounts: [{ apiKey: 'sandbox', sid: 'sandbox' }],
  hosts: [
    'https://api.kaleyra.io/',
    'https://api.in.kaleyra.io/',
    'https://api.ap.kaleyra.io/',
    'https://api.eu.kaleyra.io/',
  ],
  callbackHeaders: 'required',
  incomingUrls: {},
};

/** JSON Schema of the settings (start-up errors name the field). */
export const KALEYRA_SETTINGS_SCHEMA = clevertapWhatsappSettingsSchema({
  accounts: {
    type: 'array',
    minItems: 1,
    items: {
      type: 'object',
      properties: {
        apiKey: { type: 'string', minLength: 1 },
        sid: { type: 'string', minLength: 1 },
      },
      required: ['apiKey', 'sid'],
      additionalProperties: false,
    },
  },
  hosts: { type: 'array', minItems: 1, items: { type: 'string', minLength: 1 } },
  callbackHeaders: { enum: ['required', 'optional'] },
  incomingUrls: {
    type: 'object',
    propertyNames: { pattern: '^\\+?[0-9]{8,15}$' },
    additionalProperties: { type: 'string', pattern: '^https?://' },
  },
});
