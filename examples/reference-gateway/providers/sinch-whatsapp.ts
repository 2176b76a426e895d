import {
  CLEVERTAP_WHATSAPP_GATEWAY_DEFAULTS,
  createClevertapWhatsappProvider,
  type ClevertapWhatsappGatewaySettings,
} from './clevertap-whatsapp.js';
import type { GatewayProvider, ProviderDeps } from './gateway-provider.js';

/**
 * What CleverTap is configured with for Sinch India WhatsApp: the shared settings plus the two
 * custom headers `user` and `password` (default: the simulator's sandbox account).
 * @see https://docs.clevertap.com/docs/sinch
 */
export interface SinchWhatsappGatewaySettings extends ClevertapWhatsappGatewaySettings {
  user: string;
  password: string;
}

/**
 * Sinch India WhatsApp as CleverTap sends to it: the Generic WhatsApp payload with `user` and
 * `password` headers.
 * @see https://docs.clevertap.com/docs/sinch
 */
export function createSinchWhatsappProvider(
  overrides: Partial<SinchWhatsappGatewaySettings> | undefined,
  deps: ProviderDeps,
): GatewayProvider {
  const settings: SinchWhatsappGatewaySettings = {
    ...CLEVERTAP_WHATSAPP_GATEWAY_DEFAULTS,
    user: 'sandbox',
    password: 'sandbox',
    ...overrides,
  };
  return createClevertapWhatsappProvider(
    {
      id: 'sinch-whatsapp',
      title: 'Sinch India WhatsApp via CleverTap "Generic (Other)" WhatsApp',
      simulatorPath: '/sinch-whatsapp/v1/messages',
      headers: () => ({
        user: settings.user,
        ...(!settings.defects.dropCredentialHeader && { password: settings.password }),
      }),
    },
    settings,
    deps,
  );
}
