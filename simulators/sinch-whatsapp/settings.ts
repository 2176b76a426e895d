import {
  CLEVERTAP_WHATSAPP_DEFAULTS,
  clevertapWhatsappSettingsSchema,
  type ClevertapWhatsappSettings,
} from '../families/clevertap-whatsapp/settings.js';

/** One Sinch India WhatsApp account: the values of the `user` and `password` headers. */
export interface SinchWhatsappAccount {
  user: string;
  password: string;
}

/** Sinch India WhatsApp settings: the shared CleverTap Generic WhatsApp ones plus the accounts. */
export interface SinchWhatsappSettings extends ClevertapWhatsappSettings {
  /** Accepted `user` / `password` header pairs. */
  accounts: SinchWhatsappAccount[];
}

/** Sandbox defaults: `user: sandbox`, `password: sandbox`. */
export const SINCH_WHATSAPP_DEFAULTS: SinchWhatsappSettings = {
  ...CLEVERTAP_WHATSAPP_DEFAULTS,
  accounts: [{ user: 'sandbox', password: 'sandbox' }],
};

/** JSON Schema of the settings (start-up errors name the field). */
export const SINCH_WHATSAPP_SETTINGS_SCHEMA = clevertapWhatsappSettingsSchema({
  accounts: {
    type: 'array',
    minItems: 1,
    items: {
      type: 'object',
      properties: {
        user: { type: 'string', minLength: 1 },
        password: { type: 'string', minLength: 1 },
      },
      required: ['user', 'password'],
      additionalProperties: false,
    },
  },
});
