import type { Redis } from 'ioredis';
import type { CounterStore } from '../counter-store.js';

/**
 * Counters shared by replicas: `INCRBY` is atomic, so `nth`, `everyNth`, `times` and concurrency
 * caps hold across every replica. Keys live under `<prefix>:counter:`.
 */
export class RedisCounterStore implements CounterStore {
  constructor(
    private readonly client: Redis,
    private readonly prefix: string,
  ) {}

  private keyOf(key: string): string {
    return `${this.prefix}:counter:${key}`;
  }

  increment(key: string, by = 1): Promise<number> {
    return this.client.incrby(this.keyOf(key), by);
  }

  async get(key: string): Promise<number> {
    const value = await this.client.get(this.keyOf(key));
    return value === null ? 0 : Number(value);
  }

  async clear(prefix = ''): Promise<void> {
    let cursor = '0';
    do {
      const [next, keys] = await this.client.scan(
        cursor,
        'MATCH',
        `${this.keyOf(prefix)}*`,
        'COUNT',
        1000,
      );
      cursor = next;
      if (keys.length > 0) await this.client.unlink(...keys);
    } while (cursor !== '0');
  }
}
