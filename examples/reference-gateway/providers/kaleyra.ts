import {
  CLEVERTAP_WHATSAPP_GATEWAY_DEFAULTS,
  createClevertapWhatsappProvider,
  type ClevertapWhatsappGatewaySettings,
} from './clevertap-whatsapp.js';
import type { GatewayProvider, ProviderDeps } from './gateway-provider.js';

/**
 * What CleverTap is configured with for Kaleyra: the shared settings, the API key, SID and API
 * domain, and the gateway's own callback URLs, which travel in every send's headers.
 * @see https://docs.clevertap.com/docs/kaleyra
 */
export interface KaleyraGatewaySettings extends ClevertapWhatsappGatewaySettings {
  apiKey: string;
  sid: string;
  /** `kaleyra-host`: the account's API domain. */
  host: string;
  /** Base URL of this gateway (read at each send), giving `<url>/callbacks/kaleyra[/inbound]`; default the gateway's own address. */
  gatewayUrl?: () => string | undefined;
  /** Explicit callback URLs, used over `gatewayUrl`. */
  deliveryReportCallbackUrl?: string;
  inboundMessageCallbackUrl?: string;
}

/**
 * Kaleyra as CleverTap sends to it: the Generic WhatsApp payload with `api-key`, `sid`,
 * `kaleyra-host`, and the DLR and inbound callback URLs in `delivery-report-callback-url` and
 * `inbound-message-callback-url`, derived from the gateway's own address unless set.
 * @see https://docs.clevertap.com/docs/kaleyra
 */
export function createKaleyraProvider(
  overrides: Partial<KaleyraGatewaySettings> | undefined,
  deps: ProviderDeps,
): GatewayProvider {
  const settings: KaleyraGatewaySettings = {
    ...CLEVERTAP_WHATSAPP_GATEWAY_DEFAULTS,
    apiKey: 'sandbox',
    sid: 'sandbox',
    host: 'https://api.kaleyra.io/',
    ...overrides,
  };
  const callbackHeaders = (): Record<string, string> => {
    const base = (settings.gatewayUrl ?? deps.gatewayUrl)?.()?.replace(/\/+$/, '');
    const dlr = settings.deliveryReportCallbackUrl ?? (base && `${base}/callbacks/kaleyra`);
    const inbound =
      settings.inboundMessageCallbackUrl ?? (base && `${base}/callbacks/kaleyra/inbound`);
    const [dlrHeader, inboundHeader] = settings.defects.swapCallbackHeaders
      ? ['inbound-message-callback-url', 'delivery-report-callback-url']
      : ['delivery-report-callback-url', 'inbound-message-callback-url'];
    return { ...(dlr && { [dlrHeader]: dlr }), ...(inbound && { [inboundHeader]: inbound }) };
  };
  return createClevertapWhatsappProvider(
    {
      id: 'kaleyra',
      title: 'Kaleyra WhatsApp via CleverTap "Generic (Other)" WhatsApp',
      simulatorPath: '/kaleyra/v1/clevertap/messages',
      headers: () => ({
        'api-key': settings.apiKey,
        ...(!settings.defects.dropCredentialHeader && { sid: settings.sid }),
        'kaleyra-host': settings.host,
        ...callbackHeaders(),
      }),
    },
    settings,
    deps,
  );
}
