import type { Clock } from '../clock.js';
import type { Random } from '../random.js';
import type { Scheduler } from '../scheduler.js';
import { HttpPoster, type PostResult } from './http-poster.js';
import {
  classifyAttempt,
  retryDelayMs,
  type AttemptVerdict,
  type RetryPolicy,
} from './retry-policy.js';
import { refuseTarget } from './target-allowlist.js';

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

/** A callback the gateway never took, as written on shutdown (one JSON line each). */
export interface UndeliveredCallback {
  messageIds: readonly string[];
  provider: string;
  kind: string;
  target: string;
  body: unknown;
  attempts: number;
  /** `given-up` (answered with a final error or out of attempts) or `unfinished` (no answer by the drain deadline). */
  reason: 'given-up' | 'unfinished';
  /** The last answer's status or transport error, when there was one. */
  last?: string;
}

/** Whether a job was taken: refused targets never leave the process. */
export type DispatchOutcome = { queued: true } | { queued: false; refused: string };

/** Counts for the health endpoint. */
export interface DispatcherStats {
  /** Callbacks posting now or waiting to retry. */
  pending: number;
  /** Callbacks the gateway took (2xx). */
  delivered: number;
  /** Callbacks given up on (final non-2xx, attempts exhausted, or unfinished at shutdown). */
  givenUp: number;
  /** Callbacks whose target `callbacks.allowedHosts` refused. */
  refused: number;
}

/**
 * Where a callback's next attempt waits: this process's scheduler by default; with shared state, a
 * durable job that any replica runs through `CallbackDispatcher.resume`.
 */
export interface RetryScheduler {
  /** Whether a stored retry outlives this process (draining then leaves it to the other replicas). */
  readonly durable: boolean;
  /**
   * Schedules attempt `attempt` of `job` after `waitMs` on the clock, to be made through `resume`.
   * A returned promise settles (never rejects) once the retry is stored.
   */
  schedule(job: CallbackJob, attempt: number, waitMs: number): Promise<void> | void;
  /** Told of each first attempt; `settled` resolves once it was answered and any retry stored. */
  started?(job: CallbackJob, settled: Promise<void>): void;
}

/** Dispatcher options. */
export interface DispatcherOptions {
  clock: Clock;
  /** Draws the retry jitter; read at each retry (the stream restarts on reset). */
  random(): Random;
  scheduler: Scheduler;
  timeoutMs: number;
  /** Hosts a callback may be sent to (`callbacks.allowedHosts`): every target is checked here. */
  allowedHosts: readonly string[];
  /** Receives the callbacks left undelivered when draining ends; the drain waits for a returned promise. */
  undelivered?(callbacks: UndeliveredCallback[]): void | Promise<void>;
  /** Where retries wait; unset = `scheduler`, in this process. */
  retries?: RetryScheduler;
  /**
   * Headers for one attempt of `job`, got anew for each attempt (a provider's `authorize`); a
   * rejection fails the attempt unsent, with its reason as the attempt's error.
   */
  authorize?(job: CallbackJob): Promise<Record<string, string>> | undefined;
}

interface Live {
  job: CallbackJob;
  attempts: number;
  last?: string;
}

/** Delivers callbacks over keep-alive connections, retrying with backoff; never throws to its caller. */
export class CallbackDispatcher {
  private readonly poster: HttpPoster;
  private readonly observers: ((report: AttemptReport) => void)[] = [];
  /** Jobs posting now or waiting for a retry, by job id. */
  private readonly live = new Map<string, Live>();
  private readonly inFlight = new Set<Promise<void>>();
  private draining = false;
  /** When draining began (`Date.now()`): the drain timeout counts from it. */
  private drainStartedAt = 0;
  /** Given up while draining, written out when the drain ends. */
  private drainGivenUp: UndeliveredCallback[] = [];
  private counts = { delivered: 0, givenUp: 0, refused: 0 };
  /** The allowlist's verdict per target: callbacks go to the same few URLs over and over. */
  private readonly verdicts = new Map<string, string | undefined>();

  constructor(private readonly options: DispatcherOptions) {
    this.poster = new HttpPoster(options.timeoutMs);
  }

  /** Calls `observer` with every attempt's outcome (the callback pipeline records them). */
  observe(observer: (report: AttemptReport) => void): void {
    this.observers.push(observer);
  }

  /** Jobs posting now or waiting to retry. */
  get pending(): number {
    return this.live.size;
  }

  /** Jobs that were given up on (final non-2xx, attempts exhausted). */
  get undelivered(): number {
    return this.counts.givenUp;
  }

  /** Pending, delivered, given-up and refused counts. */
  stats(): DispatcherStats {
    return { pending: this.live.size, ...this.counts };
  }

  /** Checks the target, then starts delivering `job` now; results only ever reach the observers. */
  dispatch(job: CallbackJob): DispatchOutcome {
    const refused = this.verdict(job.target);
    if (refused) {
      this.counts.refused++;
      return { queued: false, refused };
    }
    const live: Live = { job, attempts: 0 };
    this.live.set(job.id, live);
    const settled = this.attempt(live);
    this.options.retries?.started?.(job, settled);
    return { queued: true };
  }

  /** Why `target` is refused (see `refuseTarget`), remembered for up to 512 targets at a time. */
  private verdict(target: string): string | undefined {
    if (this.verdicts.has(target)) return this.verdicts.get(target);
    const refused = refuseTarget(target, this.options.allowedHosts);
    if (this.verdicts.size >= 512) this.verdicts.clear();
    this.verdicts.set(target, refused);
    return refused;
  }

