import { describe, expect, it } from 'vitest';
import { createRandom } from '../random.js';
import { classifyAttempt, retryDelayMs, type RetryPolicy } from './retry-policy.js';

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
