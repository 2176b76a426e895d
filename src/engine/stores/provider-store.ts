/** How a value written with `set` is kept. */
export interface SetOptions {
  /**
   * No time to live: the key stays until it is deleted, the state is reset, or it is the least
   * recently used key past the key bound. For what a real API keeps until told otherwise
   * (webhooks, contacts, groups), unlike per-recipient traces that age out.
   */
  lasting?: boolean;
}

/**
 * A provider's key-value state as its functions see it (`ProviderContext.store`): the subset of
 * `Map` providers use. Values must be plain JSON-serialisable data; a value read is a copy, so
 * changing it changes nothing until it is `set` again.
 */
export interface ProviderStore {
  get(key: string): unknown;
  set(key: string, value: unknown, options?: SetOptions): unknown;
  delete(key: string): boolean;
  has(key: string): boolean;
  /** Forgets every key (on reset). */
  clear(): void;
}

/**
 * The same state as a network would hold it (one namespace per provider): asynchronous, values
 * serialised. Provider functions are synchronous, so a networked implementation is read into a
 * `ProviderStore` before the provider runs and written back after (see decisions/0005).
 */
export interface KeyValueStore {
  get(namespace: string, key: string): Promise<unknown>;
  set(namespace: string, key: string, value: unknown): Promise<void>;
  delete(namespace: string, key: string): Promise<boolean>;
  clear(namespace?: string): Promise<void>;
}

/** Bounds of one provider's state. */
export interface StoreBounds {
  /** Most keys kept; the least recently used key is evicted first. */
  maxKeys: number;
  /** Milliseconds (injected clock) a key lives after its last write. */
  ttlMs: number;
}

/** Default bounds: 100,000 keys per provider, each kept 24 hours after its last write. */
export const DEFAULT_STORE_BOUNDS: StoreBounds = { maxKeys: 100_000, ttlMs: 24 * 60 * 60 * 1000 };
