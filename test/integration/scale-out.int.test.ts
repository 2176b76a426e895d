import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSimulator, type Simulator } from '../../src/app/create-simulator.js';
import type { SimConfigInput } from '../../src/index.js';
import { connectRedis } from '../../src/engine/stores/redis/redis-connection.js';
import { sinchSms } from '../../simulators/sinch-sms/index.js';
import { startCallbackSink, type CallbackSink } from '../support/callback-sink.js';
import { redisServerBinary, startTestRedis, type TestRedis } from '../support/redis-server.js';
import { SINCH_SMS_SEND_PATH, sinchSmsSend } from '../support/sinch-sms-fixtures.js';

const available = redisServerBinary() !== undefined;
if (!available)
  console.warn('SKIPPED: redis-server is not installed; the scale-out tests did not run');

async function eventually(
  check: () => boolean | Promise<boolean>,
  timeoutMs = 8000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/** A gateway whose answers wait until `release()`: callbacks stay in flight meanwhile. */
async function startHeldGateway(): Promise<{
  url: string;
  received: number;
  release(): void;
  close(): Promise<void>;
}> {
  const held: http.ServerResponse[] = [];
  let holding = true;
  let received = 0;
  const server = http.createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      received++;
      if (holding) held.push(res);
      else res.end('{}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/callbacks`,
    get received() {
      return received;
    },
    release() {
      holding = false;
      for (const res of held.splice(0)) res.end('{}');
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** The callback attempts journaled for the message sent to `to`, as `attempt:verdict`. */
function attemptsOf(sim: Simulator, to: string): string[] {
  const entry = sim.journal.list().find((e) => e.recipients.includes(to));
  return (entry?.subEvents ?? [])
    .filter((s) => s.type === 'callback-attempt')
    .map((s) => `${String(s.attempt)}:${String(s.verdict)}`);
}

function send(sim: Simulator, to: string): Promise<Response> {
  return fetch(`${sim.url}${SINCH_SMS_SEND_PATH}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(sinchSmsSend({ to, msgid: `m-${to}.` })),
  });
}

describe.skipIf(!available)('two replicas on one Redis act as one simulator', () => {
  let redis: TestRedis;
  let sink: CallbackSink;
  let a: Simulator;
  let b: Simulator;

  beforeAll(async () => {
    redis = await startTestRedis();
    sink = await startCallbackSink();
    const config: SimConfigInput = {
      port: 0,
      callbackUrl: sink.url,
      state: { redis: redis.url, keyPrefix: 'scale-test' },
      providers: { 'sinch-sms': { settings: { dlrDelayMs: { min: 20, max: 40 } } } },
    };
    a = await openSimulator(config, [sinchSms]);
    b = await openSimulator(config, [sinchSms]);
    await a.listen();
    await b.listen();
  }, 30_000);

  afterAll(async () => {
    await a?.close({ drain: false });
    await b?.close({ drain: false });
    await sink?.close();
    await redis?.stop();
  });

  it('shows a send accepted by one replica in the other one’s journal, and delivers its DLR once', async () => {
    const before = sink.received.length;
    expect((await send(a, '919800000011')).status).toBe(200);
    await eventually(() => b.journal.list().some((e) => e.recipients.includes('919800000011')));
    await sink.waitFor(before + 1);
    await new Promise((resolve) => setTimeout(resolve, 300));
    const dlrs = sink.received.slice(before).filter((c) => c.raw.includes('m-919800000011.'));
    expect(dlrs).toHaveLength(1);
    await eventually(
      () =>
        b.journal.list().find((e) => e.recipients.includes('919800000011'))?.messages[0]?.status ===
        'delivered',
    );
  });

  it('applies a rule added on one replica on both, counting every second send across them', async () => {
    const added = await fetch(`${b.url}/__admin/faults`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        id: 'every-second',
        match: { provider: 'sinch-sms', everyNth: 2 },
        then: { error: 'server_error' },
      }),
    });
    expect(added.status, await added.clone().text()).toBeLessThan(300);
    await eventually(() => a.faults.list().some((r) => r.id === 'every-second'));
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++)
      statuses.push((await send(i % 2 ? b : a, `91980000002${i}`)).status);
    expect(statuses.map((s) => s !== 200)).toEqual([false, true, false, true, false, true]);
    await fetch(`${a.url}/__admin/faults`, { method: 'DELETE' });
    await eventually(() => b.faults.list().every((r) => r.id !== 'every-second'));
  });

  it('resets the cluster from any replica', async () => {
    await send(b, '919800000031');
    await eventually(() => a.journal.list().some((e) => e.recipients.includes('919800000031')));
    const answer = await fetch(`${a.url}/__admin/reset`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{}',
    });
    expect(answer.status).toBeLessThan(300);
    await eventually(() => b.journal.size === 0 && a.journal.size === 0);
  });

  it('serves Prometheus metrics with every instance’s series', { timeout: 30_000 }, async () => {
    await send(a, '919800000041');
    await send(b, '919800000042');
    let text = '';
    const instances = async (): Promise<number> => {
      text = await (await fetch(`${a.url}/__admin/metrics`)).text();
      return new Set([...text.matchAll(/instance="([^"]+)"/g)].map((m) => m[1])).size;
    };
    // Each replica publishes its figures every few seconds; B's appear on A's page once it has.
    await eventually(async () => (await instances()) === 2, 15_000);
    expect(text).toMatch(
      /provider_sim_requests_total\{provider="sinch-sms",route="send",status="200"/,
    );
    expect(text).toMatch(/provider_sim_callback_attempts_total\{provider="sinch-sms",kind="dlr"/);
  });

  it('answers a send only once its DLR steps are in Redis, so a replica killed then loses none', async () => {
    const sim = await openSimulator(
      {
        port: 0,
        callbackUrl: sink.url,
        state: { redis: redis.url, keyPrefix: 'stored' },
        providers: { 'sinch-sms': { settings: { dlrDelayMs: { min: 60_000, max: 60_000 } } } },
      },
      [sinchSms],
    );
    await sim.listen();
    const client = await connectRedis({ url: redis.url, keyPrefix: 'x', connectTimeoutMs: 2000 });
    try {
      // Writes wait while Redis is paused (reads go on): the answer must wait for the steps' write.
      await client.call('CLIENT', 'PAUSE', '300', 'WRITE');
      expect((await send(sim, '919800000061')).status).toBe(200);
      // BullMQ keeps delayed jobs in a sorted set under the queue's prefix.
      expect(await client.zcard('stored:bull:provider-sim-work:delayed')).toBeGreaterThan(0);
    } finally {
      client.disconnect();
      await sim.close({ drain: false });
    }
  });

  it(
    'sends a retry from the other replica after the one that scheduled it closed without draining',
    { timeout: 30_000 },
    async () => {
      const gateway = await startCallbackSink();
      const config: SimConfigInput = {
        port: 0,
        callbackUrl: gateway.url,
        state: { redis: redis.url, keyPrefix: 'retry-elsewhere' },
        providers: {
          'sinch-sms': {
            settings: { dlrDelayMs: { min: 20, max: 40 } },
            retry: { maxAttempts: 3, initialDelayMs: 1500, jitter: 0 },
          },
        },
      };
      const client = await connectRedis({ url: redis.url, keyPrefix: 'x', connectTimeoutMs: 2000 });
      const a = await openSimulator(config, [sinchSms]);
      let b: Simulator | undefined;
      try {
        await a.listen();
        gateway.answerWith([503]);
        expect((await send(a, '919800000071')).status).toBe(200);
        await gateway.waitFor(1);
        await eventually(() => attemptsOf(a, '919800000071').includes('1:retry'));
        // The retry is a delayed job in Redis, no longer work of A's alone.
        await eventually(
          async () => (await client.zcard('retry-elsewhere:bull:provider-sim-work:delayed')) === 1,
        );
        await a.close({ drain: false });
        b = await openSimulator(config, [sinchSms]);
        await b.listen();
        const [first, retry] = await gateway.waitFor(2, 10_000);
        expect(retry!.raw).toBe(first!.raw);
        expect(retry!.at - first!.at).toBeGreaterThanOrEqual(1400);
        await eventually(() => attemptsOf(b!, '919800000071').includes('2:delivered'));
        expect(attemptsOf(b, '919800000071')).toEqual(['1:retry', '2:delivered']);
        await new Promise((resolve) => setTimeout(resolve, 300));
        expect(gateway.received).toHaveLength(2);
      } finally {
        client.disconnect();
        await a.close({ drain: false }).catch(() => undefined);
        await b?.close({ drain: false });
        await gateway.close();
      }
    },
  );

  it('completes a step job only once its callback was answered', { timeout: 30_000 }, async () => {
    const gateway = await startHeldGateway();
    const sim = await openSimulator(
      {
        port: 0,
        callbackUrl: gateway.url,
        state: { redis: redis.url, keyPrefix: 'hand-off' },
        providers: { 'sinch-sms': { settings: { dlrDelayMs: { min: 20, max: 40 } } } },
      },
      [sinchSms],
    );
    const client = await connectRedis({ url: redis.url, keyPrefix: 'x', connectTimeoutMs: 2000 });
    const active = (): Promise<number> => client.llen('hand-off:bull:provider-sim-work:active');
    try {
      await sim.listen();
      expect((await send(sim, '919800000081')).status).toBe(200);
      await eventually(() => gateway.received === 1);
      // The DLR is out but unanswered: its step job is still held, so a replica killed now
      // leaves it to run again elsewhere.
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(await active()).toBe(1);
      gateway.release();
      await eventually(async () => (await active()) === 0);
      expect(attemptsOf(sim, '919800000081')).toEqual(['1:delivered']);
    } finally {
      client.disconnect();
      await sim.close({ drain: false });
      await gateway.close();
    }
  });

  it('bounds the shared journal by journal.maxBytes', { timeout: 30_000 }, async () => {
    const sim = await openSimulator(
      {
        port: 0,
        callbackUrl: sink.url,
        journal: { maxBytes: 30_000 },
        state: { redis: redis.url, keyPrefix: 'bounded' },
        providers: { 'sinch-sms': { settings: { dlrDelayMs: { min: 20, max: 40 } } } },
      },
      [sinchSms],
    );
    const client = await connectRedis({ url: redis.url, keyPrefix: 'x', connectTimeoutMs: 2000 });
    try {
      await sim.listen();
      for (let i = 0; i < 60; i++)
        expect((await send(sim, `9198000009${i + 10}`)).status).toBe(200);
      await eventually(() => sim.journal.list().at(-1)?.messages[0]?.status === 'delivered');
      await eventually(async () => Number(await client.get('bounded:journal:bytes')) > 20_000);
      expect(Number(await client.get('bounded:journal:bytes'))).toBeLessThanOrEqual(30_000);
      // Read both in one transaction: DLR sub-events may still be appending between two reads.
      const counted = await client
        .multi()
        .xlen('bounded:journal')
        .llen('bounded:journal:sizes')
        .exec();
      expect(counted?.[0]?.[1]).toBe(counted?.[1]?.[1]);
      expect(sim.journal.size).toBeLessThan(60);
      expect(sim.journal.bytes).toBeLessThanOrEqual(30_000);
    } finally {
      client.disconnect();
      await sim.close({ drain: false });
    }
  });

  it(
    'answers sends with the provider’s native 503 while Redis is away',
    { timeout: 30_000 },
    async () => {
      const lone = await startTestRedis();
      const sim = await openSimulator({ port: 0, state: { redis: lone.url, keyPrefix: 'away' } }, [
        sinchSms,
      ]);
      await sim.listen();
      await lone.stop();
      await eventually(async () => (await send(sim, '919800000051')).status === 503);
      const health = await fetch(`${sim.url}/__admin/health`);
      expect(health.status).toBe(200);
      await sim.close({ drain: false });
    },
  );

  it('refuses to start on an unreachable Redis, naming the URL', async () => {
    await expect(
      openSimulator({ port: 0, state: { redis: 'redis://127.0.0.1:1' } }, [sinchSms]),
    ).rejects.toThrow(/cannot reach redis:\/\/127\.0\.0\.1:1/);
  });
});
