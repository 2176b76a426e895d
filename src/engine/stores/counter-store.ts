/**
 * Named counters (fault rules' nth / everyNth / times, concurrency in flight, token buckets),
 * asynchronous so a networked implementation shared by replicas fits behind it.
 */
export interface CounterStore {
  /** Adds `by` (default 1) and resolves to the new value. */
  increment(key: string, by?: number): Promise<number>;
  /** Resolves to the current value (0 when never counted). */
  get(key: string): Promise<number>;
  /** Forgets every counter whose key starts with `prefix` (all of them without one). */
  clear(prefix?: string): Promise<void>;
}
