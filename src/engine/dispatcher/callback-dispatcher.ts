import type { Clock } from '../clock.js';
import type { Random } from '../random.js';
import type { Scheduler } from '../scheduler.js';
import { HttpPoster } from './http-poster.js';
import {
  classifyAttempt,
  retryDelayMs,
  type AttemptVerdict,
  type RetryPolicy,
} from './retry-policy.js';

/** One callback request to deliver. */
export interface CallbackJob {
  id: string;
  provider: string;
  kind: string;
  target: string;
  /** The body as parsed data, for the journal. */
  body: unknown;
  /** The exact bytes sent (signatures are computed over them). */
  payload: string;
  headers: Record<string, string>;
  /** Journal entries this callback reports on (one per grouped message origin). */
  serveEventIds: readonly string[];
  /** Provider ids of the messages this callback reports on. */
  messageIds: readonly string[];
  retryPolicy: RetryPolicy;
}

/** What happened on one attempt, reported to the journal. */
export interface AttemptReport {
  job: CallbackJob;
  attempt: number;
  /** Epoch ms (injected clock) when the attempt started. */
  at: number;
  status?: number;
  error?: string;
  answer?: string;
  durationMs: number;
  verdict: AttemptVerdict;
  /** Wait before the next attempt, when one is scheduled. */
  nextAttemptInMs?: number;
}

/** Dispatcher options. */
export interface DispatcherOptions {
  clock: Clock;
  random: Random;
  scheduler: Scheduler;
  timeoutMs: number;
  onAttempt(report: AttemptReport): void;
}

/** Delivers callbacks over keep-alive connections, retrying with backoff; never throws to its caller. */
export class CallbackDispatcher {
  private readonly poster: HttpPoster;
  private readonly inFlight = new Set<Promise<void>>();
  private waiting = 0;
  private draining = false;
  private undeliveredCount = 0;

  constructor(private readonly options: DispatcherOptions) {
    this.poster = new HttpPoster(options.timeoutMs);
  }

  /** Jobs posting now or waiting to retry. */
  get pending(): number {
    return this.inFlight.size + this.waiting;
  }

  /** Jobs that were given up on (final non-2xx, attempts exhausted). */
  get undelivered(): number {
    return this.undeliveredCount;
  }

  /** Starts delivering `job` now; the result only ever reaches the journal. */
  dispatch(job: CallbackJob): void {
    this.attempt(job, job.payload, 1);
  }

  private attempt(job: CallbackJob, payload: string, attempt: number): void {
    const at = this.options.clock.now();
    const run = this.poster.post(job.target, payload, job.headers).then((result) => {
      let verdict = classifyAttempt(result.status);
      const finalAttempt = attempt >= job.retryPolicy.maxAttempts || this.draining;
      if (verdict === 'retry' && finalAttempt) verdict = 'give-up';
      const report: AttemptReport = { job, attempt, at, ...result, answer: result.body, verdict };
      if (verdict === 'retry') {
        const wait = retryDelayMs(job.retryPolicy, attempt, this.options.random);
        report.nextAttemptInMs = wait;
        this.waiting++;
        this.options.scheduler.after(wait, () => {
          this.waiting--;
          this.attempt(job, payload, attempt + 1);
        });
      } else if (verdict === 'give-up') {
        this.undeliveredCount++;
      }
      this.options.onAttempt(report);
    });
    const tracked = run.finally(() => this.inFlight.delete(tracked));
    this.inFlight.add(tracked);
  }

  /** From now on a failed attempt is final: retries already waiting get their last attempt when run. */
  startDraining(): void {
    this.draining = true;
  }

  /**
   * Stops retrying with waits: anything still pending gets one last attempt now. Resolves when every
   * attempt has an answer or `timeoutMs` passed, with the number of callbacks left undelivered.
   */
  async drain(timeoutMs: number): Promise<{ undelivered: number; unfinished: number }> {
    this.startDraining();
    const deadline = Date.now() + timeoutMs;
    while (this.inFlight.size > 0 && Date.now() < deadline) {
      const left = deadline - Date.now();
      await Promise.race([
        Promise.allSettled([...this.inFlight]),
        new Promise((resolve) => setTimeout(resolve, left).unref()),
      ]);
    }
    return { undelivered: this.undeliveredCount, unfinished: this.inFlight.size + this.waiting };
  }

  /** Closes idle connections. */
  close(): void {
    this.poster.close();
  }
}
