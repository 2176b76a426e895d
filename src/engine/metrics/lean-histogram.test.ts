import { Histogram, Registry } from 'prom-client';
import { describe, expect, it } from 'vitest';
import { createRandom } from '../random.js';
import { LeanHistogram } from './lean-histogram.js';

const config = {
  name: 'latency_seconds',
  help: 'Latency.',
  labelNames: ['provider', 'route'],
  buckets: [0.001, 0.01, 0.1, 1],
};

/** A registry holding a lean histogram, and one holding prom-client's own, fed alike. */
function pair() {
  const leanRegistry = new Registry();
  const plainRegistry = new Registry();
  for (const registry of [leanRegistry, plainRegistry]) {
    registry.setDefaultLabels({ instance: 'a' });
  }
  const lean = new LeanHistogram({ ...config, registers: [leanRegistry] });
  const plain = new Histogram({ ...config, registers: [plainRegistry] });
  const observe = (provider: string, route: string, value: number): void => {
    lean.observe(`${provider}/${route}`, () => ({ provider, route }), value);
    plain.observe({ provider, route }, value);
  };
  return { leanRegistry, plainRegistry, observe };
}

describe('LeanHistogram', () => {
  it('renders exactly what prom-client renders for the same observations, read after read', async () => {
    const { leanRegistry, plainRegistry, observe } = pair();
    const random = createRandom('latency');
    const routes = [
      ['msg91', 'send'],
      ['kaleyra', 'send'],
      ['msg91', 'status'],
    ] as const;
    for (let read = 0; read < 3; read++) {
      for (let i = 0; i < 500; i++) {
        const [provider, route] = routes[random.int(0, 2)]!;
        // Values between the bounds and past the last one.
        const value = [0.001, 0.01, 1, 2.5][random.int(0, 3)]! * random.next() * 2;
        observe(provider, route, value);
      }
      // Exactly on each bound (counted in that bucket), and past the last one.
      for (const value of [0, ...config.buckets, 30]) observe('msg91', 'send', value);
      expect(await leanRegistry.metrics()).toBe(await plainRegistry.metrics());
    }
    expect(await leanRegistry.getMetricsAsJSON()).toEqual(await plainRegistry.getMetricsAsJSON());
  });

  it('starts over after a reset, like prom-client', async () => {
    const { leanRegistry, plainRegistry, observe } = pair();
    observe('msg91', 'send', 0.005);
    leanRegistry.resetMetrics();
    plainRegistry.resetMetrics();
    observe('msg91', 'send', 0.5);
    expect(await leanRegistry.metrics()).toBe(await plainRegistry.metrics());
  });
});
