import type { CounterStore } from '../stores/counter-store.js';
import { countLocally, countsRequests, mayAct, type FaultRule } from './rule.js';

/**
 * Counts one request for each matched rule in counters every replica shares, so `nth`,
 * `everyNth` and `times` hold across the cluster. Rules that count nothing skip the round trip.
 */
export async function countShared(
  matched: readonly FaultRule[],
  counters: CounterStore,
): Promise<boolean[]> {
  return Promise.all(
    matched.map(async (rule) => {
      if (!countsRequests(rule)) return countLocally(rule);
      const [seen, applied] = await Promise.all([
        counters.increment(`rule:${rule.id}:seen`),
        rule.times !== undefined ? counters.get(`rule:${rule.id}:applied`) : Promise.resolve(0),
      ]);
      rule.counters.seen = seen;
      return mayAct(rule, seen, applied);
    }),
  );
}

/** Records in the shared counters that `rules` acted (for `times`). */
export async function recordSharedApplied(
  rules: readonly FaultRule[],
  counters: CounterStore,
): Promise<void> {
  await Promise.all(
    rules
      .filter((rule) => rule.times !== undefined)
      .map((rule) => counters.increment(`rule:${rule.id}:applied`)),
  );
}
