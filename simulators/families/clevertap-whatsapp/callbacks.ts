import type {
  CallbackEvent,
  CallbackKindDefinition,
  PreparedCallback,
  ProviderContext,
} from '../../../src/engine/provider-api.js';
import { CLICKED } from './lifecycle.js';
import type { ClevertapWhatsappSettings } from './settings.js';

/** The payload version CleverTap documents for its callbacks (a string, unlike in requests). */
export const CALLBACK_PAYLOAD_VERSION = '0.1';

/** Epoch seconds as CleverTap's WhatsApp callbacks write them: a 10-digit string. */
export const epochSecondsString = (atMs: number): string => String(Math.floor(atMs / 1000));

/** A short, stable link code for a clicked URL (the same message and URL give the same code). */
function shortCode(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return (h >>> 0).toString(36).padStart(7, '0');
}

/** One entry of `statuses`, built from one lifecycle event. */
function statusEntry(
  event: CallbackEvent,
  settings: ClevertapWhatsappSettings,
): Record<string, unknown> {
  const msgId = event.message.reference ?? event.message.id;
  const { step, at } = event;
  if (step.status === CLICKED) {
    const url = step.description ?? '';
    return {
      msgId,
      status: 'Clicked',
      ts: Math.floor(at / 1000),
      url,
      shortUrl: `${settings.clicks.shortUrlBase}${shortCode(`${msgId} ${url}`)}`,
      userAgent: settings.clicks.userAgent,
    };
  }
  const entry: Record<string, unknown> = {
    msgId,
    status: step.status,
    timestamp: epochSecondsString(at),
  };
  if (step.status === 'failed') {
    const code = step.code ?? '1009';
    entry.error = {
      code: settings.failureCode === 'number' ? Number(code) : code,
      title: step.description ?? '',
    };
  }
  return entry;
}

/**
 * The status (DLR) callback: `{"payloadVersion":"0.1","statuses":[...]}`, one entry per event, so
 * several statuses travel together when the provider's `callbackBatch` groups them.
 * @see https://docs.clevertap.com/docs/generic-whatsapp
 */
export function buildStatusCallback(
  events: readonly CallbackEvent[],
  context: ProviderContext<ClevertapWhatsappSettings>,
): PreparedCallback {
  return {
    body: {
      payloadVersion: CALLBACK_PAYLOAD_VERSION,
      statuses: events.map((e) => statusEntry(e, context.settings)),
    },
  };
}

/**
 * The inbound message callback: the body prepared by the inbound definition, stamped with the time
 * it went out. The format carries one message (the kind is declared `single`, so it is never grouped).
 * @see https://docs.clevertap.com/docs/generic-whatsapp
 */
export function buildInboundCallback(events: readonly CallbackEvent[]): PreparedCallback {
  const { message, at } = events[0]!;
  const prepared = (message.data as { body: Record<string, unknown> }).body;
  const { payloadVersion, from, wabaNumber, type, ...rest } = prepared;
  return {
    body: { payloadVersion, from, wabaNumber, timestamp: epochSecondsString(at), type, ...rest },
  };
}

/** The two callback kinds of a CleverTap Generic WhatsApp provider, validated against its schemas. */
export function clevertapWhatsappCallbacks<S extends ClevertapWhatsappSettings>(
  providerId: string,
): Record<string, CallbackKindDefinition<S>> {
  return {
    dlr: { build: buildStatusCallback, schema: `${providerId}/dlr-callback` },
    inbound: {
      build: buildInboundCallback,
      schema: `${providerId}/inbound-callback`,
      single: true,
    },
  };
}
