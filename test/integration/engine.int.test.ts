import { describe, expect, it } from 'vitest';
import type { SimConfigInput } from '../../src/index.js';
import { useSimHarness } from '../support/sim-harness.js';
import { testProvider } from '../support/test-provider.js';

const h = useSimHarness({ providers: [testProvider] });

async function start(config: SimConfigInput = {}): Promise<string> {
  await h.start(config);
  return h.url;
}

const send = (url: string, to: string, headers: Record<string, string> = {}) =>
  fetch(`${url}/test-provider/send`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ to }),
  });

describe('callback targets named by a request', () => {
  it('sends the callback to the target the request named when its host is allowed', async () => {
    const url = await start();
    expect((await send(url, '1', { 'x-callback-url': h.sink.url })).status).toBe(200);
    const [callback] = await h.sink.waitFor(1);
    expect(callback!.body).toEqual([{ id: expect.any(String), status: 'sent' }]);
  });

  it('refuses a target outside the allowlist with a clear error naming the header', async () => {
    const url = await start();
    const response = await send(url, '1', { 'x-callback-url': 'http://10.1.2.3/dlr' });
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({
      kind: 'invalid_request',
      detail:
        '/headers/x-callback-url: callback target host "10.1.2.3" is not allowed (callbacks.allowedHosts: localhost, 127.0.0.0/8, ::1)',
      pointer: '/headers/x-callback-url',
    });
  });

  it('accepts any host the configured allowlist names', async () => {
    const url = await start({ callbacks: { allowedHosts: ['10.0.0.0/8'] } });
    expect((await send(url, '1', { 'x-callback-url': 'http://10.1.2.3/dlr' })).status).toBe(200);
  });
});

describe('concurrency cap', () => {
  it('answers requests past the cap with the provider throttled error and records the peak', async () => {
    const url = await start({
      providers: {
        'test-provider': { maxConcurrent: 2, faults: { latency: { type: 'fixed', ms: 300 } } },
      },
    });
    const statuses = await Promise.all(
      Array.from({ length: 5 }, (_, i) => send(url, String(i)).then((r) => r.status)),
    );
    expect(statuses.filter((s) => s === 200)).toHaveLength(2);
    expect(statuses.filter((s) => s === 429)).toHaveLength(3);
    const [summary] = h.sim.describe();
    expect(summary!.maxConcurrent).toBe(2);
    expect(summary!.peakInFlight).toBeGreaterThanOrEqual(3);
    const throttled = h.sim.journal.list().filter((e) => e.response?.status === 429);
    expect(throttled[0]!.subEvents).toEqual([
      expect.objectContaining({ type: 'concurrency-cap', max: 2 }),
    ]);
    expect((await send(url, 'after')).status).toBe(200);
  });
});

describe('callback kinds that are never grouped', () => {
  it('sends each event of a single kind on its own, whatever the batching config says', async () => {
    const single = {
      ...testProvider,
      callbacks: { dlr: { ...testProvider.callbacks.dlr!, single: true } },
    };
    await h.start(
      {
        callbackUrl: h.sink.url,
        providers: { 'test-provider': { callbackBatch: { maxEvents: 10, windowMs: 200 } } },
      },
      {},
      [single],
    );
    const url = h.url;
    await send(url, '1');
    const callbacks = await h.sink.waitFor(2);
    expect(callbacks.map((c) => (c.body as unknown[]).length)).toEqual([1, 1]);
  });
});

describe('provider base path', () => {
  it('serves a provider under its declared base path instead of its id', async () => {
    const moved = { ...testProvider, id: 'moved-provider', basePath: '/elsewhere' };
    await h.start({}, {}, [moved]);
    const url = h.url;
    const ok = await fetch(`${url}/elsewhere/send`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ to: '1' }),
    });
    expect(ok.status).toBe(200);
    expect(h.sim.journal.list()[0]).toMatchObject({ provider: 'moved-provider', route: 'send' });
    expect((await fetch(`${url}/moved-provider/send`, { method: 'POST' })).status).toBe(404);
    expect(h.sim.describe()[0]!.baseUrl).toBe(`${url}/elsewhere`);
  });
});
