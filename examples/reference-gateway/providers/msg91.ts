import {
  CLEVERTAP_WHATSAPP_GATEWAY_DEFAULTS,
  createClevertapWhatsappProvider,
  type ClevertapWhatsappGatewaySettings,
} from './clevertap-whatsapp.js';
import type { GatewayProvider, ProviderDeps } from './gateway-provider.js';

/**
 * What CleverTap is configured with for MSG91: the shared settings, the Basic username and password,
 * and the `Authkey` header.
 * @see https://docs.clevertap.com/docs/msg91-whatsapp
 */
export interface Msg91GatewaySettings extends ClevertapWhatsappGatewaySettings {
  username: string;
  password: string;
  authkey: string;
}

/**
 * MSG91 as CleverTap sends to it: the Generic WhatsApp payload to
 * `/api/v5/whatsapp//outbound/clevertap/` (double slash kept) with Basic authentication, `Authkey`
 * and the JSON `Content-type` / `Accept` headers MSG91's guide has users add.
 * @see https://docs.clevertap.com/docs/msg91-whatsapp
 */
export function createMsg91Provider(
  overrides: Partial<Msg91GatewaySettings> | undefined,
  deps: ProviderDeps,
): GatewayProvider {
  const settings: Msg91GatewaySettings = {
    ...CLEVERTAP_WHATSAPP_GATEWAY_DEFAULTS,
    username: 'sandbox',
    password: 'sandbox',
    authkey: 'sandbox',
    ...overrides,
  };
  const basic = Buffer.from(`${settings.username}:${settings.password}`).toString('base64');
  return createClevertapWhatsappProvider(
    {
      id: 'msg91',
      title: 'MSG91 WhatsApp via CleverTap "Generic (Other)" WhatsApp',
      simulatorPath: '/msg91/api/v5/whatsapp//outbound/clevertap/',
      headers: () => ({
        authorization: `Basic ${basic}`,
        ...(!settings.defects.dropCredentialHeader && { authkey: settings.authkey }),
        accept: 'application/json',
      }),
    },
    settings,
    deps,
  );
}
