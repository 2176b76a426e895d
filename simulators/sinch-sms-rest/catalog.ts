import type { ProviderCatalog } from '../../src/engine/provider-api.js';
import { REPORT_CODES } from './report-codes.js';

/**
 * What this provider reports and takes, in the shape of the engine's provider self-description
 * (`catalog`: statuses, failure codes, inbound forms), derived from the same code table the
 * lifecycle uses so the two cannot drift.
 */
export const SINCH_SMS_REST_CATALOG: ProviderCatalog = {
  statuses: [
    { name: 'dispatched', native: 'Dispatched', final: false, forcible: false },
    { name: 'delivered', native: 'Delivered', final: true, forcible: true },
    { name: 'aborted', native: 'Aborted', final: true, forcible: true },
    { name: 'rejected', native: 'Rejected', final: true, forcible: true },
    { name: 'failed', native: 'Failed', final: true, forcible: true },
    { name: 'expired', native: 'Expired', final: true, forcible: true },
    { name: 'received', native: 'mo_text', final: true, forcible: false },
  ],
  failureCodes: Object.entries(REPORT_CODES)
    .filter(([code]) => !['0', '400', '401'].includes(code))
    .map(([code, { status, description }]) => ({
      code,
      description: `${status}: ${description}`,
      reportedIn: 'recipient-dlr',
    })),
  inboundForms: [
    {
      type: 'text' as const,
      label: 'SMS reply',
      fields: [{ name: 'text', label: 'Text', kind: 'text' as const, required: true }],
      body: { from: '{from}', text: '{text}' },
    },
  ],
};
