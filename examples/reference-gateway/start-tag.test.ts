import { describe, expect, it } from 'vitest';
import type { ProviderDeps, SendInput } from './providers/gateway-provider.js';
import { clevertapWhatsappMessageId } from './providers/clevertap-whatsapp-message-id.js';
import { GATEWAY_PROVIDERS } from './providers/index.js';
import { START_TAG_DIGITS, newStartTag } from './start-tag.js';

const AT = Date.UTC(2026, 0, 1, 12);

/** What a freshly started gateway gives a provider: the same instant, its own start tag. */
const depsOf = (startTag: string): ProviderDeps => ({
  baseUrl: () => 'http://127.0.0.1:1',
  defects: {},
  now: () => AT,
  requestTimeoutMs: 1000,
  startTag,
});

/** A send each module can plan (freeform text for the CleverTap WhatsApp modules). */
const INPUTS: Record<string, SendInput> = {
  'sinch-sms': { to: ['919800000001'], text: 'Your OTP is 1234', international: false },
  'sinch-conversation': { to: ['46700000011'], text: 'Hello', international: false },
  'sinch-sms-rest': { to: ['46700000011'], text: 'Hello', international: false },
  'sinch-whatsapp': { to: ['919800000001'], text: 'Hello', international: false },
  kaleyra: { to: ['919800000001'], text: 'Hello', international: false },
  msg91: { to: ['919800000001'], text: 'Hello', international: false },
};

/** The ids the first two sends of a fresh start of `provider` carry. */
function firstIds(provider: keyof typeof GATEWAY_PROVIDERS, startTag: string): string[] {
  const module = GATEWAY_PROVIDERS[provider](undefined, depsOf(startTag));
  const input = INPUTS[provider]!;
  return [...module.planRequests(input), ...module.planRequests(input)].map((r) => r.reference);
}

describe('start tags', () => {
  it('are six digits, drawn anew each time', () => {
    const tags = new Set(Array.from({ length: 50 }, () => newStartTag()));
    for (const tag of tags) expect(tag).toMatch(new RegExp(`^[1-9]\\d{${START_TAG_DIGITS - 1}}$`));
    expect(tags.size).toBeGreaterThan(40);
  });

  it.each(Object.keys(INPUTS) as (keyof typeof GATEWAY_PROVIDERS)[])(
    'give two starts of the %s module at the same instant ids that never meet',
    (provider) => {
      const before = firstIds(provider, '482193');
      const after = firstIds(provider, '730015');
      expect(new Set(before).size).toBe(2);
      expect(before.filter((id) => after.includes(id))).toEqual([]);
    },
  );

  it('give CleverTap WhatsApp msgIds in the documented i|campaignID|batchID|j form', () => {
    expect(clevertapWhatsappMessageId('1712345678', AT, 1, '482193')).toBe(
      '4821931|1712345678|20260101|4821931',
    );
  });
});
