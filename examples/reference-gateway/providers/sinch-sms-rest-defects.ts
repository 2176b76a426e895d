/** Switches that each make the gateway's Sinch SMS REST module wrong in one way (all off by default). */
export interface SinchSmsRestDefects {
  /** Sends an API token the service plan does not have. */
  wrongToken?: boolean;
  /** Reuses the first client_reference for every batch. */
  reuseClientReference?: boolean;
  /** Sends all recipients in one batch, however many. */
  noBatchSplit?: boolean;
  /** Answers 400 to a delivery report carrying keys beyond the documented ones. */
  rejectUnknownReportKeys?: boolean;
  /** Spells `delivery_report` as `perRecipient`, which the API refuses. */
  misspeltDeliveryReport?: boolean;
  /** Reads an Aborted, Rejected or Expired report as delivered (only Failed as failed). */
  abortedAsDelivered?: boolean;
}

/** The name of one module defect switch. */
export type SinchSmsRestDefectName = keyof SinchSmsRestDefects;

/** Every module defect switch with a sentence saying what it breaks. */
export const SINCH_SMS_REST_DEFECTS: Readonly<Record<SinchSmsRestDefectName, string>> = {
  wrongToken: 'sends an API token the service plan does not have',
  reuseClientReference: 'reuses one client_reference for every batch',
  noBatchSplit: 'sends more than 1,000 recipients in one batch',
  rejectUnknownReportKeys: 'answers 400 to delivery reports with undocumented keys',
  misspeltDeliveryReport: 'sends delivery_report "perRecipient" instead of "per_recipient"',
  abortedAsDelivered: 'reads Aborted, Rejected and Expired reports as delivered',
};
