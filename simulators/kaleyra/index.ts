import { CLEVERTAP_RETRY_POLICY, type ProviderDefinition } from '../../src/engine/provider-api.js';
import { CLEVERTAP_WHATSAPP_CATALOG } from '../families/clevertap-whatsapp/catalog.js';
import { clevertapWhatsappCallbacks } from '../families/clevertap-whatsapp/callbacks.js';
import { describeClevertapWhatsapp } from '../families/clevertap-whatsapp/describe.js';
import { CLEVERTAP_WHATSAPP_ERRORS } from '../families/clevertap-whatsapp/errors.js';
import { clevertapWhatsappInbound } from '../families/clevertap-whatsapp/inbound.js';
import { clevertapWhatsappLifecycle } from '../families/clevertap-whatsapp/lifecycle.js';
import { kaleyraInboundRoute } from './inbound-routing.js';
import { KALEYRA_ROUTES } from './routes.js';
import { KALEYRA_DEFAULTS, KALEYRA_SETTINGS_SCHEMA, type KaleyraSettings } from './settings.js';
import { previewClevertapWhatsapp } from '../families/clevertap-whatsapp/preview.js';
import { clevertapMagicNumbers } from '../families/clevertap-whatsapp/outcomes.js';

/**
 * Kaleyra WhatsApp as CleverTap's "Generic (Other)" WhatsApp provider: `api-key`, `sid` and
 * `kaleyra-host` headers; each send names its own DLR and inbound callback URLs in headers, and
 * inbound messages follow the number's Kaleyra "Incoming URL" when one is configured.
 * @see https://docs.clevertap.com/docs/kaleyra
 */
export const kaleyra: ProviderDefinition<KaleyraSettings> = {
  id: 'kaleyra',
  title: 'Kaleyra WhatsApp via CleverTap Generic WhatsApp',
  routes: KALEYRA_ROUTES,
  errors: CLEVERTAP_WHATSAPP_ERRORS,
  settings: {
    defaults: KALEYRA_DEFAULTS,
    schema: KALEYRA_SETTINGS_SCHEMA,
    replaceWhole: ['/templates', '/incomingUrls'],
  },
  lifecycle: clevertapWhatsappLifecycle,
  preview: previewClevertapWhatsapp,
  magicNumbers: clevertapMagicNumbers,
  callbacks: clevertapWhatsappCallbacks('kaleyra'),
  callbackRetry: CLEVERTAP_RETRY_POLICY,
  catalog: CLEVERTAP_WHATSAPP_CATALOG,
  inbound: clevertapWhatsappInbound({
    schema: 'kaleyra/inbound-input',
    route: kaleyraInboundRoute,
  }),
  describe: (settings) => [
    `callback headers ${settings.callbackHeaders}: DLRs go to each send's delivery-report-callback-url, replies to its inbound-message-callback-url (hosts allowed by callbacks.allowedHosts)`,
    `incoming URLs: ${
      Object.entries(settings.incomingUrls)
        .map(([number, url]) => `${number} -> ${url}`)
        .join('; ') ||
      '(none: inbound messages follow the latest inbound-message-callback-url header)'
    }`,
    ...describeClevertapWhatsapp(settings),
  ],
};
