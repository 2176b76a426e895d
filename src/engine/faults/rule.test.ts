import { describe, expect, it } from 'vitest';
import { createRandom } from '../random.js';
import { delay, thenError } from './actions.js';
import { forProvider, forRecipient, withProbability } from './matchers.js';
import { decideFaults, explainRule, type FaultRule } from './rule.js';

const facts = (provider: string, recipients: string[] = []) => ({
  provider,
  route: 'send',
  recipients,
  headers: {},
});

describe('fault rules', () => {
  it('adds up matching delays and stops at the first matching terminal rule', () => {
    const random = createRandom('f');
    const rules: FaultRule[] = [
      { id: '1', matchers: [forProvider('p')], action: delay({ type: 'fixed', ms: 100 }, random) },
      { id: '2', matchers: [forProvider('q')], action: thenError('server_error') },
      { id: '3', matchers: [forRecipient({ prefix: '9198' })], action: thenError('throttled') },
      { id: '4', matchers: [], action: thenError('unavailable') },
    ];
    const decision = decideFaults(rules, facts('p', ['919800000001']));
    expect(decision.delayMs).toBe(100);
    expect(decision.terminal).toMatchObject({ error: 'throttled' });
    expect(decision.explanations).toEqual(['for p, delay 100 ms', 'to 9198…, answer throttled']);
  });

  it('explains a rule as one sentence', () => {
    const rule: FaultRule = {
      id: 'x',
      matchers: [forProvider('sinch-sms'), withProbability(0.1, createRandom(1))],
      action: thenError('server_error'),
    };
    expect(explainRule(rule)).toBe('for sinch-sms, 10% of the time, answer server_error');
  });

  it('draws uniform latency within its bounds', () => {
    const action = delay({ type: 'uniform', minMs: 50, maxMs: 150 }, createRandom('u'));
    for (let i = 0; i < 200; i++) {
      const effect = action.effect();
      expect(effect.kind).toBe('delay');
      if (effect.kind === 'delay') {
        expect(effect.ms).toBeGreaterThanOrEqual(50);
        expect(effect.ms).toBeLessThanOrEqual(150);
      }
    }
  });
});
