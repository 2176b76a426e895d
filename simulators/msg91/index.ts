import { CLEVERTAP_RETRY_POLICY, type ProviderDefinition } from '../../src/engine/provider-api.js';
import { CLEVERTAP_WHATSAPP_CATALOG } from '../families/clevertap-whatsapp/catalog.js';
import { clevertapWhatsappCallbacks } from '../families/clevertap-whatsapp/callbacks.js';
import { describeClevertapWhatsapp } from '../families/clevertap-whatsapp/describe.js';
import { CLEVERTAP_WHATSAPP_ERRORS } from '../families/clevertap-whatsapp/errors.js';
import { clevertapWhatsappInbound } from '../families/clevertap-whatsapp/inbound.js';
import { clevertapWhatsappLifecycle } from '../families/clevertap-whatsapp/lifecycle.js';
import { MSG91_ROUTES } from './routes.js';
import { MSG91_DEFAULTS, MSG91_SETTINGS_SCHEMA, type Msg91Settings } from './settings.js';
import { previewClevertapWhatsapp } from '../families/clevertap-whatsapp/preview.js';
import { clevertapMagicNumbers } from '../families/clevertap-whatsapp/outcomes.js';

/**
 * MSG91 WhatsApp as CleverTap's "Generic (Other)" WhatsApp provider: Basic authentication plus an
 * `Authkey` header at `/api/v5/whatsapp//outbound/clevertap/`; DLRs go to the "Outbound Messages"
 * webhook and inbound messages to the "Inbound Messages" webhook, configured here as
 * `providers.msg91.callbacks.{dlr,inbound}`.
 * @see https://docs.clevertap.com/docs/msg91-whatsapp
 */
export const msg91: ProviderDefinition<Msg91Settings> = {
  id: 'msg91',
  title: 'MSG91 WhatsApp via CleverTap Generic WhatsApp',
  routes: MSG91_ROUTES,
  errors: CLEVERTAP_WHATSAPP_ERRORS,
  settings: {
    defaults: MSG91_DEFAULTS,
    schema: MSG91_SETTINGS_SCHEMA,
    replaceWhole: ['/templates'],
  },
  lifecycle: clevertapWhatsappLifecycle,
  preview: previewClevertapWhatsapp,
  magicNumbers: clevertapMagicNumbers,
  callbacks: clevertapWhatsappCallbacks('msg91'),
  callbackRetry: CLEVERTAP_RETRY_POLICY,
  catalog: CLEVERTAP_WHATSAPP_CATALOG,
  inbound: clevertapWhatsappInbound({ schema: 'msg91/inbound-input' }),
  describe: (settings) => [
    `JSON headers (Content-type, Accept): ${settings.jsonHeaders}; the single-slash path /api/v5/whatsapp/outbound/clevertap/ is not served (404)`,
    ...describeClevertapWhatsapp(settings),
  ],
};
