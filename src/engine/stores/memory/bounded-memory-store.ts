import type { Clock } from '../../clock.js';
import {
  DEFAULT_STORE_BOUNDS,
  type ProviderStore,
  type SetOptions,
  type StoreBounds,
} from '../provider-store.js';
import { copyPlainData } from '../../copy-plain-data.js';
import { RecencyQueue } from './recency-queue.js';

interface Slot {
  /** The value as stored: a private copy no caller holds. */
  value: unknown;
  /** Epoch ms (injected clock) after which the key is gone; Infinity for a lasting key. */
  expiresAt: number;
  /** When the key was last used (see `RecencyQueue`). */
  stamp: number;
}

/** True for arrays and objects of the plain Object prototype (JSON-shaped data). */
function isPlainData(value: object): boolean {
  if (Array.isArray(value)) return true;
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null;
}

/**
 * Copies plain data so no object is shared between a caller and the store. Anything else (a Map,
 * a class instance) is kept by reference: providers still storing such values keep working in
 * memory, but those values cannot move to a networked store.
 */
function copy(value: unknown): unknown {
  return value !== null && typeof value === 'object' && isPlainData(value)
    ? copyPlainData(value)
    : value;
}

/**
 * One provider's state in memory, bounded: at most `maxKeys` keys (default 100,000; the least
 * recently used goes first) and each key lives `ttlMs` after its last write (default 24 hours, on
 * the injected clock; a key set as `lasting` has no time to live). Values are copied in and out.
 */
export class BoundedMemoryStore implements ProviderStore {
  private readonly slots = new Map<string, Slot>();
  private readonly order = new RecencyQueue<string>();
  private readonly stampOf = (key: string): number | undefined => this.slots.get(key)?.stamp;

  constructor(
    private readonly clock: Clock,
    private readonly bounds: StoreBounds = DEFAULT_STORE_BOUNDS,
  ) {}

  /** Keys held now (expired keys may still count until they are next touched). */
  get size(): number {
    return this.slots.size;
  }

  private live(key: string): Slot | undefined {
    const slot = this.slots.get(key);
    if (!slot) return undefined;
    if (slot.expiresAt <= this.clock.now()) {
      this.slots.delete(key);
      return undefined;
    }
    return slot;
  }

  get(key: string): unknown {
    const slot = this.live(key);
    if (!slot) return undefined;
    slot.stamp = this.order.touch(key);
    this.order.compact(this.slots.size, this.stampOf);
    return copy(slot.value);
  }

  has(key: string): boolean {
    return this.live(key) !== undefined;
  }

  set(key: string, value: unknown, options?: SetOptions): this {
    const expiresAt = options?.lasting ? Infinity : this.clock.now() + this.bounds.ttlMs;
    this.slots.set(key, { value: copy(value), expiresAt, stamp: this.order.touch(key) });
    while (this.slots.size > this.bounds.maxKeys) {
      const oldest = this.order.oldest(this.stampOf);
      if (oldest === undefined) break;
      this.slots.delete(oldest);
    }
    this.order.compact(this.slots.size, this.stampOf);
    return this;
  }

  delete(key: string): boolean {
    return this.slots.delete(key);
  }

  clear(): void {
    this.slots.clear();
    this.order.clear();
  }
}
