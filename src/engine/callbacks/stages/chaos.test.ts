import { describe, expect, it } from 'vitest';
import { testProvider } from '../../../../test/support/test-provider.js';
import { callbackTestServices } from '../../../../test/support/callback-test-services.js';
import { chaos, chaosSchedule } from './chaos.js';
import { statusFlow } from './flow-fixtures.js';

describe('chaos stage', () => {
  it('passes a flow without chaos untouched', () => {
    const { services, provider } = callbackTestServices(testProvider);
    const flow = statusFlow(provider);
    expect(chaos.run(flow, services)).toBe(true);
    expect(flow.copies).toBe(1);
    expect(flow.tamper).toBeUndefined();
  });

  it('drops a callback with certainty at drop 1 and journals the drop', () => {
    const { services, provider, journal } = callbackTestServices(testProvider);
    expect(chaos.run(statusFlow(provider, { chaos: { drop: 1 } }), services)).toBe(false);
    expect(journal.subEvents[0]![1]).toMatchObject({
      type: 'callback-dropped',
      messageId: 'm1',
      status: 'delivered',
    });
  });

  it('asks for duplicates and a spoiled signature', () => {
    const { services, provider } = callbackTestServices(testProvider);
    const flow = statusFlow(provider, {
      chaos: { duplicate: 2, signature: 'skewed-timestamp', skewSeconds: 30 },
    });
    expect(chaos.run(flow, services)).toBe(true);
    expect(flow.copies).toBe(3);
    expect(flow.tamper).toEqual({ skewSeconds: 30 });
  });

  it('reverses step times for reorder and shifts them for delay', () => {
    const steps = [
      { status: 'sent', afterMs: 10 },
      { status: 'delivered', afterMs: 20 },
    ];
    expect(chaosSchedule(steps, { reorder: true, delayMs: 100 })).toEqual([
      { status: 'sent', afterMs: 120 },
      { status: 'delivered', afterMs: 110 },
    ]);
    expect(chaosSchedule(steps, undefined)).toBe(steps);
  });
});
