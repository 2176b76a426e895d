import { describe, expect, it } from 'vitest';
import { createRandom } from '../random.js';
import {
  classifyAttempt,
  CLEVERTAP_RETRY_POLICY,
  effectiveRetryPolicy,
  retryDelayMs,
  SINCH_RETRY_POLICY,
  type RetryPolicy,
} from './retry-policy.js';

describe('retry policy', () => {
  it('delivers on 2xx, retries on 5xx, 429 and transport errors, gives up on other 4xx', () => {
    expect([200, 204, 500, 503, 429, undefined, 400, 404].map(classifyAttempt)).toEqual([
      'delivered',
      'delivered',
      'retry',
      'retry',
      'retry',
      'retry',
      'give-up',
      'give-up',
    ]);
  });

  it('doubles the wait up to the cap, jittering only the configured fraction', () => {
    const policy: RetryPolicy = {
      maxAttempts: 10,
      initialDelayMs: 100,
      factor: 2,
      maxDelayMs: 500,
      jitter: 0,
    };
    const random = createRandom('r');
    expect([1, 2, 3, 4, 5].map((n) => retryDelayMs(policy, n, random))).toEqual([
      100, 200, 400, 500, 500,
    ]);
    const jittered = { ...policy, jitter: 0.5 };
    for (let i = 0; i < 100; i++) {
      const wait = retryDelayMs(jittered, 2, random);
      expect(wait).toBeGreaterThanOrEqual(100);
      expect(wait).toBeLessThanOrEqual(200);
    }
  });
});

describe('provider retry schedules', () => {
  const offsets = (policy: RetryPolicy): number[] => {
    const random = createRandom('schedule');
    let at = 0;
    return Array.from({ length: policy.maxAttempts - 1 }, (_, i) => {
      at += retryDelayMs(policy, i + 1, random);
      return at / 1000;
    });
  };

  it('retries Sinch callbacks 5 s after the first failure, then doubling, the last 81,920 s after it', () => {
    const schedule = offsets(SINCH_RETRY_POLICY);
    expect(schedule.slice(0, 5)).toEqual([5, 10, 20, 40, 80]);
    expect(schedule.at(-1)).toBe(81_920);
  });

  it('retries CleverTap-facing callbacks 10 minutes after a failure, doubling, five times', () => {
    expect(offsets(CLEVERTAP_RETRY_POLICY).map((s) => s / 60)).toEqual([10, 30, 70, 150, 310]);
  });

  it('lets a top-level config that shortens retries win over the provider schedule, and a provider config over both', () => {
    const engine: RetryPolicy = {
      maxAttempts: 5,
      initialDelayMs: 500,
      factor: 2,
      maxDelayMs: 30_000,
      jitter: 0.2,
    };
    expect(effectiveRetryPolicy(engine, SINCH_RETRY_POLICY, engine, undefined)).toEqual(
      SINCH_RETRY_POLICY,
    );
    expect(
      effectiveRetryPolicy(
        engine,
        SINCH_RETRY_POLICY,
        { ...engine, initialDelayMs: 10 },
        {
          maxAttempts: 2,
        },
      ),
    ).toEqual({ ...SINCH_RETRY_POLICY, initialDelayMs: 10, maxAttempts: 2 });
    expect(effectiveRetryPolicy(engine, undefined, engine, undefined)).toEqual(engine);
  });
});
