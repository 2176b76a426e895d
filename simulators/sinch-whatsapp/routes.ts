import { headerCredentials, type RouteDefinition } from '../../src/engine/provider-api.js';
import { clevertapWhatsappSendRoute } from '../families/clevertap-whatsapp/send-route.js';
import type { SinchWhatsappSettings } from './settings.js';

/**
 * Two custom headers, literally `user` and `password`, as the customer enters them in CleverTap.
 * @see https://docs.clevertap.com/docs/sinch
 */
const credentials = headerCredentials<SinchWhatsappSettings>({
  headers: ['user', 'password'],
  secretHeaders: ['password'],
  accounts: (settings) => settings.accounts.map((a) => ({ user: a.user, password: a.password })),
});

/**
 * Sinch India WhatsApp routes. The real endpoint is an HTTPS URL Sinch India hands out per customer;
 * the simulator serves it at `/sinch-whatsapp/v1/messages`.
 * @see https://docs.clevertap.com/docs/sinch
 */
export const SINCH_WHATSAPP_ROUTES: RouteDefinition<SinchWhatsappSettings>[] = [
  clevertapWhatsappSendRoute<SinchWhatsappSettings>({
    path: '/v1/messages',
    auth: credentials,
    requestSchema: 'sinch-whatsapp/send-request',
    allowMissingContentType: true,
  }),
];
