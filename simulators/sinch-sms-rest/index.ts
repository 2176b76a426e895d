import { SINCH_RETRY_POLICY, type ProviderDefinition } from '../../src/engine/provider-api.js';
import { SINCH_SMS_REST_CATALOG } from './catalog.js';
import { SINCH_SMS_REST_CALLBACKS } from './callbacks.js';
import { describeSinchSmsRest } from './describe.js';
import { SINCH_SMS_REST_ERRORS } from './errors.js';
import { SINCH_SMS_REST_INBOUND } from './inbound.js';
import { sinchSmsRestLifecycle } from './lifecycle.js';
import { sinchSmsRestMagicNumbers } from './outcomes.js';
import { previewSinchSmsRest } from './preview.js';
import { SINCH_SMS_REST_ROUTES } from './routes.js';
import {
  SINCH_SMS_REST_DEFAULTS,
  SINCH_SMS_REST_SETTINGS_SCHEMA,
  type SinchSmsRestSettings,
} from './settings.js';

/**
 * Sinch's global SMS REST API (`/xms/v1`), as the official SDKs use it: batches, delivery
 * reports, inbounds and groups, in service-plan and project (OAuth2) mode; delivery reports to
 * the batch's `callback_url` (or `providers.sinch-sms-rest.callbacks.{recipient-dlr,batch-dlr}`)
 * and inbound messages to `callbacks.mo`.
 * @see https://developers.sinch.com/docs/sms/api-reference/
 */
export const sinchSmsRest: ProviderDefinition<SinchSmsRestSettings> = {
  id: 'sinch-sms-rest',
  title: 'Sinch SMS REST API (/xms/v1)',
  routes: SINCH_SMS_REST_ROUTES,
  errors: SINCH_SMS_REST_ERRORS,
  settings: {
    defaults: SINCH_SMS_REST_DEFAULTS,
    schema: SINCH_SMS_REST_SETTINGS_SCHEMA,
    replaceWhole: ['/servicePlans', '/projects', '/regions', '/oauthRegions', '/outcomes'],
  },
  lifecycle: sinchSmsRestLifecycle,
  magicNumbers: sinchSmsRestMagicNumbers,
  preview: previewSinchSmsRest,
  callbacks: SINCH_SMS_REST_CALLBACKS,
  inbound: SINCH_SMS_REST_INBOUND,
  catalog: SINCH_SMS_REST_CATALOG,
  callbackRetry: SINCH_RETRY_POLICY,
  describe: describeSinchSmsRest,
};
