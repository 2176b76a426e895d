/**
 * What a scheduled job says about itself: enough to list, count and (for a networked store) persist
 * it. The work itself stays in the process that scheduled it (see `Scheduler`).
 */
export interface ScheduledJob {
  /** Unique within the store; the scheduler's handle refers to the job by it. */
  id: string;
  /** Epoch ms (injected clock) when the job is due. */
  dueAt: number;
  /** What the job is for (`lifecycle-step`, `callback-retry`, `batch-window`, `storm`, ...). */
  kind: string;
  /**
   * A plain-JSON description of the job (message id, step, callback id...), for listing and for a
   * store that persists jobs. Never a function, Map or class instance.
   */
  descriptor?: Record<string, unknown>;
}

/**
 * Scheduled work (DLR steps, callback retries, group windows) ordered by due time. The in-memory
 * store is a binary heap; a Redis implementation would keep a sorted set scored by `dueAt` (or a
 * BullMQ delayed queue keyed by `id`). Methods are synchronous because shutdown must run pending
 * work in due order without yielding; a networked store would buffer locally and sync asynchronously.
 */
export interface ScheduledWorkStore {
  /** Jobs waiting. */
  readonly size: number;
  /** Adds `job`; `O(log n)`. */
  add(job: ScheduledJob): void;
  /** Removes the job with `id`, if still waiting; `O(log n)`. Returns whether it was waiting. */
  remove(id: string): boolean;
  /** The job due first (ties: first added), without removing it. */
  peek(): ScheduledJob | undefined;
  /** Removes and returns the job due first, if it is due at or before `now`; `O(log n)`. */
  popDue(now: number): ScheduledJob | undefined;
  /** Removes every job. */
  clear(): void;
}
