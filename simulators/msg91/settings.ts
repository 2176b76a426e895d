import {
  CLEVERTAP_WHATSAPP_DEFAULTS,
  clevertapWhatsappSettingsSchema,
  type ClevertapWhatsappSettings,
} from '../families/clevertap-whatsapp/settings.js';

/** One MSG91 account: the Basic username (and password) and the auth key. */
export interface Msg91Account {
  username: string;
  password: string;
  authkey: string;
}

/** MSG91 settings: the shared CleverTap Generic WhatsApp ones plus MSG91's credentials and headers. */
export interface Msg91Settings extends ClevertapWhatsappSettings {
  /** Accepted accounts: the Basic username, its password and the matching `Authkey`. */
  accounts: Msg91Account[];
  /** Whether the Basic password must match too (MSG91's guide mentions only the username). */
  checkPassword: boolean;
  /**
   * `Content-type` and `Accept: application/json`: `lenient` (default) answers a send without
   * Content-type, journaling it as `info`, and journals a missing Accept as a warning; `require`
   * refuses a send without Content-type (2004) and journals a missing Accept as a warning;
   * `require-both` refuses either; `warn` only journals both as warnings; `off` ignores them.
   */
  jsonHeaders: 'lenient' | 'require' | 'require-both' | 'warn' | 'off';
}

/**
 * Sandbox defaults: Basic `sandbox:sandbox` with `Authkey: sandbox`; only the username is checked,
 * and a missing Content-type or Accept is journalled, not refused (no refusal is documented).
 * @see https://docs.clevertap.com/docs/msg91-whatsapp
 */
export const MSG91_DEFAULTS: Msg91Settings = {
  ...CLEVERTAP_WHATSAPP_DEFAULTS,
  accounts: [{ username: 'sandbox', password: 'sandbox', authkey: 'sandbox' }],
  checkPassword: false,
  jsonHeaders: 'lenient',
};

/** JSON Schema of the settings (start-up errors name the field). */
export const MSG91_SETTINGS_SCHEMA = clevertapWhatsappSettingsSchema({
  accounts: {
    type: 'array',
    minItems: 1,
    items: {
      type: 'object',
      properties: {
        username: { type: 'string', minLength: 1 },
        password: { type: 'string' },
        authkey: { type: 'string', minLength: 1 },
      },
      required: ['username', 'password', 'authkey'],
      additionalProperties: false,
    },
  },
  checkPassword: { type: 'boolean' },
  jsonHeaders: { enum: ['lenient', 'require', 'require-both', 'warn', 'off'] },
});
