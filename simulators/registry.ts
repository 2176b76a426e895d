import type { AnyProviderDefinition } from '../src/engine/provider-api.js';

/** Every provider, by id, loaded on demand. */
export const PROVIDER_REGISTRY: Record<string, () => Promise<AnyProviderDefinition>> = {
  'sinch-sms': async () => (await import('./sinch-sms/index.js')).sinchSms,
  'sinch-whatsapp': async () => (await import('./sinch-whatsapp/index.js')).sinchWhatsapp,
  kaleyra: async () => (await import('./kaleyra/index.js')).kaleyra,
  msg91: async () => (await import('./msg91/index.js')).msg91,
  'sinch-conversation': async () =>
    (await import('./sinch-conversation/index.js')).sinchConversation,
  'sinch-sms-rest': async () => (await import('./sinch-sms-rest/index.js')).sinchSmsRest,
};

/** Loads the definitions of `ids` (all by default); an unknown id throws naming the known ones. */
export async function loadProviders(
  ids: readonly string[] = Object.keys(PROVIDER_REGISTRY),
): Promise<AnyProviderDefinition[]> {
  return Promise.all(
    ids.map((id) => {
      const load = PROVIDER_REGISTRY[id];
      if (!load)
        throw new Error(
          `unknown provider "${id}"; known: ${Object.keys(PROVIDER_REGISTRY).join(', ')}`,
        );
      return load();
    }),
  );
}
