import type { Diagnostic, ProviderContext, SimRequest } from '../../src/engine/provider-api.js';
import type { RequestTarget } from '../families/clevertap-whatsapp/accept.js';
import type { KaleyraSettings } from './settings.js';

/** The request headers that carry CleverTap's callback URLs, by the callback kind they route. */
export const CALLBACK_HEADERS = {
  dlr: 'delivery-report-callback-url',
  inbound: 'inbound-message-callback-url',
} as const;

const headerValue = (request: SimRequest, name: string): string | undefined => {
  const raw = request.headers[name];
  const value = Array.isArray(raw) ? raw[0] : raw;
  return value === undefined || value.trim() === '' ? undefined : value.trim();
};

/**
 * The callback URLs a send names in its headers: its DLRs go to `delivery-report-callback-url`
 * ("CleverTap callbacks are already configured in send message API request headers"). The engine
 * checks each against `callbacks.allowedHosts` before the send is accepted.
 * @see https://docs.clevertap.com/docs/kaleyra
 */
export function callbackHeaderTargets(request: SimRequest): RequestTarget[] {
  return Object.entries(CALLBACK_HEADERS).flatMap(([kind, name]) => {
    const url = headerValue(request, name);
    return url === undefined ? [] : [{ kind, pointer: `/headers/${name}`, url }];
  });
}

/**
 * With `callbackHeaders: required` (the default), a send without either callback header is refused
 * with 2004: Kaleyra would have nowhere to report on it.
 * @see https://docs.clevertap.com/docs/kaleyra
 */
export function callbackHeaderRules(
  request: SimRequest,
  context: ProviderContext<KaleyraSettings>,
): Diagnostic[] {
  if (context.settings.callbackHeaders !== 'required') return [];
  return Object.entries(CALLBACK_HEADERS)
    .filter(([, name]) => headerValue(request, name) === undefined)
    .map(([kind, name]) => ({
      pointer: `/headers/${name}`,
      keyword: 'callback-header',
      message: `/headers/${name} is required: Kaleyra sends this message's ${kind === 'dlr' ? 'delivery reports' : 'replies'} to the CleverTap URL it names (settings.callbackHeaders: optional falls back to the configured callback URL)`,
      severity: 'error' as const,
    }));
}
