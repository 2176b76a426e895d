import type { RouteDefinition } from '../../src/engine/provider-api.js';
import { clevertapWhatsappSendRoute } from '../families/clevertap-whatsapp/send-route.js';
import { kaleyraCredentials } from './auth.js';
import { callbackHeaderRules, callbackHeaderTargets } from './callback-headers.js';
import { inboundHeaderKey } from './inbound-routing.js';
import type { KaleyraSettings } from './settings.js';

/**
 * Kaleyra routes. The real endpoint is "the CleverTap endpoint URL provided by the Kaleyra support
 * team"; the simulator serves it at `/kaleyra/v1/clevertap/messages`.
 * @see https://docs.clevertap.com/docs/kaleyra
 */
export const KALEYRA_ROUTES: RouteDefinition<KaleyraSettings>[] = [
  clevertapWhatsappSendRoute<KaleyraSettings>({
    path: '/v1/clevertap/messages',
    auth: kaleyraCredentials,
    requestSchema: 'kaleyra/send-request',
    allowMissingContentType: true,
    rules: callbackHeaderRules,
    requestTargets: callbackHeaderTargets,
    onAccepted(request, message, context) {
      const inbound = callbackHeaderTargets(request).find((t) => t.kind === 'inbound');
      const waba = (message.data as { wabaNumber: string }).wabaNumber;
      if (inbound) context.store.set(inboundHeaderKey(waba), inbound.url);
    },
  }),
];
