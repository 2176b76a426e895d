/**
 * Every key the Conversation API documents in MESSAGE_DELIVERY and MESSAGE_INBOUND callbacks, at
 * any depth (a WhatsApp Flow reply's `nfm_reply` included). Only the rejectUnknownKeys defect reads
 * it: a correct receiver ignores keys it does not know, as Sinch and WhatsApp add fields over time.
 * @see https://developers.sinch.com/docs/conversation/callbacks
 */
const DOCUMENTED_KEYS: ReadonlySet<string> = new Set([
  // Common to every callback.
  'app_id',
  'project_id',
  'accepted_time',
  'event_time',
  'message_metadata',
  'correlation_id',
  // message_delivery_report, channel_identity and reason.
  'message_delivery_report',
  'message_id',
  'conversation_id',
  'status',
  'channel_identity',
  'channel',
  'identity',
  'contact_id',
  'reason',
  'code',
  'description',
  'sub_code',
  'metadata',
  'processing_mode',
  // message and its contact_message kinds.
  'message',
  'id',
  'direction',
  'contact_message',
  'accept_time',
  'sender_id',
  'injected',
  'reply_to',
  'text_message',
  'text',
  'media_message',
  'url',
  'thumbnail_url',
  'filename_override',
  'media_card_message',
  'caption',
  'location_message',
  'coordinates',
  'latitude',
  'longitude',
  'title',
  'label',
  'choice_response_message',
  'postback_data',
  'fallback_message',
  'raw_message',
  'product_response_message',
  'products',
  'catalog_id',
  'marketplace',
  'quantity',
  'item_price',
  'currency',
  'channel_specific_message',
  'message_type',
  'type',
  'nfm_reply',
  'name',
  'response_json',
  'body',
]);

/** JSON pointers of the keys in `value`, at any depth, that no Conversation callback documents. */
export function undocumentedKeys(value: unknown, pointer = ''): string[] {
  if (Array.isArray(value))
    return value.flatMap((item, i) => undocumentedKeys(item, `${pointer}/${i}`));
  if (value === null || typeof value !== 'object') return [];
  return Object.entries(value).flatMap(([key, child]) => [
    ...(DOCUMENTED_KEYS.has(key) ? [] : [`${pointer}/${key}`]),
    ...undocumentedKeys(child, `${pointer}/${key}`),
  ]);
}
