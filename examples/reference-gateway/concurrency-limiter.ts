/** Lets at most `max` tasks run at once; the others wait in arrival order. */
export class ConcurrencyLimiter {
  private running = 0;
  private readonly waiting: (() => void)[] = [];

  /** @param max most tasks at once; `Infinity` for no limit. */
  constructor(readonly max: number) {
    if (!(max >= 1)) throw new Error(`concurrency must be at least 1; got ${max}`);
  }

  /** Tasks running now. */
  get active(): number {
    return this.running;
  }

  /** Runs `task` once a slot is free, and frees the slot when it settles. */
  async run<T>(task: () => Promise<T>): Promise<T> {
    // A freed slot passes straight to the next waiter, so a newcomer cannot slip in between.
    if (this.running >= this.max) await new Promise<void>((resolve) => this.waiting.push(resolve));
    else this.running++;
    try {
      return await task();
    } finally {
      const next = this.waiting.shift();
      if (next) next();
      else this.running--;
    }
  }
}
