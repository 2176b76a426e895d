/** A delivery report status as the API spells it. */
export type SinchSmsRestStatus =
  'Queued' | 'Dispatched' | 'Aborted' | 'Rejected' | 'Delivered' | 'Failed' | 'Expired' | 'Unknown';

/** A delivery report code with the status it goes with and what it means. */
export interface ReportCode {
  status: SinchSmsRestStatus;
  description: string;
}

/**
 * Delivery report codes: 0 is the SMPP code for delivered; 400-412 are the REST API's own codes.
 * Queued (400) and Dispatched (401) are intermediate and never sent as callbacks.
 * @see https://developers.sinch.com/docs/sms/api-reference/status-codes
 */
export const REPORT_CODES: Readonly<Record<string, ReportCode>> = {
  '0': { status: 'Delivered', description: 'Delivered to the handset' },
  '400': { status: 'Queued', description: 'Queued: the message is waiting to be dispatched' },
  '401': { status: 'Dispatched', description: 'Dispatched to the operator' },
  '402': { status: 'Aborted', description: 'Unroutable: no route to the recipient' },
  '403': { status: 'Aborted', description: 'Internal error' },
  '404': { status: 'Aborted', description: 'Temporary failure' },
  '405': {
    status: 'Failed',
    description: 'Unmatched parameter: a ${parameter} had no value and no default',
  },
  '406': { status: 'Expired', description: 'Internal expiry: not delivered before expire_at' },
  '407': { status: 'Aborted', description: 'Cancelled: the batch was cancelled' },
  '408': { status: 'Rejected', description: 'Internal reject' },
  '410': { status: 'Failed', description: 'Unmatched default originator' },
  '411': { status: 'Failed', description: 'Exceeded parts limit (max_number_of_message_parts)' },
  '412': { status: 'Rejected', description: 'Unprovisioned region' },
};

/** Codes a recipient can end with: everything but the intermediate Queued and Dispatched. */
export const FINAL_CODES: readonly string[] = Object.keys(REPORT_CODES).filter(
  (code) => code !== '400' && code !== '401',
);

/** The status and meaning of `code` (unknown codes are reported as `Failed`, as an SMPP error would be). */
export function reportCode(code: string): ReportCode {
  return REPORT_CODES[code] ?? { status: 'Failed', description: `Operator error code ${code}` };
}
