import type { ProviderContext } from '../../src/engine/provider-api.js';
import type { InboundProblem, InboundRoute } from '../families/clevertap-whatsapp/inbound.js';
import { normalizeNumber } from '../families/clevertap-whatsapp/phone-numbers.js';
import type { KaleyraSettings } from './settings.js';

/** Store key of the latest `inbound-message-callback-url` a send from `wabaNumber` carried. */
export const inboundHeaderKey = (wabaNumber: string): string =>
  `inbound-header:${normalizeNumber(wabaNumber)}`;

/** The target and payload version a Kaleyra "Incoming URL" carries in its query, or why it carries none. */
export function readIncomingUrl(url: string, pointer: string): InboundRoute | InboundProblem {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return { error: `${pointer} "${url}" is not a URL`, pointer };
  }
  const target = parsed.searchParams.get('inbound_message_callback_url');
  if (!target || !/^https?:\/\//.test(target)) {
    return {
      error: `${pointer} "${url}" has no inbound_message_callback_url query parameter with an http(s) URL (CleverTap's Inbound Message Callback URL)`,
      pointer,
    };
  }
  const payloadVersion = parsed.searchParams.get('payload_version');
  return { target, ...(payloadVersion && { payloadVersion }) };
}

/**
 * Where a Kaleyra inbound message goes: the `incomingUrl` of the input, else the Incoming URL
 * configured for the business number (its `inbound_message_callback_url` and `payload_version`
 * query parameters), else the `inbound-message-callback-url` header of the latest send from that
 * number, else the configured callback URL.
 * @see https://docs.clevertap.com/docs/kaleyra
 */
export function kaleyraInboundRoute(
  input: Record<string, unknown>,
  wabaNumber: string,
  context: ProviderContext<KaleyraSettings>,
): InboundRoute | InboundProblem {
  if (typeof input.incomingUrl === 'string')
    return readIncomingUrl(input.incomingUrl, '/incomingUrl');
  const configured = Object.entries(context.settings.incomingUrls).find(
    ([number]) => normalizeNumber(number) === wabaNumber,
  );
  if (configured) {
    const route = readIncomingUrl(configured[1], `settings.incomingUrls.${configured[0]}`);
    return 'error' in route ? { ...route, pointer: '/wabaNumber' } : route;
  }
  const header = context.store.get(inboundHeaderKey(wabaNumber));
  return typeof header === 'string' ? { target: header } : {};
}
