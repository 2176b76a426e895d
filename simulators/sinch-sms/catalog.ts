import type { ProviderCatalog } from '../../src/engine/provider-api.js';
import { SMS_FAILURE_CODES } from './dlr-codes.js';

/** What Sinch SMS reports (CleverTap Generic SMS events) and the replies the inbox can inject. */
export const SINCH_SMS_CATALOG: ProviderCatalog = {
  statuses: [
    { name: 'delivered', native: 'delivered', final: true, forcible: true },
    { name: 'failed', native: 'failed', final: true, forcible: true },
  ],
  failureCodes: Object.entries(SMS_FAILURE_CODES).map(([code, description]) => ({
    code,
    description,
    reportedIn: 'dlr',
  })),
  inboundForms: [
    {
      type: 'text',
      label: 'SMS reply',
      fields: [{ name: 'text', label: 'Message', kind: 'text', required: true }],
      body: { from: '{from}', text: '{text}' },
    },
  ],
};
