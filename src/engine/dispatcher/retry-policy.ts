import type { Random } from '../random.js';

/** How the dispatcher retries a callback the gateway did not take. */
export interface RetryPolicy {
  /** Attempts in all, the first included (1 = never retry). */
  maxAttempts: number;
  /** Delay before the first retry. */
  initialDelayMs: number;
  /** Each retry waits this many times longer than the one before. */
  factor: number;
  /** Upper bound of one wait. */
  maxDelayMs: number;
  /** Fraction of each wait drawn at random (0 = exact schedule, 1 = full jitter). */
  jitter: number;
}

/** Defaults: Sinch's doubling schedule shape, compressed for a sandbox (0.5 s, 1 s, 2 s, ...). */
export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  maxAttempts: 5,
  initialDelayMs: 500,
  factor: 2,
  maxDelayMs: 30_000,
  jitter: 0.2,
};

/** What to do after an attempt. */
export type AttemptVerdict = 'delivered' | 'retry' | 'give-up';

/** 2xx delivers; 5xx, 429 and transport errors are retried; any other status is final. */
export function classifyAttempt(status: number | undefined): AttemptVerdict {
  if (status === undefined) return 'retry';
  if (status >= 200 && status < 300) return 'delivered';
  if (status === 429 || status >= 500) return 'retry';
  return 'give-up';
}

/** The wait before retry number `retry` (1-based), with jitter drawn from `random`. */
export function retryDelayMs(policy: RetryPolicy, retry: number, random: Random): number {
  const base = Math.min(policy.maxDelayMs, policy.initialDelayMs * policy.factor ** (retry - 1));
  const jitterPart = base * policy.jitter;
  return Math.round(base - jitterPart + random.next() * jitterPart);
}
