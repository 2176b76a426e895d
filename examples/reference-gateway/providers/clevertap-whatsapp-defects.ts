/**
 * Switches that each make the gateway's CleverTap Generic WhatsApp integrations wrong in one way, so
 * the WhatsApp contract suites can prove each case able to fail. All are off by default; they are
 * set per provider: `providers: { kaleyra: { defects: { ... } } }`.
 */
export interface ClevertapWhatsappDefects {
  /** Sends `isTemplate` as the string "true"/"false" instead of a JSON boolean. */
  isTemplateAsString?: boolean;
  /** Leaves out one credential header (Sinch: `password`, Kaleyra: `sid`, MSG91: `Authkey`). */
  dropCredentialHeader?: boolean;
  /** Kaleyra: puts its DLR URL in `inbound-message-callback-url` and its inbound URL in `delivery-report-callback-url`. */
  swapCallbackHeaders?: boolean;
  /** Reuses the first msgId for every message, so DLRs can no longer be told apart. */
  reuseMsgId?: boolean;
  /** Answers 400 to click events (status `Clicked`). */
  rejectClickedStatus?: boolean;
  /** Reads an inbound file from a `file` key (the docs use `document`), answering 400 without it. */
  inboundFileUnderFileKey?: boolean;
  /** Answers 500 to a status it has already processed. */
  failDuplicateStatus?: boolean;
  /** Answers 400 to callbacks whose objects carry undocumented keys. */
  rejectUnknownKeys?: boolean;
  /** Reads only the first entry of `statuses`. */
  firstStatusOnly?: boolean;
  /** Drops a `read` for a message it has not seen delivered. */
  readNeedsDelivered?: boolean;
}

/** The name of one WhatsApp defect switch. */
export type ClevertapWhatsappDefectName = keyof ClevertapWhatsappDefects;

/** Every WhatsApp defect switch with a sentence saying what it breaks. */
export const CLEVERTAP_WHATSAPP_DEFECTS: Readonly<Record<ClevertapWhatsappDefectName, string>> = {
  isTemplateAsString: 'sends isTemplate as a string',
  dropCredentialHeader: 'leaves out one credential header',
  swapCallbackHeaders: 'swaps the Kaleyra DLR and inbound callback URL headers',
  reuseMsgId: 'reuses one msgId for every message',
  rejectClickedStatus: 'answers 400 to Clicked statuses',
  inboundFileUnderFileKey: 'reads inbound files from "file" instead of "document"',
  failDuplicateStatus: 'answers 500 to a status it already processed',
  rejectUnknownKeys: 'answers 400 to callbacks with undocumented keys',
  firstStatusOnly: 'reads only the first status of a DLR',
  readNeedsDelivered: 'drops a read that arrives before delivered',
};
