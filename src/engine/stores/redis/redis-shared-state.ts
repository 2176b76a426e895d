import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import type { Clock } from '../../clock.js';
import type { Logger } from '../../logger.js';
import type { ProviderStore, StoreBounds } from '../provider-store.js';
import type { SharedJobHandler, SharedState } from '../shared-state.js';
import { DurableWorkQueue } from './durable-work-queue.js';
import { RedisControlChannel } from './redis-control-channel.js';
import { connectRedis } from './redis-connection.js';
import { RedisCounterStore } from './redis-counter-store.js';
import { RedisJournalStore } from './redis-journal-store.js';
import { RedisStateReplicator } from './redis-state-replicator.js';
import { RedisWriteQueue } from './redis-write-queue.js';

/** What opening the shared state needs. */
export interface RedisStateOptions {
  url: string;
  keyPrefix: string;
  /** Journal entries each replica keeps. */
  journalCapacity: number;
  /** Most bytes the shared journal stream and each replica's copy keep (`journal.maxBytes`). */
  journalMaxBytes?: number;
  /** Ids of the providers whose state is shared. */
  providerIds: readonly string[];
  bounds: StoreBounds;
  clock: Clock;
  logger: Logger;
}

/** Seconds a replica's published metrics count as live. */
const METRICS_TTL_SECONDS = 15;

/** Opens every shared store on one Redis; fails at once, naming the URL, when it is unreachable. */
export async function openRedisState(options: RedisStateOptions): Promise<SharedState> {
  const instance = randomUUID().slice(0, 8);
  const prefix = options.keyPrefix;
  const client = await connectRedis({
    url: options.url,
    keyPrefix: prefix,
    connectTimeoutMs: 3000,
  });
  let warned = false;
  const queue = new RedisWriteQueue(client, 100_000, (error) => {
    if (warned) return;
    warned = true;
    options.logger.warn('redis writes are waiting: redis is unreachable', { error: error.message });
  });
  client.on('ready', () => (warned = false));
  const journal = await RedisJournalStore.open({
    client,
    queue,
    key: `${prefix}:journal`,
    capacity: options.journalCapacity,
    ...(options.journalMaxBytes !== undefined && { maxBytes: options.journalMaxBytes }),
    origin: instance,
  });
  const replicator = await RedisStateReplicator.open({ client, queue, prefix, origin: instance });
  const stores = new Map<string, ProviderStore>();
  for (const id of options.providerIds) {
    stores.set(id, await replicator.storeFor(id, options.clock, options.bounds));
  }
  const control = await RedisControlChannel.open({ client, prefix, origin: instance });
  const counters = new RedisCounterStore(client, prefix);
  const work = new DurableWorkQueue({ client, prefix });
  return {
    instance,
    journal,
    counters,
    providerStore(providerId) {
      const store = stores.get(providerId);
      if (!store) throw new Error(`no shared store was opened for provider ${providerId}`);
      return store;
    },
    handleJobs: (kind: string, handler: SharedJobHandler) => work.handle(kind, handler),
    startWork: () => work.start(),
    addJob: (kind, id, delayMs, data) => work.add(kind, id, delayMs, data),
    removeJob: (id) => work.remove(id),
    pendingJobs: () => work.pending(),
    readDocument: (name) => control.read(name),
    writeDocument: (name, value) => control.write(name, value),
    onRemote(listener) {
      control.onMessage((message) => listener({ type: message.type, name: message.name }));
    },
    async resetAll() {
      journal.clear();
      for (const store of stores.values()) store.clear();
      await counters.clear();
      await work.clear();
      await control.announce({ type: 'reset' });
    },
    exchangeMetrics: (snapshot) => exchangeMetrics(client, prefix, instance, snapshot),
    healthy: () => client.status === 'ready',
    async close() {
      // With Redis gone, closing must not wait for it: each part gets a bounded time.
      await queue.close();
      await withinMs(work.close(), 2000);
      await withinMs(journal.close(), 1000);
      replicator.close();
      control.close();
      client.disconnect();
    },
  };
}

async function exchangeMetrics(
  client: Redis,
  prefix: string,
  instance: string,
  snapshot: object[],
): Promise<object[][]> {
  const key = `${prefix}:metrics`;
  const now = Date.now();
  await client.hset(key, instance, JSON.stringify({ at: now, snapshot }));
  const all = await client.hgetall(key);
  const others: object[][] = [];
  for (const [id, raw] of Object.entries(all)) {
    if (id === instance) continue;
    try {
      const { at, snapshot: theirs } = JSON.parse(raw) as { at: number; snapshot: object[] };
      if (now - at <= METRICS_TTL_SECONDS * 1000) others.push(theirs);
      else await client.hdel(key, id);
    } catch {
      await client.hdel(key, id);
    }
  }
  return others;
}

/** Waits for `promise` at most `ms`, never rejecting. */
function withinMs(promise: Promise<unknown>, ms: number): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    timer.unref();
    promise.then(
      () => {
        clearTimeout(timer);
        resolve();
      },
      () => {
        clearTimeout(timer);
        resolve();
      },
    );
  });
}
