import { describe, expect, it } from 'vitest';
import { ConcurrencyLimiter } from './concurrency-limiter.js';
import type { PlannedRequest, ProviderAnswer } from './providers/gateway-provider.js';
import { retryAfterMs } from './provider-http.js';
import { RequestSender, type AttemptRecord } from './request-sender.js';
import { DEFAULT_RETRY_POLICY } from './retry-policy.js';

/** A planned request that answers from a script, one answer per attempt. */
function scripted(answers: ProviderAnswer[]): PlannedRequest & { calls: number } {
  const plan = {
    to: ['919800000001'],
    reference: 'm-1',
    calls: 0,
    execute: () => Promise.resolve(answers[Math.min(plan.calls++, answers.length - 1)]!),
  };
  return plan;
}

const serverError: ProviderAnswer = {
  accepted: false,
  code: '112',
  description: 'down',
  status: 500,
};

describe('ConcurrencyLimiter', () => {
  it('runs at most max tasks at once and starts the waiting ones in order', async () => {
    const limiter = new ConcurrencyLimiter(2);
    let peak = 0;
    const order: number[] = [];
    await Promise.all(
      [1, 2, 3, 4, 5].map((n) =>
        limiter.run(async () => {
          peak = Math.max(peak, limiter.active);
          order.push(n);
          await new Promise((resolve) => setTimeout(resolve, 5));
        }),
      ),
    );
    expect(peak).toBe(2);
    expect(order).toEqual([1, 2, 3, 4, 5]);
    expect(limiter.active).toBe(0);
  });

  it('refuses a limit below one', () => {
    expect(() => new ConcurrencyLimiter(0)).toThrow('concurrency must be at least 1; got 0');
  });
});

describe('RequestSender', () => {
  it('retries a server error after the policy waits, and stops at the first acceptance', async () => {
    const waits: number[] = [];
    const attempts: AttemptRecord[] = [];
    const sender = new RequestSender({
      concurrency: 1,
      retry: DEFAULT_RETRY_POLICY,
      defects: {},
      sleep: (ms) => (waits.push(ms), Promise.resolve()),
    });
    const plan = scripted([serverError, serverError, { accepted: true }]);
    expect(await sender.send('sinch-sms', plan, (a) => attempts.push(a))).toEqual({
      accepted: true,
    });
    expect(plan.calls).toBe(3);
    expect(waits).toEqual([200, 400]);
    expect(attempts.map((a) => a.retryInMs)).toEqual([200, 400, undefined]);
  });

  it('answers the last refusal once the attempts are used up, and never retries a business failure', async () => {
    const sender = new RequestSender({
      concurrency: 1,
      retry: { ...DEFAULT_RETRY_POLICY, maxAttempts: 2 },
      defects: {},
      sleep: () => Promise.resolve(),
    });
    const failing = scripted([serverError]);
    expect(await sender.send('sinch-sms', failing)).toEqual(serverError);
    expect(failing.calls).toBe(2);
    const business = scripted([
      { accepted: false, code: '103', description: 'bad number', status: 400 },
    ]);
    await sender.send('sinch-sms', business);
    expect(business.calls).toBe(1);
  });
});

describe('retryAfterMs', () => {
  it('reads seconds and HTTP dates, and nothing from a missing or bad header', () => {
    expect(retryAfterMs('2')).toBe(2000);
    expect(
      retryAfterMs('Wed, 21 Oct 2015 07:28:05 GMT', Date.parse('Wed, 21 Oct 2015 07:28:00 GMT')),
    ).toBe(5000);
    expect(retryAfterMs(null)).toBeUndefined();
    expect(retryAfterMs('soon')).toBeUndefined();
  });
});
