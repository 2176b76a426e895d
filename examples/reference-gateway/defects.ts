/**
 * Switches that each make the reference gateway wrong in one specific way, so the contract suite
 * can prove that its cases fail against a wrong gateway. All are off by default.
 */
export interface GatewayDefects {
  /** Leaves the DLT template id (`dtm`) out of Sinch SMS sends. */
  dropDtm?: boolean;
  /** Sends Sinch SMS `contenttype` and `alert` as JSON numbers and `intflag` as a boolean, not strings. */
  numericFlags?: boolean;
  /** Reuses the first msgid for every Sinch SMS request, so DLRs can no longer be told apart. */
  reuseMsgid?: boolean;
  /** Sends all recipients of a send in one request, however many there are. */
  noBatchSplit?: boolean;
  /** Answers 500 to a DLR record it has already processed (a provider's retry). */
  failDuplicateDlr?: boolean;
  /** Answers 400 to a DLR whose records carry keys other than the documented ones. */
  rejectUnknownDlrKeys?: boolean;
  /** Answers 400 to any DLR that reports a failed message. */
  rejectFailedDlr?: boolean;
  /** Lets every DLR overwrite the status, so a late `delivered` turns a `failed` message back. */
  lastDlrWins?: boolean;
}

/** The name of one defect switch. */
export type GatewayDefectName = keyof GatewayDefects;

/** Every defect switch with a sentence saying what it breaks. */
export const GATEWAY_DEFECTS: Readonly<Record<GatewayDefectName, string>> = {
  dropDtm: 'omits the DLT template id (dtm) from domestic sends',
  numericFlags:
    'sends contenttype and alert as numbers and intflag as a boolean instead of strings',
  reuseMsgid: 'reuses one msgid for every request',
  noBatchSplit: 'sends more than 1,000 recipients in one request',
  failDuplicateDlr: 'answers 500 to a DLR record it has already processed',
  rejectUnknownDlrKeys: 'answers 400 to DLR records with undocumented keys',
  rejectFailedDlr: 'answers 400 to DLRs that report a failure',
  lastDlrWins: 'lets a late DLR overwrite a final status',
};
