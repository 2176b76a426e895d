import type { CounterStore } from '../counter-store.js';

/**
 * Counters in one process. The `*Now` twins serve the synchronous request path of the memory
 * implementation; a networked store offers only the asynchronous methods.
 */
export class MemoryCounterStore implements CounterStore {
  private readonly counts = new Map<string, number>();

  /** Adds `by` and returns the new value, synchronously. */
  incrementNow(key: string, by = 1): number {
    const value = (this.counts.get(key) ?? 0) + by;
    if (value === 0) this.counts.delete(key);
    else this.counts.set(key, value);
    return value;
  }

  /** The current value, synchronously. */
  getNow(key: string): number {
    return this.counts.get(key) ?? 0;
  }

  increment(key: string, by = 1): Promise<number> {
    return Promise.resolve(this.incrementNow(key, by));
  }

  get(key: string): Promise<number> {
    return Promise.resolve(this.getNow(key));
  }

  /** Forgets counters under `prefix` (all without one), synchronously. */
  clearNow(prefix?: string): void {
    if (prefix === undefined) {
      this.counts.clear();
      return;
    }
    for (const key of [...this.counts.keys()]) if (key.startsWith(prefix)) this.counts.delete(key);
  }

  clear(prefix?: string): Promise<void> {
    this.clearNow(prefix);
    return Promise.resolve();
  }
}
