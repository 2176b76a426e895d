import { randomInt } from 'node:crypto';

/** How many digits a start tag has (fixed, so a tag followed by a sequence reads unambiguously). */
export const START_TAG_DIGITS = 6;

/**
 * A number of `START_TAG_DIGITS` digits drawn anew each time a gateway starts. Every id the
 * gateway sends to a provider (CleverTap msgIds, Conversation API correlation ids, client
 * references) carries it beside its sequence, so a restarted gateway never reuses an id a
 * provider, or a simulator that kept running, already knows. Digits only: CleverTap's msgIds are.
 */
export function newStartTag(): string {
  return String(randomInt(10 ** (START_TAG_DIGITS - 1), 10 ** START_TAG_DIGITS));
}
