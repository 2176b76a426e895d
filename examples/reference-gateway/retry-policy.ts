import type { GatewayDefects } from './defects.js';
import type { ProviderAnswer } from './providers/gateway-provider.js';

/** How the gateway retries a provider request that failed for a passing reason. */
export interface RetryPolicy {
  /** Most attempts of one request, the first included. */
  maxAttempts: number;
  /** Wait before the first retry. */
  initialDelayMs: number;
  /** Each further wait is this many times the one before. */
  factor: number;
  /** Longest wait the gateway computes itself. */
  maxDelayMs: number;
  /** Longest `Retry-After` honoured; a provider asking for more is given up on. */
  maxRetryAfterMs: number;
}

/** Four attempts, waiting 200, 400 and 800 ms; `Retry-After` honoured up to a minute. */
export const DEFAULT_RETRY_POLICY: Readonly<RetryPolicy> = {
  maxAttempts: 4,
  initialDelayMs: 200,
  factor: 2,
  maxDelayMs: 5000,
  maxRetryAfterMs: 60_000,
};

/** Why a refused attempt may be tried again, or undefined when the refusal is final. */
export function transientReason(
  answer: ProviderAnswer,
  defects: GatewayDefects = {},
): 'transport' | 'server-error' | 'throttled' | 'business' | undefined {
  if (answer.accepted) return undefined;
  if (answer.transport) return defects.noRetryOnTimeout ? undefined : 'transport';
  if (answer.status === 429) return 'throttled';
  if (answer.status !== undefined && answer.status >= 500)
    return defects.noRetryOnServerError ? undefined : 'server-error';
  // Any other refusal (4xx, or a 2xx saying the message failed) is about the message itself.
  return defects.retryBusinessFailures ? 'business' : undefined;
}

/**
 * Milliseconds to wait before attempt `attempt + 1` after `answer` refused attempt `attempt`
 * (1-based): exponential backoff, or the provider's `Retry-After` when it asks for longer.
 * Undefined when the policy gives up.
 */
export function delayBeforeRetry(
  attempt: number,
  answer: ProviderAnswer,
  policy: RetryPolicy,
  defects: GatewayDefects = {},
): number | undefined {
  if (attempt >= policy.maxAttempts || transientReason(answer, defects) === undefined)
    return undefined;
  if (defects.retryWithoutBackoff) return 0;
  const backoff = Math.min(
    policy.maxDelayMs,
    policy.initialDelayMs * policy.factor ** (attempt - 1),
  );
  const asked = answer.accepted || defects.ignoreRetryAfter ? undefined : answer.retryAfterMs;
  if (asked === undefined) return backoff;
  if (asked > policy.maxRetryAfterMs) return undefined;
  return Math.max(backoff, asked);
}
