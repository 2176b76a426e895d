import { describe, expect, it } from 'vitest';
import type { ProviderAnswer } from './providers/gateway-provider.js';
import { DEFAULT_RETRY_POLICY, delayBeforeRetry, transientReason } from './retry-policy.js';

const refusal = (extra: Partial<Extract<ProviderAnswer, { accepted: false }>>): ProviderAnswer => ({
  accepted: false,
  code: 'x',
  description: 'refused',
  ...extra,
});
const policy = { ...DEFAULT_RETRY_POLICY, initialDelayMs: 100, maxDelayMs: 1000 };

describe('retry policy', () => {
  it('retries transport errors, 5xx and 429, and nothing else', () => {
    expect(transientReason(refusal({ transport: true }))).toBe('transport');
    expect(transientReason(refusal({ status: 503 }))).toBe('server-error');
    expect(transientReason(refusal({ status: 429 }))).toBe('throttled');
    expect(transientReason(refusal({ status: 400 }))).toBeUndefined();
    expect(transientReason(refusal({ status: 200 }))).toBeUndefined();
    expect(transientReason(refusal({}))).toBeUndefined();
    expect(transientReason({ accepted: true })).toBeUndefined();
  });

  it('backs off exponentially up to the cap, and gives up after the last attempt', () => {
    const answer = refusal({ status: 500 });
    expect(
      [1, 2, 3, 4, 5].map((n) => delayBeforeRetry(n, answer, { ...policy, maxAttempts: 6 })),
    ).toEqual([100, 200, 400, 800, 1000]);
    expect(delayBeforeRetry(4, answer, { ...policy, maxAttempts: 4 })).toBeUndefined();
  });

  it('waits at least what Retry-After asks, and gives up when it asks for more than the policy allows', () => {
    expect(delayBeforeRetry(1, refusal({ status: 429, retryAfterMs: 1000 }), policy)).toBe(1000);
    expect(delayBeforeRetry(1, refusal({ status: 429, retryAfterMs: 10 }), policy)).toBe(100);
    expect(
      delayBeforeRetry(1, refusal({ status: 429, retryAfterMs: 120_000 }), policy),
    ).toBeUndefined();
  });

  it('turns each retry defect into its wrong behaviour', () => {
    expect(
      delayBeforeRetry(1, refusal({ status: 500 }), policy, { noRetryOnServerError: true }),
    ).toBeUndefined();
    expect(
      delayBeforeRetry(1, refusal({ transport: true }), policy, { noRetryOnTimeout: true }),
    ).toBeUndefined();
    expect(
      delayBeforeRetry(1, refusal({ status: 500 }), policy, { retryWithoutBackoff: true }),
    ).toBe(0);
    expect(
      delayBeforeRetry(1, refusal({ status: 400 }), policy, { retryBusinessFailures: true }),
    ).toBe(100);
    expect(
      delayBeforeRetry(1, refusal({ status: 429, retryAfterMs: 1000 }), policy, {
        ignoreRetryAfter: true,
      }),
    ).toBe(100);
  });
});
