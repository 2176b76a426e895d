import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  startTestRedis,
  redisServerBinary,
  type TestRedis,
} from '../../../../test/support/redis-server.js';
import { ManualClock } from '../../clock.js';
import { eventually, journalEntry } from '../../../../test/support/journal-entry.js';
import { connectRedis } from './redis-connection.js';
import { RedisControlChannel } from './redis-control-channel.js';
import { RedisCounterStore } from './redis-counter-store.js';
import { RedisJournalStore } from './redis-journal-store.js';
import { RedisStateReplicator } from './redis-state-replicator.js';
import { RedisTokenBuckets } from './redis-token-bucket.js';
import { RedisWriteQueue } from './redis-write-queue.js';

const available = redisServerBinary() !== undefined;
if (!available)
  console.warn('SKIPPED: redis-server is not installed; the Redis store tests did not run');

describe.skipIf(!available)('Redis stores shared by two replicas', () => {
  let redis: TestRedis;
  const clients: Redis[] = [];
  const closers: (() => unknown)[] = [];

  async function replica(origin: string) {
    const client = await connectRedis({ url: redis.url, keyPrefix: 'ps', connectTimeoutMs: 2000 });
    clients.push(client);
    const queue = new RedisWriteQueue(client);
    const journal = await RedisJournalStore.open({
      client,
      queue,
      key: 'ps:journal',
      capacity: 100,
      origin,
    });
    const replicator = await RedisStateReplicator.open({ client, queue, prefix: 'ps', origin });
    closers.push(
      () => journal.close(),
      () => replicator.close(),
    );
    return { client, queue, journal, replicator };
  }

  beforeAll(async () => {
    redis = await startTestRedis();
  });
  afterAll(async () => {
    for (const close of closers) await close();
    for (const client of clients) client.disconnect();
    await redis.stop();
  });

  it('shows an entry recorded on one replica, with its sub-events and status, in the other journal', async () => {
    const a = await replica('a');
    const b = await replica('b');
    a.journal.add(journalEntry('req_1'));
    a.journal.addSubEvent('req_1', { type: 'status', offsetMs: 5, status: 'delivered' });
    a.journal.setMessageStatus('req_1', 'm-req_1', 'delivered');
    await eventually(() => b.journal.get('req_1')?.messages[0]?.status === 'delivered');
    expect(b.journal.get('req_1')?.subEvents).toEqual([
      { type: 'status', offsetMs: 5, status: 'delivered' },
    ]);
    b.journal.clear();
    await eventually(() => a.journal.size === 0);
  });

  it('replays the shared journal into a replica that starts later', async () => {
    const a = await replica('c');
    a.journal.add(journalEntry('req_late'));
    await a.queue.flush();
    const late = await replica('d');
    expect(late.journal.get('req_late')?.provider).toBe('sinch-sms');
  });

  it('replicates provider state written on one replica to the other, and to a replica started later', async () => {
    const clock = new ManualClock();
    const a = await replica('e');
    const b = await replica('f');
    const storeA = await a.replicator.storeFor('kaleyra', clock);
    const storeB = await b.replicator.storeFor('kaleyra', clock);
    storeA.set('window:919800000001', { at: 42 });
    await eventually(() => storeB.has('window:919800000001'));
    expect(storeB.get('window:919800000001')).toEqual({ at: 42 });
    await a.queue.flush();
    const c = await replica('g');
    const storeC = await c.replicator.storeFor('kaleyra', clock);
    expect(storeC.get('window:919800000001')).toEqual({ at: 42 });
    storeB.delete('window:919800000001');
    await eventually(() => !storeA.has('window:919800000001'));
  });

  it('keeps a lasting key without a TTL in Redis, on every replica and in a replica started later', async () => {
    const clock = new ManualClock();
    const a = await replica('e2');
    const b = await replica('f2');
    const storeA = await a.replicator.storeFor('sinch-conversation', clock);
    const storeB = await b.replicator.storeFor('sinch-conversation', clock);
    storeA.set('webhooks', { w1: { target: 'http://127.0.0.1/' } }, { lasting: true });
    await eventually(() => storeB.has('webhooks'));
    await a.queue.flush();
    clock.advance(48 * 3600 * 1000);
    expect(storeB.get('webhooks')).toEqual({ w1: { target: 'http://127.0.0.1/' } });
    const c = await replica('g2');
    const storeC = await c.replicator.storeFor('sinch-conversation', clock);
    clock.advance(48 * 3600 * 1000);
    expect(storeC.get('webhooks')).toEqual({ w1: { target: 'http://127.0.0.1/' } });
  });

  it('counts atomically across replicas', async () => {
    const a = await replica('h');
    const b = await replica('i');
    const countersA = new RedisCounterStore(a.client, 'ps');
    const countersB = new RedisCounterStore(b.client, 'ps');
    const seen = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        (i % 2 ? countersA : countersB).increment('rule:r1:seen'),
      ),
    );
    expect([...seen].sort((x, y) => x - y)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    await countersA.clear('rule:');
    expect(await countersB.get('rule:r1:seen')).toBe(0);
  });

  it('throttles across replicas with one token bucket', async () => {
    const a = await replica('j');
    const b = await replica('k');
    const bucketsA = new RedisTokenBuckets(a.client, 'ps');
    const bucketsB = new RedisTokenBuckets(b.client, 'ps');
    const now = 1_000_000;
    const results = [];
    for (let i = 0; i < 4; i++)
      results.push(await (i % 2 ? bucketsA : bucketsB).take('t', 1, 2, now));
    expect(results.map((r) => r.ok)).toEqual([true, true, false, false]);
    expect(results[2]).toEqual({ ok: false, retryAfterMs: 1000 });
    expect((await bucketsA.take('t', 1, 2, now + 1000)).ok).toBe(true);
  });

  it('shares a document and announces resets to the other replicas only', async () => {
    const a = await replica('l');
    const b = await replica('m');
    const controlA = await RedisControlChannel.open({
      client: a.client,
      prefix: 'ps',
      origin: 'l',
    });
    const controlB = await RedisControlChannel.open({
      client: b.client,
      prefix: 'ps',
      origin: 'm',
    });
    closers.push(
      () => controlA.close(),
      () => controlB.close(),
    );
    const heardByA: string[] = [];
    const heardByB: string[] = [];
    controlA.onMessage((m) => heardByA.push(`${m.type}:${m.name ?? ''}`));
    controlB.onMessage((m) => heardByB.push(`${m.type}:${m.name ?? ''}`));
    await controlA.write('fault-rules', [{ id: 'r1' }]);
    await controlA.announce({ type: 'reset' });
    await eventually(() => heardByB.length === 2);
    expect(heardByB).toEqual(['document-changed:fault-rules', 'reset:']);
    expect(heardByA).toEqual([]);
    expect(await controlB.read('fault-rules')).toEqual([{ id: 'r1' }]);
  });

  it('refuses an unreachable Redis at once with a message naming the URL', async () => {
    await expect(
      connectRedis({ url: 'redis://127.0.0.1:1', keyPrefix: 'ps', connectTimeoutMs: 500 }),
    ).rejects.toThrow(/cannot reach redis:\/\/127\.0\.0\.1:1/);
    await expect(
      connectRedis({ url: 'http://x', keyPrefix: 'ps', connectTimeoutMs: 500 }),
    ).rejects.toThrow(/must start with redis:\/\//);
  });
});
