import type { Clock } from '../../clock.js';
import {
  DEFAULT_STORE_BOUNDS,
  type ProviderStore,
  type SetOptions,
  type StoreBounds,
} from '../provider-store.js';
import { copyPlainData } from '../../copy-plain-data.js';

interface Slot {
  /** The value as stored: a private copy no caller holds. */
  value: unknown;
  /** Epoch ms (injected clock) after which the key is gone; Infinity for a lasting key. */
  expiresAt: number;
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
    // Re-inserting marks the key most recently used (a Map iterates in insertion order).
    this.slots.delete(key);
    this.slots.set(key, slot);
    return copy(slot.value);
  }

  has(key: string): boolean {
    return this.live(key) !== undefined;
  }

  set(key: string, value: unknown, options?: SetOptions): this {
    this.slots.delete(key);
    const expiresAt = options?.lasting ? Infinity : this.clock.now() + this.bounds.ttlMs;
    this.slots.set(key, { value: copy(value), expiresAt });
    while (this.slots.size > this.bounds.maxKeys) {
      const oldest = this.slots.keys().next().value as string;
      this.slots.delete(oldest);
    }
    return this;
  }

  delete(key: string): boolean {
    return this.slots.delete(key);
  }

  clear(): void {
    this.slots.clear();
  }
}
