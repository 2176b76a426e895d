import type { MagicNumber } from '../../src/engine/provider-api.js';
import { outcomeFor } from './delivery-plan.js';
import type { SinchConversationSettings } from './settings.js';

/** A Swedish test number (the reference's examples use +46 7000...) ending in `suffix`. */
const numberEnding = (suffix: string): string =>
  `46700000000`.slice(0, Math.max(0, 11 - suffix.length)) + suffix;

/** What happens to `number` on WhatsApp and on RCS, in words. */
function describeOutcome(number: string, settings: SinchConversationSettings): string {
  const said = (['WHATSAPP', 'RCS'] as const).map((channel) => {
    const { outcome, reason } = outcomeFor(number, channel, settings.outcomes);
    return outcome === 'failed' ? `failed ${reason ?? 'UNKNOWN'}` : outcome;
  });
  return said[0] === said[1] ? said[0]! : `WhatsApp: ${said[0]!}; RCS: ${said[1]!}`;
}

/**
 * Recipient identities with a fixed outcome under the outcome rules: one that is delivered, and
 * one per rule written as a digit suffix (`0400$`).
 */
export function sinchConversationMagicNumbers(settings: SinchConversationSettings): MagicNumber[] {
  const suffixes = settings.outcomes.flatMap((rule) => {
    const suffix = /^(\d+)\$$/.exec(rule.identity)?.[1];
    return suffix === undefined ? [] : [suffix];
  });
  const numbers = [...new Set(['46700000001', ...suffixes.map(numberEnding)])];
  return numbers.map((number) => ({ number, outcome: describeOutcome(number, settings) }));
}
