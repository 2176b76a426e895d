import type { CallbackJournal } from '../callbacks/callback-journal.js';
import type { CallbackPipeline } from '../callbacks/callback-pipeline.js';
import { chaosSchedule } from '../callbacks/stages/chaos.js';
import { journalOffset } from '../callbacks/journal-offset.js';
import type { Clock, TimerHandle } from '../clock.js';
import type { CallbackChaos } from '../faults/actions.js';
import type { JournaledMessage } from '../journal/serve-event.js';
import type { ProviderRuntime } from '../provider-runtime.js';
import type { Scheduler } from '../scheduler.js';
import { RecencyQueue } from '../stores/memory/recency-queue.js';
import type { AcceptedMessage, ForcedOutcome, LifecycleStep, ProviderContext } from '../types.js';

/** What the lifecycle needs from the simulator. */
export interface LifecycleDeps {
  clock: Clock;
  scheduler: Scheduler;
  journal: CallbackJournal;
  /** Sends the callback a reached step produces. */
  callbacks: CallbackPipeline;
  providerContext<S>(provider: ProviderRuntime<S>): ProviderContext<S>;
  /** Where steps are scheduled when replicas share work (Redis); unset = this process's scheduler. */
  durable?: DurableSteps;
}

/** One lifecycle step as plain data, so any replica can reach it. */
export interface StepJob {
  provider: string;
  message: AcceptedMessage;
  step: LifecycleStep;
  serveEventId: string;
  chaos?: CallbackChaos;
  /** Position of the step in the message's schedule (part of the job's idempotent id). */
  index: number;
}

/** A durable step: the handle unschedules it; `stored` settles once the store took it (or failed). */
export interface DurableStep extends TimerHandle {
  /** Never rejects. */
  readonly stored: Promise<void>;
}

/** Schedules steps as durable jobs that outlive this process. */
export interface DurableSteps {
  /** Schedules `job` after `afterMs` of simulated time. */
  schedule(job: StepJob, afterMs: number): DurableStep;
}

/** A message the lifecycle knows, with its steps still to come. */
interface Tracked {
  provider: ProviderRuntime;
  message: AcceptedMessage;
  serveEventId: string;
  pending: TimerHandle[];
  /** When it was last remembered (see `RecencyQueue`). */
  stamp?: number;
}

/** Most messages remembered for forcing a status (the oldest are forgotten first). */
const MAX_TRACKED = 10_000;

/** What forcing a status did. */
export type ForceResult = { ok: true; status: string } | { ok: false; reason: string };

/** What a fault rule changes about one send's lifecycle. */
export interface LifecycleOptions {
  forced?: ForcedOutcome;
  chaos?: CallbackChaos;
}

/** Moves accepted messages through their provider's status steps and hands callbacks to the callback pipeline. */
export class MessageLifecycle {
  private readonly chaosOf = new WeakMap<AcceptedMessage, CallbackChaos>();
  /** Messages by provider message id, so a status can be forced later. */
  private readonly tracked = new Map<string, Tracked>();
  /** Which tracked message was remembered longest ago (evicted first). */
  private readonly order = new RecencyQueue<string>();
  private readonly stampOf = (id: string): number | undefined => this.tracked.get(id)?.stamp;

  constructor(private readonly deps: LifecycleDeps) {}

  /**
   * Schedules every step of `message`, which the journal entry `serveEventId` created. The
   * journaled summary is not written here: statuses go through the journal by message id. With
   * durable steps, resolves once they are stored where every replica finds them (the send must not
   * be answered before: a replica killed right after answering would take them along).
   */
  track(
    provider: ProviderRuntime,
    message: AcceptedMessage,
    _journaled: JournaledMessage,
    serveEventId: string,
    options: LifecycleOptions = {},
  ): Promise<void> | undefined {
    const chaos = options.chaos;
    if (chaos) this.chaosOf.set(message, chaos);
    const steps = chaosSchedule(
      provider.definition.lifecycle(message, this.deps.providerContext(provider), options.forced),
      chaos,
    );
    const tracked: Tracked = { provider, message, serveEventId, pending: [] };
    this.remember(tracked);
    const durable = this.deps.durable;
    if (durable) {
      const stored = steps.map((step, index) => {
        const job: StepJob = {
          provider: provider.definition.id,
          message,
          step,
          serveEventId,
          index,
        };
        if (chaos) job.chaos = chaos;
        const scheduled = durable.schedule(job, step.afterMs);
        tracked.pending.push(scheduled);
        return scheduled.stored;
      });
      return Promise.all(stored).then(() => undefined);
    }
    for (const step of steps) {
      const handle = this.deps.scheduler.after(
        step.afterMs,
        () => {
          // A step reached has nothing left to cancel: the message is remembered without it.
          const at = tracked.pending.indexOf(handle);
          if (at >= 0) tracked.pending.splice(at, 1);
          this.reach(provider, message, step, serveEventId);
        },
        { kind: 'lifecycle-step', descriptor: { messageId: message.id, status: step.status } },
      );
      tracked.pending.push(handle);
    }
    return undefined;
  }

