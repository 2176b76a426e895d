import type { GatewayProvider, ProviderDeps } from './gateway-provider.js';
import { createSinchSmsProvider, type SinchSmsGatewaySettings } from './sinch-sms.js';

/** Per-provider settings a gateway may override, keyed by provider id. */
export interface GatewayProviderSettings {
  'sinch-sms'?: Partial<SinchSmsGatewaySettings>;
}

/** Every provider integration of the reference gateway, by id (one row per provider). */
export const GATEWAY_PROVIDERS: {
  readonly [Id in keyof GatewayProviderSettings]-?: (
    settings: GatewayProviderSettings[Id],
    deps: ProviderDeps,
  ) => GatewayProvider;
} = {
  'sinch-sms': createSinchSmsProvider,
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
