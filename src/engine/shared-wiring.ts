import type {
  CallbackDispatcher,
  CallbackJob,
  RetryScheduler,
} from './dispatcher/callback-dispatcher.js';
import type { FaultRegistry, SharedRuleEntry } from './faults/fault-registry.js';
import type { DurableSteps, MessageLifecycle, StepJob } from './lifecycle/message-lifecycle.js';
import type { Logger } from './logger.js';
import type { ProviderRuntime } from './provider-runtime.js';
import type { Scheduler } from './scheduler.js';
import type { SharedState } from './stores/shared-state.js';

/** The shared document holding the fault rules added at run time. */
const FAULT_RULES_DOCUMENT = 'fault-rules';

/**
 * Most milliseconds a send's answer waits for its steps to reach Redis: past it (Redis stalled
 * mid-request) the send is answered anyway and the job is added once Redis is back.
 */
const STORE_WAIT_MS = 2000;

/** Lifecycle steps as durable jobs: simulated delays become real ones at the clock's speed. */
export function durableSteps(shared: SharedState, speed: number, logger: Logger): DurableSteps {
  return {
    schedule(job: StepJob, afterMs: number) {
      const id = `step:${job.serveEventId}:${job.message.id}:${job.index}`;
      const added = shared
        .addJob('lifecycle-step', id, afterMs / speed, job as unknown as Record<string, unknown>)
        .catch((error: Error) =>
          logger.error('could not schedule a lifecycle step in redis', {
            messageId: job.message.id,
            status: job.step.status,
            error: error.message,
          }),
        );
      return {
        stored: settleWithin(added, STORE_WAIT_MS),
        // After the add: a removal that overtook it would leave the job scheduled.
        cancel: () => void added.then(() => shared.removeJob(id)).catch(() => undefined),
      };
    },
  };
}

/** A callback retry as plain data: everything another replica needs to send it again. */
interface RetryJob {
  /** Target, payload, headers, provider, kind, message ids and retry policy. */
  job: CallbackJob;
  /** The attempt to make (the retry policy's next step follows from it). */
  attempt: number;
  /** Replica that made the first attempt: callback ids are only unique per replica. */
  origin: string;
}

/**
 * Callback retries as durable jobs any replica runs, and the hand-off of a reached step's
 * callbacks: the step job completes only once their first attempts were answered and any retry
 * stored, so a replica killed in between leaves the step to run again elsewhere.
 */
export class DurableRetries implements RetryScheduler {
  readonly durable = true;
  /** First attempts started while a step job runs, collected for that job. */
  private collecting: Promise<void>[] | undefined;
  /** Origin of each job resumed here (its next retries keep that origin in their ids). */
  private readonly origins = new WeakMap<CallbackJob, string>();
  private dispatcher: CallbackDispatcher | undefined;

  constructor(
    private readonly shared: SharedState,
    /** The clock's speed: retry waits are simulated time, jobs wait in real time. */
    private readonly speed: number,
    /** Runs a retry here when Redis refused to store it. */
    private readonly fallback: Scheduler,
    private readonly logger: Logger,
  ) {}

  /** Stores attempt `attempt` of `job` as a durable job after `waitMs` of simulated time. */
  schedule(job: CallbackJob, attempt: number, waitMs: number): Promise<void> {
    const origin = this.origins.get(job) ?? this.shared.instance;
    const data: RetryJob = { job, attempt, origin };
    const id = `callback:${origin}:${job.id}:${attempt}`;
    return this.shared
      .addJob('callback-retry', id, waitMs / this.speed, data as unknown as Record<string, unknown>)
      .catch((error: Error) => {
        this.logger.error('could not store a callback retry in redis: it stays in this replica', {
          callbackId: job.id,
          attempt,
          error: error.message,
        });
        this.fallback.after(waitMs, () => void this.resume(data), {
          kind: 'callback-retry',
          descriptor: { callbackId: job.id, attempt },
        });
      });
  }

  /** Collects a first attempt for the step job running now, if one is. */
  started(_job: CallbackJob, settled: Promise<void>): void {
    this.collecting?.push(settled);
  }

  /**
   * Runs `reach` (a step reached now) and resolves once the first attempt of every callback it
   * sent at once was answered and any retry stored. Callbacks grouped over a window
   * (`callbackBatch`, chaos `group`) and storms leave later, from this replica, and are not waited for.
   */
  async handOff(reach: () => void): Promise<void> {
    const outer = this.collecting;
    const collected: Promise<void>[] = [];
    this.collecting = collected;
    try {
      reach();
    } finally {
      this.collecting = outer;
    }
    await Promise.all(collected);
  }

  /** Runs durable retries with `dispatcher`, whichever replica stored them. */
  attach(dispatcher: CallbackDispatcher): void {
    this.dispatcher = dispatcher;
    this.shared.handleJobs('callback-retry', (data) => this.resume(data as unknown as RetryJob));
  }

  private resume({ job, attempt, origin }: RetryJob): Promise<void> {
    this.origins.set(job, origin);
    return this.dispatcher?.resume(job, attempt) ?? Promise.resolve();
  }
}

/** Resolves once `promise` settles or `ms` passed, whichever is first. */
function settleWithin(promise: Promise<unknown>, ms: number): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    timer.unref();
    const done = (): void => {
      clearTimeout(timer);
      resolve();
    };
    promise.then(done, done);
  });
}

/** What the engine hands over to take part in a cluster. */
export interface SharedParts {
  shared: SharedState;
  lifecycle: MessageLifecycle;
  dispatcher: CallbackDispatcher;
  /** Where the dispatcher stores its retries (the engine built it with them). */
  retries: DurableRetries;
  faults: FaultRegistry;
  providers: readonly ProviderRuntime[];
  logger: Logger;
  /** Resets what this process holds alone (another replica reset the cluster). */
  resetLocal(): void;
}

/**
 * Joins a replica to the cluster: runs durable lifecycle steps and callback retries whoever
 * scheduled them, shares the fault rules added at run time both ways, and follows cluster-wide
 * resets.
 */
export async function joinCluster(parts: SharedParts): Promise<void> {
  const { shared, lifecycle, faults, logger, retries } = parts;
  const byId = new Map(parts.providers.map((p) => [p.definition.id, p]));
  shared.handleJobs('lifecycle-step', (data) => {
    const job = data as unknown as StepJob;
    const provider = byId.get(job.provider);
    // Acknowledged only once its callbacks were handed off: a replica killed before runs it again.
    if (provider) return retries.handOff(() => lifecycle.runStep(provider, job));
  });
  retries.attach(parts.dispatcher);
  const loadRules = async (): Promise<void> => {
    const rules = await shared.readDocument<SharedRuleEntry[]>(FAULT_RULES_DOCUMENT);
    if (rules) faults.importShared(rules);
  };
  faults.onChange(() => {
    shared
      .writeDocument(FAULT_RULES_DOCUMENT, faults.exportShared())
      .catch((error: Error) =>
        logger.error('could not share fault rules through redis', { error: error.message }),
      );
  });
  shared.onRemote((event) => {
    if (event.type === 'reset') parts.resetLocal();
    else if (event.name === FAULT_RULES_DOCUMENT) {
      loadRules().catch((error: Error) =>
        logger.error('could not load shared fault rules', { error: error.message }),
      );
    }
  });
  await loadRules();
  shared.startWork();
}
