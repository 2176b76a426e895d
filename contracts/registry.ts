import type { ContractCase } from '../src/contracts/types.js';

/** Every provider's contract cases, by provider id, loaded on demand. */
export const CONTRACT_REGISTRY: Record<string, () => Promise<ContractCase[]>> = {
  'sinch-sms': async () => (await import('./sinch-sms.js')).sinchSmsContract,
  'sinch-whatsapp': async () => (await import('./sinch-whatsapp.js')).sinchWhatsappContract,
  kaleyra: async () => (await import('./kaleyra.js')).kaleyraContract,
  msg91: async () => (await import('./msg91.js')).msg91Contract,
  'sinch-conversation': async () =>
    (await import('./sinch-conversation.js')).sinchConversationContract,
  'sinch-sms-rest': async () => (await import('./sinch-sms-rest.js')).sinchSmsRestContract,
};

/** The contract cases of `provider`; an unknown id throws naming the known ones. */
export async function loadContract(provider: string): Promise<ContractCase[]> {
  const load = CONTRACT_REGISTRY[provider];
  if (!load) {
    throw new Error(
      `no contract cases for provider "${provider}"; known: ${Object.keys(CONTRACT_REGISTRY).join(', ')}`,
    );
  }
  return load();
}
