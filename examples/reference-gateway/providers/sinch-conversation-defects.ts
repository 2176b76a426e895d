/**
 * Switches that each make the gateway's Sinch Conversation integration wrong in one way, so the
 * contract suite can prove each of its cases able to fail. All are off by default; they are set in
 * the provider's settings: `providers: { 'sinch-conversation': { defects: { ... } } }`.
 */
export interface SinchConversationDefects {
  /** Sends `appId`, `messageMetadata` and `correlationId` in camelCase instead of snake_case. */
  camelCaseFields?: boolean;
  /** Sends WhatsApp template language codes in the dashed form (`en-US`). */
  dashedLanguageCode?: boolean;
  /** Authenticates API calls with Basic key credentials instead of a bearer token. */
  basicAuth?: boolean;
  /** Sends the access token alone in Authorization, without the `Bearer` scheme. */
  bareAccessToken?: boolean;
  /** Fetches a new access token for every send instead of reusing it. */
  tokenPerSend?: boolean;
  /** Gives up on a 401 that says the token expired, instead of refreshing it and retrying. */
  noTokenRefresh?: boolean;
  /** Sends all recipients of a send in one messages:send, as channel identities of one contact. */
  recipientsAsIdentities?: boolean;
  /** Takes callbacks without checking their signature. */
  skipSignatureCheck?: boolean;
  /** Takes a correctly signed callback whose nonce it already accepted (no replay check). */
  acceptReplayedNonce?: boolean;
  /** Answers 400 to callbacks with a key it has no field for, anywhere in the body (a strict reader). */
  rejectUnknownKeys?: boolean;
  /** Answers 400 to delivery statuses other than DELIVERED, READ and FAILED. */
  rejectUnknownStatuses?: boolean;
  /** Answers 400 to inbound messages other than text. */
  textInboundOnly?: boolean;
  /** Answers 500 to a delivery report it has already processed. */
  failDuplicateReport?: boolean;
  /** Answers 400 to READ for a message it has not seen DELIVERED. */
  rejectReadBeforeDelivered?: boolean;
}

/** The name of one Sinch Conversation defect switch. */
export type SinchConversationDefectName = keyof SinchConversationDefects;

/** Every Sinch Conversation defect switch with a sentence saying what it breaks. */
export const SINCH_CONVERSATION_DEFECTS: Readonly<Record<SinchConversationDefectName, string>> = {
  camelCaseFields: 'sends appId, messageMetadata and correlationId in camelCase',
  dashedLanguageCode: 'sends WhatsApp template language codes as en-US',
  basicAuth: 'calls the API with Basic credentials instead of a bearer token',
  bareAccessToken: 'sends Authorization: <token> without the Bearer scheme',
  tokenPerSend: 'fetches a new access token for every send',
  noTokenRefresh: 'gives up on a 401 saying the token expired',
  recipientsAsIdentities: 'sends all recipients of a send in one messages:send as one contact',
  skipSignatureCheck: 'accepts callbacks without checking their signature',
  acceptReplayedNonce: 'accepts a signed callback replayed with a nonce it already accepted',
  rejectUnknownKeys: 'answers 400 to callbacks with undocumented keys',
  rejectUnknownStatuses: 'answers 400 to QUEUED_ON_CHANNEL and SWITCHING_CHANNEL reports',
  textInboundOnly: 'answers 400 to inbound media, location and choice responses',
  failDuplicateReport: 'answers 500 to a delivery report it already processed',
  rejectReadBeforeDelivered: 'answers 400 to READ before DELIVERED',
};