  private remember(tracked: Tracked): void {
    const id = tracked.message.id;
    tracked.stamp = this.order.touch(id);
    this.tracked.set(id, tracked);
    if (this.tracked.size > MAX_TRACKED) {
      const oldest = this.order.oldest(this.stampOf);
      if (oldest !== undefined) this.tracked.delete(oldest);
    }
    this.order.compact(this.tracked.size, this.stampOf);
  }

  /**
   * Moves a message to `forced` now (as a person would from the inbox): steps still to come are
   * cancelled, and the provider's final step for the forced outcome is reported at once.
   */
  force(messageId: string, forced: ForcedOutcome): ForceResult {
    const tracked = this.tracked.get(messageId);
    if (!tracked) {
      return {
        ok: false,
        reason: `no message "${messageId}" is known (only the last ${MAX_TRACKED} are kept)`,
      };
    }
    for (const handle of tracked.pending) handle.cancel();
    tracked.pending = [];
    const { provider, message, serveEventId } = tracked;
    const steps = provider.definition.lifecycle(message, this.deps.providerContext(provider), {
      ...forced,
      afterMs: 0,
    });
    const last = [...steps].sort((a, b) => a.afterMs - b.afterMs).at(-1);
    if (!last)
      return { ok: false, reason: `${provider.definition.id} has no step for ${forced.status}` };
    this.reach(provider, message, { ...last, afterMs: 0 }, serveEventId);
    return { ok: true, status: last.status };
  }

  /** Where callbacks of `kind` for `message` go (see the callback pipeline's resolve-targets stage). */
  targetsFor(provider: ProviderRuntime, kind: string, message?: AcceptedMessage): string[] {
    return this.deps.callbacks.targetsFor(provider, kind, message);
  }

  /** Reaches `step` for `message` now (an inbound message). */
  emit(
    provider: ProviderRuntime,
    message: AcceptedMessage,
    _journaled: JournaledMessage,
    step: LifecycleStep,
    serveEventId: string,
  ): void {
    this.remember({ provider, message, serveEventId, pending: [] });
    this.reach(provider, message, step, serveEventId);
  }

  /** Reaches a step another replica (or this one) scheduled as a durable job. */
  runStep(provider: ProviderRuntime, job: StepJob): void {
    if (job.chaos) this.chaosOf.set(job.message, job.chaos);
    if (!this.tracked.has(job.message.id)) {
      this.remember({
        provider,
        message: job.message,
        serveEventId: job.serveEventId,
        pending: [],
      });
    }
    this.reach(provider, job.message, job.step, job.serveEventId);
  }

  /** Forgets every message (on reset). */
  forget(): void {
    this.tracked.clear();
    this.order.clear();
  }

  /** Records the status, then hands any callback it produces to the callback pipeline. */
  private reach(
    provider: ProviderRuntime,
    message: AcceptedMessage,
    step: LifecycleStep,
    serveEventId: string,
  ): void {
    const { journal, clock } = this.deps;
    if (journal.holds(serveEventId)) {
      journal.setMessageStatus(serveEventId, message.id, step.status);
      journal.addSubEvent(serveEventId, {
        type: 'status',
        offsetMs: journalOffset(journal, serveEventId, clock.now()),
        messageId: message.id,
        status: step.status,
        ...(step.code !== undefined && { code: step.code, description: step.description }),
      });
    }
    this.deps.callbacks.statusReached(
      provider,
      message,
      step,
      serveEventId,
      this.chaosOf.get(message),
    );
  }
}
