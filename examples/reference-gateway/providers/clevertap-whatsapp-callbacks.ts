import type { ClevertapWhatsappDefects } from './clevertap-whatsapp-defects.js';
import type { DeliveryReport, ParsedCallback, UnprocessedRecord } from './gateway-provider.js';

/** Keys CleverTap documents on the status callback and on each status (both payload spellings). */
const STATUS_CALLBACK_KEYS = new Set(['payloadVersion', 'paytloadVersion', 'statuses']);
const STATUS_KEYS = new Set([
  'msgId',
  'status',
  'timestamp',
  'error',
  'ts',
  'url',
  'shortUrl',
  'userAgent',
]);

/** Keys CleverTap documents on an inbound message, and its content key per `type`. */
const INBOUND_KEYS = new Set([
  'payloadVersion',
  'payloadversion',
  'from',
  'wabaNumber',
  'timestamp',
  'type',
  'context',
  'text',
  'image',
  'video',
  'audio',
  'document',
  'file',
  'location',
  'button',
]);
const CONTENT_KEY: Record<string, string> = {
  text: 'text',
  image: 'image',
  video: 'video',
  audio: 'audio',
  voice: 'audio',
  file: 'document',
  location: 'location',
  button: 'button',
};

const isObject = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === 'object' && !Array.isArray(value);

const unknownKeys = (value: Record<string, unknown>, known: ReadonlySet<string>): string[] =>
  Object.keys(value).filter((k) => !known.has(k));

/** What a WhatsApp status means for the gateway's message: read implies delivered. */
function outcomeOf(status: string): 'delivered' | 'failed' | undefined {
  if (status === 'delivered' || status === 'read') return 'delivered';
  if (status === 'failed') return 'failed';
  return undefined;
}

/** Remembers what a module's callbacks have already reported, for its defects. */
export interface CallbackMemory {
  /** Keys of statuses processed (only the failDuplicateStatus defect needs them). */
  processed: Set<string>;
  /** msgIds reported delivered (only the readNeedsDelivered defect needs them). */
  delivered: Set<string>;
}

/**
 * Reads a CleverTap Generic WhatsApp status callback: every entry of `statuses`, `read` counting as
 * delivered. Unknown statuses are acknowledged and recorded without changing the message; entries
 * that break the format are listed as unprocessed.
 * @see https://docs.clevertap.com/docs/generic-whatsapp
 */
export function parseStatusCallback(
  body: unknown,
  defects: ClevertapWhatsappDefects,
  memory: CallbackMemory,
): ParsedCallback {
  if (!isObject(body) || !Array.isArray(body.statuses) || body.statuses.length === 0) {
    return {
      ok: false,
      status: 400,
      error: 'body must be an object with a non-empty statuses array',
    };
  }
  if (defects.rejectUnknownKeys && unknownKeys(body, STATUS_CALLBACK_KEYS).length > 0) {
    return {
      ok: false,
      status: 400,
      error: `undocumented key(s): ${unknownKeys(body, STATUS_CALLBACK_KEYS).join(', ')}`,
    };
  }
  const entries = (
    defects.firstStatusOnly ? body.statuses.slice(0, 1) : body.statuses
  ) as unknown[];
  const reports: DeliveryReport[] = [];
  const unprocessed: UnprocessedRecord[] = [];
  for (const [i, entry] of entries.entries()) {
    const pointer = `/statuses/${i}`;
    if (!isObject(entry) || typeof entry.msgId !== 'string' || entry.msgId === '') {
      unprocessed.push({
        code: 400,
        error: `${pointer}/msgId must be a non-empty string`,
        record: entry,
      });
      continue;
    }
    if (typeof entry.status !== 'string') {
      unprocessed.push({ code: 400, error: `${pointer}/status must be a string`, record: entry });
      continue;
    }
    if (defects.rejectUnknownKeys && unknownKeys(entry, STATUS_KEYS).length > 0) {
      return {
        ok: false,
        status: 400,
        error: `${pointer} has undocumented key(s): ${unknownKeys(entry, STATUS_KEYS).join(', ')}`,
      };
    }
    if (defects.rejectClickedStatus && entry.status.toLowerCase() === 'clicked') {
      return {
        ok: false,
        status: 400,
        error: `${pointer}/status "${entry.status}" is not supported`,
      };
    }
    const error = isObject(entry.error) ? entry.error : undefined;
    if (entry.status === 'failed' && error?.code === undefined) {
      unprocessed.push({
        code: 400,
        error: `${pointer}/error/code is required for failed`,
        record: entry,
      });
      continue;
    }
    const key = JSON.stringify([entry.msgId, entry.status, entry.timestamp ?? entry.ts ?? null]);
    if (defects.failDuplicateStatus && memory.processed.has(key)) {
      return { ok: false, status: 500, error: `${pointer} was already processed` };
    }
    if (
      defects.readNeedsDelivered &&
      entry.status === 'read' &&
      !memory.delivered.has(entry.msgId)
    ) {
      continue;
    }
    if (defects.failDuplicateStatus) memory.processed.add(key);
    if (defects.readNeedsDelivered && entry.status === 'delivered')
      memory.delivered.add(entry.msgId);
    const outcome = outcomeOf(entry.status);
    reports.push({
      reference: entry.msgId,
      event: entry.status,
      ...(outcome && { outcome }),
      ...((typeof error?.code === 'number' || typeof error?.code === 'string') && {
        code: String(error.code),
      }),
      ...(typeof error?.title === 'string' && { description: error.title }),
      key,
      group: entry,
    });
  }
  return { ok: true, reports, unprocessed };
}

/**
 * Reads a CleverTap Generic WhatsApp inbound message: the content sits under the key its `type`
 * names (a file under `document`). A reply (with `context.id`) is recorded on the message it
 * answers; other messages are acknowledged.
 * @see https://docs.clevertap.com/docs/generic-whatsapp
 */
export function parseInboundCallback(
  body: unknown,
  defects: ClevertapWhatsappDefects,
): ParsedCallback {
  if (!isObject(body) || typeof body.type !== 'string' || typeof body.from !== 'string') {
    return { ok: false, status: 400, error: 'body must be an object with from and type strings' };
  }
  if (defects.rejectUnknownKeys && unknownKeys(body, INBOUND_KEYS).length > 0) {
    return {
      ok: false,
      status: 400,
      error: `undocumented key(s): ${unknownKeys(body, INBOUND_KEYS).join(', ')}`,
    };
  }
  const key =
    body.type === 'file' && defects.inboundFileUnderFileKey ? 'file' : CONTENT_KEY[body.type];
  if (key !== undefined && !isObject(body[key])) {
    return {
      ok: false,
      status: 400,
      error: `/${key} must be an object for a ${body.type} message`,
    };
  }
  const context = isObject(body.context) ? body.context : undefined;
  if (typeof context?.id !== 'string') return { ok: true, reports: [], unprocessed: [] };
  return {
    ok: true,
    reports: [
      {
        reference: context.id,
        event: `reply (${body.type})`,
        inbound: true,
        key: JSON.stringify([context.id, body.from, body.timestamp ?? null, body.type]),
        group: body,
      },
    ],
    unprocessed: [],
  };
}
