import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  redisServerBinary,
  startTestRedis,
  type TestRedis,
} from '../../../../test/support/redis-server.js';
import { connectRedis } from './redis-connection.js';
import { DurableWorkQueue } from './durable-work-queue.js';

const available = redisServerBinary() !== undefined;
if (!available)
  console.warn('SKIPPED: redis-server is not installed; the durable queue tests did not run');

describe.skipIf(!available)('durable work shared by replicas', () => {
  let redis: TestRedis;
  let client: Redis;
  beforeAll(async () => {
    redis = await startTestRedis();
    client = await connectRedis({ url: redis.url, keyPrefix: 'ps', connectTimeoutMs: 2000 });
  });
  afterAll(async () => {
    client.disconnect();
    await redis.stop();
  });

  it('runs a job once however often it was added, on a replica other than the one that added it', async () => {
    const a = new DurableWorkQueue({ client, prefix: 'ps1' });
    const b = new DurableWorkQueue({ client, prefix: 'ps1' });
    const ran: unknown[] = [];
    b.handle('lifecycle-step', (data) => void ran.push(data));
    b.start();
    await a.add('lifecycle-step', 'm1:0', 50, { messageId: 'm1' });
    await a.add('lifecycle-step', 'm1:0', 50, { messageId: 'm1' });
    const deadline = Date.now() + 5000;
    while (ran.length < 1 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    await new Promise((r) => setTimeout(r, 200));
    expect(ran).toEqual([{ messageId: 'm1' }]);
    expect(await a.pending()).toBe(0);
    await a.close();
    await b.close();
  });

  it('unschedules and clears jobs for every replica', async () => {
    const a = new DurableWorkQueue({ client, prefix: 'ps2' });
    await a.add('callback-retry', 'cb1:2', 60_000, { callbackId: 'cb1' });
    await a.add('callback-retry', 'cb2:2', 60_000, { callbackId: 'cb2' });
    expect(await a.pending()).toBe(2);
    await a.remove('cb1:2');
    expect(await a.pending()).toBe(1);
    await a.clear();
    expect(await a.pending()).toBe(0);
    await a.close();
  });
});
