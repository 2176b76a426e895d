import type { ProviderContext } from '../../../src/engine/provider-api.js';
import { normalizeNumber } from './phone-numbers.js';
import type { ClevertapWhatsappSettings } from './settings.js';

const key = (wabaNumber: string, customer: string): string =>
  `session:${normalizeNumber(wabaNumber)}:${normalizeNumber(customer)}`;

/** Records that `customer` wrote to `wabaNumber` now (injected clock): the 24-hour window opens. */
export function openSession(
  context: ProviderContext<ClevertapWhatsappSettings>,
  wabaNumber: string,
  customer: string,
): void {
  context.store.set(key(wabaNumber, customer), context.clock.now());
}

/**
 * Whether a freeform message from `wabaNumber` to `customer` is inside the customer service window:
 * the customer wrote within `settings.sessionWindow.hours` (24 by WhatsApp's rule, code 1008 outside).
 * @see https://docs.clevertap.com/docs/generic-whatsapp
 */
export function sessionIsOpen(
  context: ProviderContext<ClevertapWhatsappSettings>,
  wabaNumber: string,
  customer: string,
): boolean {
  const { hours, enforce } = context.settings.sessionWindow;
  if (!enforce) return true;
  const last = context.store.get(key(wabaNumber, customer));
  return typeof last === 'number' && context.clock.now() - last < hours * 3_600_000;
}
