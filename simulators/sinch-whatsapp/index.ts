import { CLEVERTAP_RETRY_POLICY, type ProviderDefinition } from '../../src/engine/provider-api.js';
import { CLEVERTAP_WHATSAPP_CATALOG } from '../families/clevertap-whatsapp/catalog.js';
import { clevertapWhatsappCallbacks } from '../families/clevertap-whatsapp/callbacks.js';
import { describeClevertapWhatsapp } from '../families/clevertap-whatsapp/describe.js';
import { CLEVERTAP_WHATSAPP_ERRORS } from '../families/clevertap-whatsapp/errors.js';
import { clevertapWhatsappInbound } from '../families/clevertap-whatsapp/inbound.js';
import { clevertapWhatsappLifecycle } from '../families/clevertap-whatsapp/lifecycle.js';
import { SINCH_WHATSAPP_ROUTES } from './routes.js';
import {
  SINCH_WHATSAPP_DEFAULTS,
  SINCH_WHATSAPP_SETTINGS_SCHEMA,
  type SinchWhatsappSettings,
} from './settings.js';
import { previewClevertapWhatsapp } from '../families/clevertap-whatsapp/preview.js';
import { clevertapMagicNumbers } from '../families/clevertap-whatsapp/outcomes.js';

/**
 * Sinch India WhatsApp (ACL WhatsApp) as CleverTap's "Generic (Other)" WhatsApp provider: `user` and
 * `password` headers; DLRs and inbound messages go to the URLs configured for it (Sinch India support
 * configures the two CleverTap callback URLs): `providers.sinch-whatsapp.callbacks.{dlr,inbound}`.
 * @see https://docs.clevertap.com/docs/sinch
 */
export const sinchWhatsapp: ProviderDefinition<SinchWhatsappSettings> = {
  id: 'sinch-whatsapp',
  title: 'Sinch India WhatsApp via CleverTap Generic WhatsApp',
  routes: SINCH_WHATSAPP_ROUTES,
  errors: CLEVERTAP_WHATSAPP_ERRORS,
  settings: {
    defaults: SINCH_WHATSAPP_DEFAULTS,
    schema: SINCH_WHATSAPP_SETTINGS_SCHEMA,
    replaceWhole: ['/templates'],
  },
  lifecycle: clevertapWhatsappLifecycle,
  preview: previewClevertapWhatsapp,
  magicNumbers: clevertapMagicNumbers,
  callbacks: clevertapWhatsappCallbacks('sinch-whatsapp'),
  callbackRetry: CLEVERTAP_RETRY_POLICY,
  catalog: CLEVERTAP_WHATSAPP_CATALOG,
  inbound: clevertapWhatsappInbound({ schema: 'sinch-whatsapp/inbound-input' }),
  describe: describeClevertapWhatsapp,
};
