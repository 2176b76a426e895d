import type { ProviderContext } from '../../src/engine/provider-api.js';
import type { SinchConversationSettings } from './settings.js';

/**
 * How long WhatsApp's customer-service window stays open after the contact's last message.
 * @see https://developers.facebook.com/docs/whatsapp/pricing#customer-service-windows
 */
export const WHATSAPP_WINDOW_MS = 24 * 60 * 60 * 1000;

const windowKey = (appId: string, identity: string): string =>
  `whatsapp-window:${appId}:${identity.replace(/^\+/, '')}`;

/** Records that `identity` wrote to `appId` now: the customer-service window opens (or restarts). */
export function openWhatsAppWindow(
  context: ProviderContext<SinchConversationSettings>,
  appId: string,
  identity: string,
): void {
  context.store.set(windowKey(appId, identity), context.clock.now());
}

/**
 * Whether a freeform (non-template) WhatsApp message from `appId` may reach `identity` now: the
 * contact wrote within the last 24 h on the injected clock, or the check is off
 * (`settings.whatsappWindow: off`).
 */
export function whatsAppWindowOpen(
  context: ProviderContext<SinchConversationSettings>,
  appId: string,
  identity: string,
): boolean {
  if (context.settings.whatsappWindow === 'off') return true;
  const last = context.store.get(windowKey(appId, identity)) as number | undefined;
  return last !== undefined && context.clock.now() - last < WHATSAPP_WINDOW_MS;
}
