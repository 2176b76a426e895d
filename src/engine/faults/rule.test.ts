import { describe, expect, it } from 'vitest';
import { ManualClock } from '../clock.js';
import { createRandom } from '../random.js';
import {
  capConcurrency,
  delay,
  forceOutcome,
  thenError,
  throttle,
  type FaultAction,
} from './actions.js';
import { drawLatency } from './latency.js';
import {
  forProvider,
  forRecipient,
  withBodyField,
  withHeader,
  withProbability,
  type Matcher,
  type RequestFacts,
} from './matchers.js';
import { decideFaults, explainRule, type FaultRule } from './rule.js';

const facts = (overrides: Partial<RequestFacts> = {}): RequestFacts => ({
  provider: 'p',
  route: 'send',
  recipients: [],
  headers: {},
  params: {},
  body: {},
  now: 0,
  ...overrides,
});

const rule = (
  id: string,
  matchers: Matcher[],
  action: FaultAction,
  extra: Partial<FaultRule> = {},
): FaultRule => ({
  id,
  source: 'test',
  matchers,
  action,
  counters: { seen: 0, applied: 0 },
  ...extra,
});

describe('fault rules', () => {
  it('lets the first applying rule win unless it says continue', () => {
    const random = createRandom('f');
    const rules = [
      rule('1', [forProvider('p')], delay({ type: 'fixed', ms: 100 }, random), { continue: true }),
      rule('2', [forProvider('q')], thenError('server_error')),
      rule('3', [forRecipient({ prefix: '+9198' })], thenError('throttled')),
      rule('4', [], thenError('unavailable')),
    ];
    const decision = decideFaults(rules, facts({ recipients: ['919800000001'] }));
    expect(decision.delayMs).toBe(100);
    expect(decision.terminal).toMatchObject({ kind: 'error', error: 'throttled' });
    expect(decision.explanations).toEqual(['for p, delay 100 ms', 'to 9198…, answer throttled']);
  });

  it('applies only the nth request, every nth, or a limited number of times', () => {
    const nth = rule('n', [], thenError('x'), { nth: 3 });
    const every = rule('e', [], thenError('x'), { everyNth: 2 });
    const times = rule('t', [], thenError('x'), { times: 2 });
    const run = (r: FaultRule) =>
      Array.from({ length: 6 }, () => decideFaults([r], facts()).terminal !== undefined);
    expect(run(nth)).toEqual([false, false, true, false, false, false]);
    expect(run(every)).toEqual([false, true, false, true, false, true]);
    expect(run(times)).toEqual([true, true, false, false, false, false]);
    expect(times.counters).toEqual({ seen: 6, applied: 2 });
  });

  it('matches headers and body fields', () => {
    const r = rule(
      'h',
      [
        withHeader('X-Sim-Scenario', { equals: 'slow' }),
        withBodyField('/intflag', { matches: '^f' }),
      ],
      thenError('x'),
    );
    expect(
      decideFaults(
        [r],
        facts({ headers: { 'x-sim-scenario': 'slow' }, body: { intflag: 'false' } }),
      ).terminal,
    ).toBeDefined();
    expect(
      decideFaults(
        [r],
        facts({ headers: { 'x-sim-scenario': 'fast' }, body: { intflag: 'false' } }),
      ).terminal,
    ).toBeUndefined();
    expect(
      decideFaults([r], facts({ headers: { 'x-sim-scenario': 'slow' }, body: { intflag: 'true' } }))
        .terminal,
    ).toBeUndefined();
  });

  it('throttles with a token bucket on the injected clock and says when to retry', () => {
    const clock = new ManualClock();
    const r = rule('t', [], throttle(2, 2, clock));
    const outcomes = () => decideFaults([r], facts()).terminal;
    expect(outcomes()).toBeUndefined();
    expect(outcomes()).toBeUndefined();
    expect(outcomes()).toMatchObject({ error: 'throttled', retryAfterMs: 500 });
    clock.advance(500);
    expect(outcomes()).toBeUndefined();
  });

  it('caps concurrency among matching requests and frees a place when a request ends', () => {
    const r = rule('c', [], capConcurrency(1));
    const first = decideFaults([r], facts());
    expect(first.terminal).toBeUndefined();
    expect(decideFaults([r], facts()).terminal).toMatchObject({ error: 'throttled' });
    first.releases.forEach((release) => release());
    expect(decideFaults([r], facts()).terminal).toBeUndefined();
  });

  it('carries forced outcomes as follow-ups, not answers', () => {
    const decision = decideFaults(
      [rule('f', [], forceOutcome({ status: 'failed', code: '901' }))],
      facts(),
    );
    expect(decision.terminal).toBeUndefined();
    expect(decision.forcedOutcome).toEqual({ status: 'failed', code: '901' });
  });

  it('explains a rule as one sentence', () => {
    const r = rule(
      'x',
      [forProvider('sinch-sms'), withProbability(0.1, createRandom(1))],
      thenError('server_error'),
      { times: 3 },
    );
    expect(explainRule(r)).toBe('for sinch-sms, 10% of the time, 3 time(s), answer server_error');
  });
});

describe('latency distributions', () => {
  const draws = (spec: Parameters<typeof drawLatency>[0], n = 20_000) => {
    const random = createRandom('lat');
    return Array.from({ length: n }, () => drawLatency(spec, random)).sort((a, b) => a - b);
  };
  const quantile = (sorted: number[], q: number) => sorted[Math.floor(q * (sorted.length - 1))]!;

  it('draws uniform latency within its bounds', () => {
    const sorted = draws({ type: 'uniform', minMs: 50, maxMs: 150 });
    expect(sorted[0]).toBeGreaterThanOrEqual(50);
    expect(sorted.at(-1)).toBeLessThanOrEqual(150);
  });

  it('gives a normal distribution its mean and a lognormal its median', () => {
    const normal = draws({ type: 'normal', meanMs: 100, stddevMs: 10 });
    expect(quantile(normal, 0.5)).toBeGreaterThan(98);
    expect(quantile(normal, 0.5)).toBeLessThan(102);
    expect(quantile(normal, 0.841)).toBeGreaterThan(108);
    const lognormal = draws({ type: 'lognormal', medianMs: 120, sigma: 0.5 });
    expect(quantile(lognormal, 0.5)).toBeGreaterThan(115);
    expect(quantile(lognormal, 0.5)).toBeLessThan(125);
  });

  it('reproduces a percentile table', () => {
    const sorted = draws({ type: 'percentiles', p50: 100, p90: 300, p99: 900 });
    expect(quantile(sorted, 0.5)).toBeCloseTo(100, -1);
    expect(quantile(sorted, 0.9)).toBeCloseTo(300, -1);
    expect(Math.abs(quantile(sorted, 0.99) - 900)).toBeLessThan(30);
  });
});
