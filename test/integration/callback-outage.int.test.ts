import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createSimulator, loadProviders, type Clock, type Simulator } from '../../src/index.js';
import { scaledClock } from '../../src/engine/clock.js';

const HOUR = 60 * 60 * 1000;
/** Simulated time runs this many times faster: the hour-long outage passes in under 2 s. */
const SPEED = 2000;

/** One attempt the gateway saw: which callback, when (simulated), and what it answered. */
interface Attempt {
  marker: string;
  at: number;
  status: number;
}

/** A gateway that answers 503 to every callback until `down.until` on `clock`, then 200. */
async function startFlakyGateway(clock: Clock, down: { until: number }) {
  const attempts: Attempt[] = [];
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      const marker = /outage-\d+/.exec(body)?.[0] ?? 'unknown';
      const status = clock.now() >= down.until ? 200 : 503;
      attempts.push({ marker, at: clock.now(), status });
      res.statusCode = status;
      res.end('{}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/callbacks`,
    attempts,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

let sim: Simulator | undefined;
let gateway: Awaited<ReturnType<typeof startFlakyGateway>> | undefined;

afterEach(async () => {
  await sim?.close({ drain: false });
  await gateway?.close();
  sim = undefined;
  gateway = undefined;
});

/**
 * Queues `count` inbound callbacks of `provider` while its gateway is down for an hour, and
 * resolves once every one is delivered, with the attempts the gateway saw.
 */
async function rideOutAnHour(provider: string, count: number, input: Record<string, unknown>) {
  const clock = scaledClock(SPEED);
  const down = { until: Infinity };
  gateway = await startFlakyGateway(clock, down);
  sim = createSimulator(
    { port: 0, log: { level: 'silent' }, callbackUrl: gateway.url },
    await loadProviders([provider]),
    { clock },
  );
  await sim.listen();
  // The hour starts now: starting up took simulated hours already at this speed.
  const upAt = clock.now() + HOUR;
  down.until = upAt;
  for (let i = 0; i < count; i++) {
    const injected = sim.inbound({
      provider,
      from: `91980000${String(i).padStart(4, '0')}`,
      ...input,
      text: `outage-${i}`,
    });
    expect(injected, JSON.stringify(injected)).toMatchObject({ ok: true });
  }
  // Bounded by the simulated schedule, not a wall-clock assertion: the poll only waits.
  await expect
    .poll(() => sim!.callbackStats().delivered, { timeout: 60_000, interval: 50 })
    .toBe(count);
  return { attempts: gateway.attempts, upAt, stats: sim.callbackStats() };
}

function byMarker(attempts: Attempt[]): Map<string, Attempt[]> {
  const out = new Map<string, Attempt[]>();
  for (const a of attempts) out.set(a.marker, [...(out.get(a.marker) ?? []), a]);
  return out;
}

describe('callback retries ride out an hour-long gateway outage (compressed clock)', () => {
  it("delivers every Sinch callback queued during a 60-minute outage with Sinch's default schedule, none given up", async () => {
    const { attempts, upAt, stats } = await rideOutAnHour('sinch-conversation', 5, {
      from: '46700000001',
    });
    expect(stats).toMatchObject({ pending: 0, delivered: 5, givenUp: 0 });
    const perCallback = byMarker(attempts);
    expect([...perCallback.keys()].sort()).toEqual([0, 1, 2, 3, 4].map((i) => `outage-${i}`));
    for (const [marker, list] of perCallback) {
      const failed = list.filter((a) => a.status === 503);
      const delivered = list.filter((a) => a.status === 200);
      // Retried through the outage (5 s, 10 s, 20 s ... after the first failure), delivered once after it.
      expect(failed.length, marker).toBeGreaterThanOrEqual(3);
      expect(delivered, marker).toHaveLength(1);
      expect(delivered[0]!.at, marker).toBeGreaterThanOrEqual(upAt);
      // The doubling waits span the hour: the last failure is well into the outage.
      expect(failed.at(-1)!.at - failed[0]!.at, marker).toBeGreaterThan(HOUR / 4);
    }
  }, 90_000);

  it("delivers every CleverTap-facing callback queued during a 60-minute outage with CleverTap's default schedule, none given up", async () => {
    const { attempts, upAt, stats } = await rideOutAnHour('msg91', 5, {});
    expect(stats).toMatchObject({ pending: 0, delivered: 5, givenUp: 0 });
    const perCallback = byMarker(attempts);
    expect(perCallback.size).toBe(5);
    for (const [marker, list] of perCallback) {
      const failed = list.filter((a) => a.status === 503);
      const delivered = list.filter((a) => a.status === 200);
      // First attempt, then about 10 and 30 minutes later, all in the outage; delivered after it.
      expect(failed.length, marker).toBeGreaterThanOrEqual(2);
      expect(failed[1]!.at - failed[0]!.at, marker).toBeGreaterThanOrEqual(10 * 60 * 1000);
      expect(delivered, marker).toHaveLength(1);
      expect(delivered[0]!.at, marker).toBeGreaterThanOrEqual(upAt);
    }
  }, 90_000);
});
