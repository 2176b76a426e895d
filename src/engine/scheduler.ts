import type { Clock, TimerHandle } from './clock.js';
import { MemoryScheduledWork } from './stores/memory/memory-scheduled-work.js';
import type { ScheduledJob, ScheduledWorkStore } from './stores/scheduled-work.js';

/** How a caller labels a task, for listing and for a store that persists jobs. */
export interface TaskLabel {
  /** What the task is for (`lifecycle-step`, `callback-retry`, ...). */
  kind: string;
  /** Plain-JSON details (message id, callback id, ...). */
  descriptor?: Record<string, unknown>;
}

/**
 * Runs deferred work on the injected clock, and can run everything pending at once (on shutdown).
 * Jobs wait in a `ScheduledWorkStore` (a heap: `O(log n)` insert, cancel and pop) and one clock
 * timer is armed for the earliest due job, however many are waiting. The functions to run stay in
 * this process (a map by job id): closures cannot be serialised, so a networked store would hold
 * the descriptors and this map would be rebuilt from them by the owner of each kind.
 */
export class Scheduler {
  private readonly work = new Map<string, () => void>();
  private seq = 0;
  private timer: TimerHandle | undefined;
  /** Due time the timer is armed for. */
  private armedFor = Infinity;

  constructor(
    private readonly clock: Clock,
    private readonly store: ScheduledWorkStore = new MemoryScheduledWork(),
  ) {}

  /** Work waiting to run. */
  get size(): number {
    return this.store.size;
  }

  /** Runs `fn` after `delayMs` on the clock; the handle cancels it. */
  after(delayMs: number, fn: () => void, label: TaskLabel = { kind: 'task' }): TimerHandle {
    const id = `t${this.seq++}`;
    const job: ScheduledJob = {
      id,
      dueAt: this.clock.now() + Math.max(0, delayMs),
      kind: label.kind,
      ...(label.descriptor && { descriptor: label.descriptor }),
    };
    this.store.add(job);
    this.work.set(id, fn);
    if (job.dueAt < this.armedFor) this.arm();
    return new ScheduledTask(this, id);
  }

  /** Drops the task `id` if it has not run yet. */
  cancel(id: string): void {
    if (this.work.delete(id)) this.store.remove(id);
  }

  /** Runs every pending task now, in due order, including tasks those tasks schedule. */
  flushAll(): number {
    this.disarm();
    let ran = 0;
    for (let job = this.store.popDue(Infinity); job; job = this.store.popDue(Infinity)) {
      ran += this.run(job);
    }
    this.disarm();
    return ran;
  }

  /** Drops every pending task. */
  cancelAll(): void {
    this.disarm();
    this.store.clear();
    this.work.clear();
  }

  /** Runs the tasks due now; tasks they add for now run on the next timer, as with `setTimeout`. */
  private fire(): void {
    this.timer = undefined;
    this.armedFor = Infinity;
    const now = this.clock.now();
    const last = this.seq;
    for (;;) {
      const next = this.store.peek();
      if (!next || next.dueAt > now || Number(next.id.slice(1)) >= last) break;
      this.store.popDue(now);
      this.run(next);
    }
    this.arm();
  }

  private run(job: ScheduledJob): number {
    const fn = this.work.get(job.id);
    if (!fn) return 0;
    this.work.delete(job.id);
    fn();
    return 1;
  }

  /** Arms the one clock timer for the earliest job (re-arming if an earlier one came in). */
  private arm(): void {
    const next = this.store.peek();
    if (!next) {
      this.disarm();
      return;
    }
    if (this.timer && next.dueAt >= this.armedFor) return;
    this.timer?.cancel();
    this.armedFor = next.dueAt;
    this.timer = this.clock.setTimer(next.dueAt - this.clock.now(), () => this.fire());
  }

  private disarm(): void {
    this.timer?.cancel();
    this.timer = undefined;
    this.armedFor = Infinity;
  }
}

/** The handle of one scheduled task: one small object instead of a closure and its context. */
class ScheduledTask implements TimerHandle {
  constructor(
    private readonly scheduler: Scheduler,
    private readonly id: string,
  ) {}

  cancel(): void {
    this.scheduler.cancel(this.id);
  }
}
