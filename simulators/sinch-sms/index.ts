import { CLEVERTAP_RETRY_POLICY, type ProviderDefinition } from '../../src/engine/provider-api.js';
import { SINCH_SMS_CATALOG } from './catalog.js';
import { SINCH_SMS_CALLBACKS } from './callbacks.js';
import { SINCH_SMS_ERRORS } from './errors.js';
import { SINCH_SMS_INBOUND } from './inbound.js';
import { previewSms } from './preview.js';
import { smsLifecycle, smsMagicNumbers } from './lifecycle.js';
import { SINCH_SMS_ROUTES } from './routes.js';
import {
  SINCH_SMS_DEFAULTS,
  SINCH_SMS_SETTINGS_SCHEMA,
  type SinchSmsSettings,
} from './settings.js';

const DLT_MODES: Record<SinchSmsSettings['dlt'], string> = {
  dlr: 'dlr (a send failing DLT is accepted and its DLR fails with 906 header, 907 entity, 908 template, 919 several)',
  strict: 'strict (a send failing DLT is refused with 104)',
  warn: 'warn (recorded only)',
  off: 'off',
};

const isDefaultOutcomes = (settings: SinchSmsSettings): boolean =>
  JSON.stringify(settings.outcomes) === JSON.stringify(SINCH_SMS_DEFAULTS.outcomes);

/**
 * Sinch SMS India (ACL enterprise API, DLT) as CleverTap's "Other (Generic)" SMS provider.
 * @see https://docs.clevertap.com/docs/sinch-sms
 */
export const sinchSms: ProviderDefinition<SinchSmsSettings> = {
  id: 'sinch-sms',
  title: 'Sinch SMS India (DLT) via CleverTap Generic SMS',
  routes: SINCH_SMS_ROUTES,
  errors: SINCH_SMS_ERRORS,
  settings: {
    defaults: SINCH_SMS_DEFAULTS,
    schema: SINCH_SMS_SETTINGS_SCHEMA,
    replaceWhole: ['/successResponse/body'],
  },
  lifecycle: smsLifecycle,
  magicNumbers: smsMagicNumbers,
  preview: previewSms,
  callbacks: SINCH_SMS_CALLBACKS,
  callbackRetry: CLEVERTAP_RETRY_POLICY,
  catalog: SINCH_SMS_CATALOG,
  inbound: SINCH_SMS_INBOUND,
  describe: (settings) => [
    `DLT checks: ${DLT_MODES[settings.dlt]}; at most ${settings.maxRecipients} recipients per request`,
    `replies report toPhone ${settings.replyNumber === 'sender' ? "the send's sender id" : settings.replyNumber}; with URL shortening (s "1") links are clicked with probability ${settings.clicks.rate}`,
    `outcomes (first match wins, else delivered): ${settings.outcomes
      .map((o) => `/${o.recipient}/ -> ${o.status}${o.code ? ` ${o.code}` : ''}`)
      .join(
        '; ',
      )}${isDefaultOutcomes(settings) ? ' (e.g. ...0901 fails with 901 DND, ...0908 with 908 DLT template)' : ''}`,
  ],
};