  /**
   * Makes attempt `attempt` of `job` here, stored as a durable retry by this or another replica.
   * Resolves once it was answered and any next retry stored; never rejects.
   */
  resume(job: CallbackJob, attempt: number): Promise<void> {
    const live: Live = { job, attempts: attempt - 1 };
    this.live.set(job.id, live);
    return this.attempt(live);
  }

  private attempt(live: Live): Promise<void> {
    const { job } = live;
    const attempt = ++live.attempts;
    const at = this.options.clock.now();
    const run = this.post(job).then((result) => {
      // Reported undelivered when the drain ended: a late answer changes nothing.
      if (this.live.get(job.id) !== live) return;
      live.last = result.status !== undefined ? String(result.status) : result.error;
      let verdict = classifyAttempt(result.status);
      const retries = this.options.retries;
      const finalAttempt =
        attempt >= job.retryPolicy.maxAttempts || (this.draining && !retries?.durable);
      if (verdict === 'retry' && (finalAttempt || result.unsendable)) verdict = 'give-up';
      const report: AttemptReport = { job, attempt, at, durationMs: result.durationMs, verdict };
      if (result.status !== undefined) report.status = result.status;
      if (result.error !== undefined) report.error = result.error;
      if (result.body !== undefined) report.answer = result.body;
      let stored: Promise<void> | void = undefined;
      if (verdict === 'retry') {
        const wait = retryDelayMs(job.retryPolicy, attempt, this.options.random());
        report.nextAttemptInMs = wait;
        if (retries) {
          stored = retries.schedule(job, attempt + 1, wait);
          // A durable retry belongs to whichever replica runs it: no longer pending here.
          if (retries.durable) this.live.delete(job.id);
        } else {
          this.options.scheduler.after(wait, () => void this.attempt(live), {
            kind: 'callback-retry',
            descriptor: { callbackId: job.id, attempt: attempt + 1 },
          });
        }
      } else {
        this.live.delete(job.id);
        if (verdict === 'delivered') this.counts.delivered++;
        else {
          this.counts.givenUp++;
          if (this.draining) this.drainGivenUp.push(this.describe(live, 'given-up'));
        }
      }
      for (const observer of this.observers) observer(report);
      return stored;
    });
    const tracked = run.finally(() => this.inFlight.delete(tracked));
    this.inFlight.add(tracked);
    return tracked;
  }

  /** Posts `job` with the headers `authorize` got for this attempt; when it failed, that is the attempt's error. */
  private post(job: CallbackJob): Promise<PostResult> {
    let extra: Promise<Record<string, string>> | undefined;
    try {
      extra = this.options.authorize?.(job);
    } catch (error) {
      extra = Promise.reject(error instanceof Error ? error : new Error(String(error)));
    }
    if (!extra) return this.poster.post(job.target, job.payload, job.headers);
    const started = performance.now();
    return extra.then(
      (headers) => this.poster.post(job.target, job.payload, { ...job.headers, ...headers }),
      (error: unknown) => ({
        error: `not sent: ${error instanceof Error ? error.message : String(error)}`,
        durationMs: Math.round((performance.now() - started) * 10) / 10,
      }),
    );
  }

  private describe(live: Live, reason: UndeliveredCallback['reason']): UndeliveredCallback {
    const { job } = live;
    return {
      messageIds: job.messageIds,
      provider: job.provider,
      kind: job.kind,
      target: job.target,
      body: job.body,
      attempts: live.attempts,
      reason,
      ...(live.last !== undefined && { last: live.last }),
    };
  }

  /**
   * From now on a failed attempt is final: retries already waiting get their last attempt when run.
   * The drain timeout counts from the first call.
   */
  startDraining(): void {
    if (this.draining) return;
    this.draining = true;
    this.drainStartedAt = Date.now();
  }

  /**
   * Stops retrying with waits: anything still pending gets one last attempt (the caller flushes the
   * scheduler). Resolves when every attempt has an answer or `timeoutMs` passed since draining
   * began (running the flushed steps counts), with the callbacks given up on so far and those
   * still unanswered; both kinds drained now go to `undelivered`.
   */
  async drain(timeoutMs: number): Promise<{ undelivered: number; unfinished: number }> {
    this.startDraining();
    const deadline = this.drainStartedAt + timeoutMs;
    while (this.inFlight.size > 0 && Date.now() < deadline) {
      const left = deadline - Date.now();
      await Promise.race([
        Promise.allSettled([...this.inFlight]),
        new Promise((resolve) => setTimeout(resolve, left).unref()),
      ]);
    }
    const unfinished = [...this.live.values()].map((live) => this.describe(live, 'unfinished'));
    this.live.clear();
    const undelivered = this.counts.givenUp;
    this.counts.givenUp += unfinished.length;
    const lost = [...this.drainGivenUp, ...unfinished];
    this.drainGivenUp = [];
    if (lost.length > 0) await this.options.undelivered?.(lost);
    return { undelivered, unfinished: unfinished.length };
  }

  /** Forgets pending jobs (on reset): their late answers are ignored. */
  forget(): void {
    this.live.clear();
  }

  /** Closes idle connections and aborts requests still open. */
  close(): void {
    this.poster.close();
  }
}
