import type { GatewayProvider, ProviderDeps } from './gateway-provider.js';
import { createKaleyraProvider, type KaleyraGatewaySettings } from './kaleyra.js';
import { createMsg91Provider, type Msg91GatewaySettings } from './msg91.js';
import {
  createSinchConversationProvider,
  type SinchConversationGatewaySettings,
} from './sinch-conversation.js';
import { createSinchSmsProvider, type SinchSmsGatewaySettings } from './sinch-sms.js';
import { createSinchSmsRestProvider, type SinchSmsRestGatewaySettings } from './sinch-sms-rest.js';
import {
  createSinchWhatsappProvider,
  type SinchWhatsappGatewaySettings,
} from './sinch-whatsapp.js';

/** Per-provider settings a gateway may override, keyed by provider id. */
export interface GatewayProviderSettings {
  'sinch-sms'?: Partial<SinchSmsGatewaySettings>;
  'sinch-conversation'?: Partial<SinchConversationGatewaySettings>;
  'sinch-whatsapp'?: Partial<SinchWhatsappGatewaySettings>;
  kaleyra?: Partial<KaleyraGatewaySettings>;
  msg91?: Partial<Msg91GatewaySettings>;
  'sinch-sms-rest'?: Partial<SinchSmsRestGatewaySettings>;
}

/** Every provider integration of the reference gateway, by id (one row per provider). */
export const GATEWAY_PROVIDERS: {
  readonly [Id in keyof GatewayProviderSettings]-?: (
    settings: GatewayProviderSettings[Id],
    deps: ProviderDeps,
  ) => GatewayProvider;
} = {
  'sinch-sms': createSinchSmsProvider,
  'sinch-conversation': createSinchConversationProvider,
  'sinch-whatsapp': createSinchWhatsappProvider,
  kaleyra: createKaleyraProvider,
  msg91: createMsg91Provider,
  'sinch-sms-rest': createSinchSmsRestProvider,
};

/** Ids of the providers the gateway speaks. */
export type GatewayProviderId = keyof GatewayProviderSettings;

/** Builds every provider module with its settings. */
export function createGatewayProviders(
  settings: GatewayProviderSettings,
  deps: ProviderDeps,
): Map<string, GatewayProvider> {
  const out = new Map<string, GatewayProvider>();
  for (const id of Object.keys(GATEWAY_PROVIDERS) as GatewayProviderId[]) {
    out.set(id, GATEWAY_PROVIDERS[id](settings[id], deps));
  }
  return out;
}
