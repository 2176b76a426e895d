import type { Redis } from 'ioredis';
import type { Clock } from '../../clock.js';
import { BoundedMemoryStore } from '../memory/bounded-memory-store.js';
import {
  DEFAULT_STORE_BOUNDS,
  type ProviderStore,
  type SetOptions,
  type StoreBounds,
} from '../provider-store.js';
import { duplicateConnection } from './redis-connection.js';
import type { RedisWriteQueue } from './redis-write-queue.js';

/** A change one replica announces to the others. */
interface StateChange {
  origin: string;
  namespace: string;
  op: 'set' | 'delete' | 'clear';
  key?: string;
  value?: unknown;
  /** A `set` with no time to live. */
  lasting?: boolean;
}

/**
 * Provider state shared by replicas. Each replica keeps every provider's state in a bounded local
 * store (what the synchronous provider functions read); each write also goes to Redis, as a key
 * with the store's TTL, and is announced on a channel so the other replicas apply it too. A
 * replica that starts late loads what Redis holds. State is eventually consistent: a write made
 * on one replica is seen on the others within one publish (milliseconds on one network).
 */
export class RedisStateReplicator {
  private readonly stores = new Map<string, ReplicatedProviderStore>();
  private readonly subscriber: Redis;
  private readonly channel: string;

  private constructor(
    private readonly client: Redis,
    private readonly queue: RedisWriteQueue,
    private readonly prefix: string,
    private readonly origin: string,
  ) {
    this.channel = `${prefix}:state-changes`;
    this.subscriber = duplicateConnection(client);
  }

  /** Connects the change channel. */
  static async open(options: {
    client: Redis;
    queue: RedisWriteQueue;
    prefix: string;
    origin: string;
  }): Promise<RedisStateReplicator> {
    const replicator = new RedisStateReplicator(
      options.client,
      options.queue,
      options.prefix,
      options.origin,
    );
    replicator.subscriber.on('message', (_channel: string, message: string) =>
      replicator.receive(message),
    );
    await replicator.subscriber.subscribe(replicator.channel);
    return replicator;
  }

  /** The shared store of one provider (`namespace`), loaded with what Redis holds for it. */
  async storeFor(
    namespace: string,
    clock: Clock,
    bounds: StoreBounds = DEFAULT_STORE_BOUNDS,
  ): Promise<ProviderStore> {
    const store = new ReplicatedProviderStore(this, namespace, clock, bounds);
    this.stores.set(namespace, store);
    await this.load(store);
    return store;
  }

  private keyOf(namespace: string, key: string): string {
    return `${this.prefix}:state:${namespace}:${key}`;
  }

  private async load(store: ReplicatedProviderStore): Promise<void> {
    const prefix = this.keyOf(store.namespace, '');
    let cursor = '0';
    do {
      const [next, keys] = await this.client.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 1000);
      cursor = next;
      if (keys.length === 0) continue;
      const values = await this.client.mget(...keys);
      // A key without a TTL (PTTL -1) was written as lasting.
      const ttls = (await this.client.pipeline(keys.map((key) => ['pttl', key])).exec()) ?? [];
      keys.forEach((key, i) => {
        const raw = values[i];
        if (raw === null || raw === undefined) return;
        try {
          store.applyRemote({
            op: 'set',
            key: key.slice(prefix.length),
            value: JSON.parse(raw),
            lasting: ttls[i]?.[1] === -1,
          });
        } catch {
          // Unreadable values are skipped.
        }
      });
    } while (cursor !== '0');
  }

  /** Sends one local change to Redis and to the other replicas. */
  announce(change: Omit<StateChange, 'origin'>, ttlMs: number): void {
    const { namespace, op, key } = change;
    if (op === 'set') {
      const value = JSON.stringify(change.value);
      this.queue.push(
        change.lasting
          ? ['SET', this.keyOf(namespace, key!), value]
          : ['SET', this.keyOf(namespace, key!), value, 'PX', ttlMs],
      );
    } else if (op === 'delete') {
      this.queue.push(['DEL', this.keyOf(namespace, key!)]);
    } else {
      void this.deleteNamespace(namespace);
    }
    this.queue.push(['PUBLISH', this.channel, JSON.stringify({ ...change, origin: this.origin })]);
  }

  private async deleteNamespace(namespace: string): Promise<void> {
    let cursor = '0';
    try {
      do {
        const [next, keys] = await this.client.scan(
          cursor,
          'MATCH',
          `${this.keyOf(namespace, '')}*`,
          'COUNT',
          1000,
        );
        cursor = next;
        if (keys.length > 0) await this.client.unlink(...keys);
      } while (cursor !== '0');
    } catch {
      // Redis away: the keys expire on their own TTL.
    }
  }

  private receive(message: string): void {
    let change: StateChange;
    try {
      change = JSON.parse(message) as StateChange;
    } catch {
      return;
    }
    if (change.origin === this.origin) return;
    this.stores.get(change.namespace)?.applyRemote(change);
  }

  /** Stops listening for changes. */
  close(): void {
    this.subscriber.disconnect();
  }
}

/** One provider's state: local and bounded, with every write replicated. */
class ReplicatedProviderStore implements ProviderStore {
  private readonly local: BoundedMemoryStore;

  constructor(
    private readonly replicator: RedisStateReplicator,
    readonly namespace: string,
    clock: Clock,
    private readonly bounds: StoreBounds,
  ) {
    this.local = new BoundedMemoryStore(clock, bounds);
  }

  get(key: string): unknown {
    return this.local.get(key);
  }

  has(key: string): boolean {
    return this.local.has(key);
  }

  set(key: string, value: unknown, options?: SetOptions): this {
    this.local.set(key, value, options);
    this.replicator.announce(
      { namespace: this.namespace, op: 'set', key, value, lasting: options?.lasting === true },
      this.bounds.ttlMs,
    );
    return this;
  }

  delete(key: string): boolean {
    const had = this.local.delete(key);
    this.replicator.announce({ namespace: this.namespace, op: 'delete', key }, this.bounds.ttlMs);
    return had;
  }

  clear(): void {
    this.local.clear();
    this.replicator.announce({ namespace: this.namespace, op: 'clear' }, this.bounds.ttlMs);
  }

  /** Applies a change another replica made (or one loaded at start). */
  applyRemote(change: Pick<StateChange, 'op' | 'key' | 'value' | 'lasting'>): void {
    if (change.op === 'set' && change.key !== undefined)
      this.local.set(change.key, change.value, { lasting: change.lasting === true });
    else if (change.op === 'delete' && change.key !== undefined) this.local.delete(change.key);
    else if (change.op === 'clear') this.local.clear();
  }
}
