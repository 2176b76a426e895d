/**
 * The order in which keys were last used, for evicting the least recently used one in amortized
 * `O(1)`. A `Map` keeps insertion order too, but in V8 finding its first key after many deletions
 * walks the slots of deleted keys, so evicting that way grew costlier as evictions piled up.
 *
 * Each use appends the key with a fresh stamp; the owner keeps the latest stamp beside the key's
 * value, so older entries of the same key (and entries of deleted keys) are recognised as stale.
 */
export class RecencyQueue<K> {
  private keys: (K | undefined)[] = [];
  private stamps: number[] = [];
  private head = 0;
  private counter = 0;

  /** Records `key` as used now and returns its stamp, to keep with the key's value. */
  touch(key: K): number {
    const stamp = this.counter++;
    this.keys.push(key);
    this.stamps.push(stamp);
    return stamp;
  }

  /**
   * The least recently used key still live: `stampOf` answers a key's current stamp (undefined once
   * it is gone). Stale entries met on the way are dropped.
   */
  oldest(stampOf: (key: K) => number | undefined): K | undefined {
    while (this.head < this.keys.length) {
      const key = this.keys[this.head] as K;
      if (stampOf(key) === this.stamps[this.head]) return key;
      this.keys[this.head] = undefined;
      this.head++;
    }
    return undefined;
  }

  /** Drops stale entries once they outnumber the `live` keys, so the queue stays proportional to them. */
  compact(live: number, stampOf: (key: K) => number | undefined): void {
    const queued = this.keys.length - this.head;
    if (queued <= 2 * live + 1024) {
      if (this.head > 1024 && this.head * 2 > this.keys.length) this.rebuild(() => true);
      return;
    }
    this.rebuild((key, stamp) => stampOf(key) === stamp);
  }

  /** Forgets every key. */
  clear(): void {
    this.keys = [];
    this.stamps = [];
    this.head = 0;
  }

  private rebuild(keep: (key: K, stamp: number) => boolean): void {
    const keys: K[] = [];
    const stamps: number[] = [];
    for (let i = this.head; i < this.keys.length; i++) {
      const key = this.keys[i] as K;
      if (keep(key, this.stamps[i]!)) {
        keys.push(key);
        stamps.push(this.stamps[i]!);
      }
    }
    this.keys = keys;
    this.stamps = stamps;
    this.head = 0;
  }
}
