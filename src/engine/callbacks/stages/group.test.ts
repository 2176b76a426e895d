import { describe, expect, it } from 'vitest';
import { testProvider } from '../../../../test/support/test-provider.js';
import { callbackTestServices } from '../../../../test/support/callback-test-services.js';
import { statusFlow } from './flow-fixtures.js';
import { group } from './group.js';

describe('group stage', () => {
  it('hands one event per target and copy to the buffer', () => {
    const { services, provider, grouped } = callbackTestServices(testProvider);
    const flow = {
      ...statusFlow(provider),
      targets: ['http://127.0.0.1/a', 'http://127.0.0.1/b'],
      copies: 2,
    };
    expect(group.run(flow, services)).toBe(true);
    expect(grouped.map((g) => g.map((i) => i.target))).toEqual([
      ['http://127.0.0.1/a'],
      ['http://127.0.0.1/a'],
      ['http://127.0.0.1/b'],
      ['http://127.0.0.1/b'],
    ]);
  });

  it('groups by the chaos window and sends a storm on the clock', () => {
    const { services, provider, grouped, clock } = callbackTestServices(testProvider);
    const flow = {
      ...statusFlow(provider, {
        chaos: { group: { maxEvents: 5, windowMs: 50 }, storm: { count: 4, perSecond: 100 } },
      }),
      targets: ['http://127.0.0.1/a'],
    };
    group.run(flow, services);
    expect(grouped).toEqual([]);
    clock.advance(50);
    expect(grouped.map((g) => g.length)).toEqual([5]);
  });
});
