import type { Clock, TimerHandle } from './clock.js';

interface Task {
  due: number;
  seq: number;
  fn: () => void;
  timer: TimerHandle;
}

/** Runs deferred work on the injected clock, and can run everything pending at once (on shutdown). */
export class Scheduler {
  private readonly tasks = new Set<Task>();
  private seq = 0;

  constructor(private readonly clock: Clock) {}

  /** Work waiting to run. */
  get size(): number {
    return this.tasks.size;
  }

  /** Runs `fn` after `delayMs` on the clock; the handle cancels it. */
  after(delayMs: number, fn: () => void): TimerHandle {
    const task: Task = {
      due: this.clock.now() + delayMs,
      seq: this.seq++,
      fn,
      timer: this.clock.setTimer(delayMs, () => {
        this.tasks.delete(task);
        fn();
      }),
    };
    this.tasks.add(task);
    return {
      cancel: () => {
        task.timer.cancel();
        this.tasks.delete(task);
      },
    };
  }

  /** Runs every pending task now, in due order, including tasks those tasks schedule. */
  flushAll(): number {
    let ran = 0;
    while (this.tasks.size > 0) {
      const next = [...this.tasks].sort((a, b) => a.due - b.due || a.seq - b.seq)[0]!;
      this.tasks.delete(next);
      next.timer.cancel();
      next.fn();
      ran++;
    }
    return ran;
  }

  /** Drops every pending task. */
  cancelAll(): void {
    for (const task of this.tasks) task.timer.cancel();
    this.tasks.clear();
  }
}
