/** A scheduled callback that can be cancelled. */
export interface TimerHandle {
  cancel(): void;
}

/** Time source injected wherever the simulator reads or waits on time, so tests can control it. */
export interface Clock {
  /** Milliseconds since the epoch, as this clock sees them. */
  now(): number;
  /** Runs `fn` after `ms` milliseconds of this clock's time. */
  setTimer(ms: number, fn: () => void): TimerHandle;
}

/** The real wall clock; timers are unref'd so pending work never keeps a process alive on its own. */
export const systemClock: Clock = {
  now: () => Date.now(),
  setTimer(ms, fn) {
    const timer = setTimeout(fn, Math.max(0, ms));
    timer.unref();
    return { cancel: () => clearTimeout(timer) };
  },
};

/**
 * The wall clock sped up `speed` times: time starts now and runs faster, and timers fire after
 * `ms / speed` real milliseconds. A provider's real schedules (retries over hours, a 24-hour
 * window) then play out in seconds.
 */
export function scaledClock(speed: number, base: Clock = systemClock): Clock {
  const realStart = base.now();
  return {
    now: () => realStart + (base.now() - realStart) * speed,
    setTimer: (ms, fn) => base.setTimer(ms / speed, fn),
  };
}

interface ManualTimer {
  at: number;
  seq: number;
  fn: () => void;
  cancelled: boolean;
}

/** A clock that only moves when told to: for deterministic tests of schedules and retries. */
export class ManualClock implements Clock {
  private current: number;
  private seq = 0;
  private timers: ManualTimer[] = [];

  constructor(start = Date.UTC(2026, 0, 1)) {
    this.current = start;
  }

  now(): number {
    return this.current;
  }

  setTimer(ms: number, fn: () => void): TimerHandle {
    const timer: ManualTimer = {
      at: this.current + Math.max(0, ms),
      seq: this.seq++,
      fn,
      cancelled: false,
    };
    this.timers.push(timer);
    return { cancel: () => void (timer.cancelled = true) };
  }

  /** Number of timers that have not fired or been cancelled. */
  get pending(): number {
    return this.timers.filter((t) => !t.cancelled).length;
  }

  /** Moves time forward by `ms`, firing due timers in time order (timers they set fire too, if due). */
  advance(ms: number): void {
    const target = this.current + ms;
    for (;;) {
      const due = this.timers
        .filter((t) => !t.cancelled && t.at <= target)
        .sort((a, b) => a.at - b.at || a.seq - b.seq)[0];
      if (!due) break;
      this.timers = this.timers.filter((t) => t !== due);
      this.current = due.at;
      due.fn();
    }
    this.current = target;
  }
}
