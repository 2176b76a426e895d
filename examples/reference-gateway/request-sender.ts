import { ConcurrencyLimiter } from './concurrency-limiter.js';
import type { GatewayDefects } from './defects.js';
import type { PlannedRequest, ProviderAnswer } from './providers/gateway-provider.js';
import { delayBeforeRetry, type RetryPolicy } from './retry-policy.js';

/** What the core needs to send provider requests. */
export interface RequestSenderOptions {
  /** Most requests in flight to one provider at once. */
  concurrency: number;
  retry: RetryPolicy;
  defects: GatewayDefects;
  /** Waits `ms`; real timers by default. */
  sleep?: (ms: number) => Promise<void>;
}

/** One attempt of a request, for the message's history. */
export interface AttemptRecord {
  attempt: number;
  answer: ProviderAnswer;
  /** Wait before the next attempt, when there is one. */
  retryInMs?: number;
}

/**
 * Sends planned requests the way every provider module shares: at most `concurrency` in flight per
 * provider (a slot is held only while a request is out, not while waiting to retry), retrying
 * transport errors, 5xx and 429 with exponential backoff (longer when `Retry-After` asks), never a
 * business failure.
 */
export class RequestSender {
  private readonly limiters = new Map<string, ConcurrencyLimiter>();
  private readonly sleep: (ms: number) => Promise<void>;

  constructor(private readonly options: RequestSenderOptions) {
    this.sleep =
      options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, Math.max(0, ms))));
  }

  private limiter(providerId: string): ConcurrencyLimiter {
    let limiter = this.limiters.get(providerId);
    if (!limiter) {
      limiter = new ConcurrencyLimiter(
        this.options.defects.noConcurrencyLimit ? Infinity : this.options.concurrency,
      );
      this.limiters.set(providerId, limiter);
    }
    return limiter;
  }

  /** Sends `plan` to `providerId`, retrying as the policy says; resolves to the last answer. */
  async send(
    providerId: string,
    plan: PlannedRequest,
    onAttempt?: (record: AttemptRecord) => void,
  ): Promise<ProviderAnswer> {
    const limiter = this.limiter(providerId);
    for (let attempt = 1; ; attempt++) {
      const answer = await limiter.run(() => plan.execute());
      const wait = delayBeforeRetry(attempt, answer, this.options.retry, this.options.defects);
      onAttempt?.({ attempt, answer, ...(wait !== undefined && { retryInMs: wait }) });
      if (wait === undefined) return answer;
      await this.sleep(wait);
    }
  }
}
