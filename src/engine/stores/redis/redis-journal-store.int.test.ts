import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  redisServerBinary,
  startTestRedis,
  type TestRedis,
} from '../../../../test/support/redis-server.js';
import { JournalRecorder } from '../../journal/recorder.js';
import { eventually, journalEntry } from '../../../../test/support/journal-entry.js';
import type { ServeEvent } from '../../journal/serve-event.js';
import { connectRedis } from './redis-connection.js';
import { RedisJournalStore } from './redis-journal-store.js';
import { RedisWriteQueue } from './redis-write-queue.js';

const available = redisServerBinary() !== undefined;
if (!available)
  console.warn('SKIPPED: redis-server is not installed; the Redis journal tests did not run');

/** The stream's records as `{ type, data }`, oldest first. */
async function records(client: Redis, key: string): Promise<{ t: string; d: unknown }[]> {
  const raw = (await client.xrange(key, '-', '+')) as [string, string[]][];
  return raw.map(([, fields]) => {
    const map = new Map<string, string>();
    for (let i = 0; i + 1 < fields.length; i += 2) map.set(fields[i]!, fields[i + 1]!);
    return { t: map.get('t')!, d: JSON.parse(map.get('d')!) as unknown };
  });
}

/** The bytes the stream's records take, counted as the trimming counts them. */
async function streamBytes(client: Redis, key: string): Promise<number> {
  const raw = (await client.xrange(key, '-', '+')) as [string, string[]][];
  return raw.reduce((sum, [, fields]) => sum + fields[fields.indexOf('d') + 1]!.length + 64, 0);
}

describe.skipIf(!available)('the shared journal stream, bounded by records and bytes', () => {
  let redis: TestRedis;
  let client: Redis;
  const closers: (() => unknown)[] = [];

  async function replica(key: string, origin: string, capacity: number, maxBytes?: number) {
    const queue = new RedisWriteQueue(client);
    const journal = await RedisJournalStore.open({
      client,
      queue,
      key,
      capacity,
      ...(maxBytes !== undefined && { maxBytes }),
      origin,
    });
    closers.push(() => journal.close());
    return { queue, journal };
  }

  beforeAll(async () => {
    redis = await startTestRedis();
    client = await connectRedis({ url: redis.url, keyPrefix: 'jb', connectTimeoutMs: 2000 });
  });
  afterAll(async () => {
    for (const close of closers) await close();
    client.disconnect();
    await redis.stop();
  });

  it('trims the oldest records once their bytes pass journal.maxBytes, on every replica', async () => {
    const maxBytes = 20_000;
    const a = await replica('jb:bytes', 'a', 1000, maxBytes);
    const b = await replica('jb:bytes', 'b', 1000, maxBytes);
    const body = { text: 'x'.repeat(1000) };
    for (let i = 0; i < 100; i++) {
      a.journal.add(journalEntry(`req_${i}`, body), 1600);
      a.journal.addSubEvent(`req_${i}`, { type: 'status', offsetMs: 1, status: 'delivered' }, 80);
    }
    await a.queue.flush();
    const bytes = await streamBytes(client, 'jb:bytes');
    expect(bytes).toBeLessThanOrEqual(maxBytes);
    expect(bytes).toBeGreaterThan(maxBytes - 2000);
    expect(Number(await client.get('jb:bytes:bytes'))).toBe(bytes);
    expect(await client.llen('jb:bytes:sizes')).toBe(await client.xlen('jb:bytes'));
    const kept = await records(client, 'jb:bytes');
    expect(kept.at(-1)).toMatchObject({ t: 'sub-event', d: { id: 'req_99' } });
    expect(kept.some((r) => (r.d as { id?: string }).id === 'req_0')).toBe(false);
    // Each replica's copy is bounded by the recorder's estimates, as the in-memory journal is.
    expect(a.journal.bytes).toBeLessThanOrEqual(maxBytes);
    await eventually(() => b.journal.get('req_99')?.subEvents.length === 1);
    expect(b.journal.bytes).toBeLessThanOrEqual(maxBytes);
    expect(b.journal.get('req_0')).toBeUndefined();
    const late = await replica('jb:bytes', 'c', 1000, maxBytes);
    expect(late.journal.get('req_99')?.subEvents).toHaveLength(1);
    expect(late.journal.bytes).toBeLessThanOrEqual(maxBytes);
  });

  it('trims to capacity × 8 records too, and keeps one total when replicas append at once', async () => {
    const a = await replica('jb:len', 'a', 150);
    const b = await replica('jb:len', 'b', 150);
    for (let i = 0; i < 1300; i++) (i % 2 ? a : b).journal.add(journalEntry(`req_${i}`), 600);
    await Promise.all([a.queue.flush(), b.queue.flush()]);
    expect(await client.xlen('jb:len')).toBe(1200);
    expect(await client.llen('jb:len:sizes')).toBe(1200);
    expect(Number(await client.get('jb:len:bytes'))).toBe(await streamBytes(client, 'jb:len'));
  });

  it('drops the records a clear made obsolete', async () => {
    const a = await replica('jb:clear', 'a', 100);
    for (let i = 0; i < 10; i++) a.journal.add(journalEntry(`req_${i}`), 600);
    a.journal.clear();
    a.journal.add(journalEntry('req_after'), 600);
    await a.queue.flush();
    expect((await records(client, 'jb:clear')).map((r) => r.t)).toEqual(['cleared', 'entry']);
    expect(Number(await client.get('jb:clear:bytes'))).toBe(await streamBytes(client, 'jb:clear'));
  });

  it('stores bodies and sub-event bodies already cut to journal.maxBodyBytes', async () => {
    const a = await replica('jb:body', 'a', 100);
    const b = await replica('jb:body', 'b', 100);
    const recorder = new JournalRecorder(a.journal, { maxBodyBytes: 256, maxDepth: 32 });
    recorder.record(journalEntry('req_big', { text: 'y'.repeat(10_000) }));
    recorder.addSubEvent('req_big', {
      type: 'callback-attempt',
      offsetMs: 5,
      body: { text: 'z'.repeat(10_000) },
    });
    await a.queue.flush();
    const [stored, sub] = await records(client, 'jb:body');
    expect((stored!.d as ServeEvent).request.body).toMatchObject({ truncated: true });
    expect(JSON.stringify(stored!.d).length).toBeLessThan(4096);
    expect((sub!.d as { subEvent: { body: unknown } }).subEvent.body).toMatchObject({
      truncated: true,
    });
    await eventually(() => b.journal.get('req_big')?.subEvents.length === 1);
    expect(b.journal.get('req_big')?.request.body).toMatchObject({ truncated: true });
  });
});
