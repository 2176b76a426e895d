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
  /**
   * What the doubling delays count from: `previous-attempt` (default: retry n waits
   * `initialDelayMs * factor^(n-1)` after attempt n) or `first-failure` (retry n happens
   * `initialDelayMs * factor^(n-1)` after the first failed attempt, as Sinch publishes its schedule).
   */
  anchor?: 'previous-attempt' | 'first-failure';
}

/** Sinch's published callback schedule: 5 s after the first failure, then doubling, the last 81,920 s after it. */
export const SINCH_RETRY_POLICY: RetryPolicy = {
  maxAttempts: 16,
  initialDelayMs: 5_000,
  factor: 2,
  maxDelayMs: 81_920_000,
  jitter: 0,
  anchor: 'first-failure',
};

/**
 * CleverTap's guidance to providers: retry a 5xx after about 10 minutes with exponential backoff.
 * Bounded at 6 attempts: retries 10, 20, 40, 80 and 160 minutes apart (the last 5 h 10 min after
 * the first failure).
 */
export const CLEVERTAP_RETRY_POLICY: RetryPolicy = {
  maxAttempts: 6,
  initialDelayMs: 600_000,
  factor: 2,
  maxDelayMs: 9_600_000,
  jitter: 0,
};

/**
 * The policy a provider's callbacks use: the engine default, then the provider's own schedule,
 * then any field of the top-level `callbacks.retry` that differs from the engine default (so a
 * config that shortens retries for every provider still does), then `providers.<id>.retry`.
 */
export function effectiveRetryPolicy(
  engineDefault: RetryPolicy,
  providerDefault: RetryPolicy | undefined,
  configured: RetryPolicy,
  providerConfigured: Partial<RetryPolicy> | undefined,
): RetryPolicy {
  const changed = Object.fromEntries(
    Object.entries(configured).filter(
      ([key, value]) => engineDefault[key as keyof RetryPolicy] !== value,
    ),
  );
  return { ...engineDefault, ...providerDefault, ...changed, ...providerConfigured };
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
  const step = (n: number): number => policy.initialDelayMs * policy.factor ** (n - 1);
  const wait =
    policy.anchor === 'first-failure' && retry > 1 ? step(retry) - step(retry - 1) : step(retry);
  const base = Math.min(policy.maxDelayMs, wait);
  const jitterPart = base * policy.jitter;
  return Math.round(base - jitterPart + random.next() * jitterPart);
}
