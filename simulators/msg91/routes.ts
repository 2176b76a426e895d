import type { RouteDefinition } from '../../src/engine/provider-api.js';
import { clevertapWhatsappSendRoute } from '../families/clevertap-whatsapp/send-route.js';
import { msg91Credentials } from './auth.js';
import { jsonHeaderRules } from './json-headers.js';
import type { Msg91Settings } from './settings.js';

/**
 * MSG91 routes, at the documented path with its literal double slash and trailing slash
 * (`https://api.msg91.com/api/v5/whatsapp//outbound/clevertap/`). Paths match exactly: the
 * single-slash form gets the 404 answer naming this route.
 * @see https://docs.clevertap.com/docs/msg91-whatsapp
 */
export const MSG91_ROUTES: RouteDefinition<Msg91Settings>[] = [
  clevertapWhatsappSendRoute<Msg91Settings>({
    path: '/api/v5/whatsapp//outbound/clevertap/',
    auth: msg91Credentials,
    requestSchema: 'msg91/send-request',
    allowMissingContentType: true,
    rules: jsonHeaderRules,
  }),
];
