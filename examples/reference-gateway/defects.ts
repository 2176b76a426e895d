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
  /** Sends a wrong password, which the provider refuses. */
  wrongCredentials?: boolean;
  /** Forwards sends too big for one provider request instead of refusing them. */
  noSizeCheck?: boolean;
  /** Sends every request at once, however many, instead of at most `concurrency` per provider. */
  noConcurrencyLimit?: boolean;
  /** Gives up on the first 5xx answer instead of retrying. */
  noRetryOnServerError?: boolean;
  /** Gives up when the provider does not answer (timeouts, resets) instead of retrying. */
  noRetryOnTimeout?: boolean;
  /** Retries at once, without waiting between attempts. */
  retryWithoutBackoff?: boolean;
  /** Retries requests the provider refused as business failures (4xx). */
  retryBusinessFailures?: boolean;
  /** Retries a 429 after its own short backoff, ignoring `Retry-After`. */
  ignoreRetryAfter?: boolean;
  /** Takes `slowAnswerMs` (longer than a provider waits) to answer every callback. */
  slowCallbackAnswer?: boolean;
  /** Answers 400 to callbacks that carry a customer's message (a reply). */
  rejectInbound?: boolean;
  /** Answers 500 to callbacks holding text beyond ASCII, as an ASCII-only parser fails. */
  rejectNonAsciiCallbacks?: boolean;
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
  wrongCredentials: 'sends a password the provider refuses',
  noSizeCheck: 'forwards a message bigger than one provider request takes',
  noConcurrencyLimit: 'sends every request at once, ignoring its concurrency limit',
  noRetryOnServerError: 'gives up on the first 5xx answer',
  noRetryOnTimeout: 'gives up when the provider does not answer',
  retryWithoutBackoff: 'retries at once, without backing off',
  retryBusinessFailures: 'retries requests refused as business failures',
  ignoreRetryAfter: 'retries a 429 without waiting for Retry-After',
  slowCallbackAnswer: 'acknowledges callbacks later than the deadline',
  rejectInbound: 'answers 400 to inbound messages (replies)',
  rejectNonAsciiCallbacks: 'answers 500 to callbacks with text beyond ASCII',
};
