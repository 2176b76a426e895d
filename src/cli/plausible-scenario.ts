import type { Faker } from '@faker-js/faker';

/** One fault rule a bad day at `provider` may bring. */
type RuleMaker = (provider: string, faker: Faker) => Record<string, unknown>;

const RULES: readonly RuleMaker[] = [
  (p, f) => {
    const seconds = f.helpers.arrayElement([30, 60, 120]);
    return {
      id: `${p}-down`,
      description: `${p} answers its native 503 for the first ${seconds} s`,
      match: { provider: p, until: `${seconds}s` },
      then: { error: 'unavailable' },
    };
  },
  (p, f) => ({
    id: `slow-${p}`,
    description: `${p} answers in about ${f.helpers.arrayElement([300, 800, 1500])} ms`,
    match: { provider: p },
    then: {
      latency: {
        type: 'lognormal',
        medianMs: f.helpers.arrayElement([300, 800, 1500]),
        sigma: 0.5,
      },
    },
    continue: true,
  }),
  (p, f) => {
    const rate = f.helpers.arrayElement([5, 10, 20]);
    return {
      id: 'rate-limit',
      description: `${p} takes at most ${rate} sends a second`,
      match: { provider: p },
      then: { throttle: { ratePerSecond: rate, burst: rate * 2 } },
    };
  },
  (p, f) => {
    const nth = f.helpers.arrayElement([5, 10, 20]);
    return {
      id: 'server-errors',
      description: `every ${nth}th send to ${p} fails with a 500`,
      match: { provider: p, everyNth: nth },
      then: { error: 'server_error' },
    };
  },
  (p, f) => ({
    id: 'duplicated',
    description: 'some messages get each delivery report twice',
    match: { provider: p, probability: f.helpers.arrayElement([0.1, 0.2]) },
    then: { callbacks: { duplicate: 1 } },
    continue: true,
  }),
  (p) => ({
    id: 'lost-reports',
    description: '1 delivery report in 10 never arrives',
    match: { provider: p },
    then: { callbacks: { drop: 0.1 } },
  }),
];

/**
 * A fault scenario as someone would write one: a bad day at one of `providers`, with two or three
 * of the rules the shipped scenarios use (an outage window, latency, throttling, lost reports).
 */
export function plausibleScenario(providers: readonly string[], faker: Faker): unknown {
  const provider = faker.helpers.arrayElement(providers);
  const rules = faker.helpers
    .arrayElements(RULES, { min: 2, max: 3 })
    .map((make) => make(provider, faker));
  return {
    name: `${provider}-bad-day`,
    description: `A bad day at ${provider}: ${rules.map((r) => r.description).join('; ')}.`,
    rules,
  };
}
