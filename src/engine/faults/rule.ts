import type { CallbackChaos, FaultAction, FaultEffect } from './actions.js';
import type { Matcher, RequestFacts } from './matchers.js';
import type { ForcedOutcome } from '../types.js';

/** Counters a rule keeps (reset with the simulator). */
export interface RuleCounters {
  /** Requests every matcher let through. */
  seen: number;
  /** Times the action was applied. */
  applied: number;
}

/** A fault rule: when every matcher matches (and the counting limits allow), the action applies. */
export interface FaultRule {
  id: string;
  /** Where the rule came from: `config`, `scenario:<name>` or `admin`. */
  source: string;
  matchers: readonly Matcher[];
  action: FaultAction;
  /** Apply only to the nth request the matchers let through (1-based). */
  nth?: number;
  /** Apply to every nth such request. */
  everyNth?: number;
  /** Apply at most this many times. */
  times?: number;
  /** Go on to later rules after this one applied (default: the first applying rule wins). */
  continue?: boolean;
  counters: RuleCounters;
}

const sentences = new WeakMap<FaultRule, string>();

/** The rule as one sentence, e.g. "for sinch-sms, 10% of the time, answer server_error". */
export function explainRule(rule: FaultRule): string {
  let sentence = sentences.get(rule);
  if (sentence === undefined) {
    const counting = [
      rule.nth !== undefined ? `on request #${rule.nth}` : '',
      rule.everyNth !== undefined ? `every ${rule.everyNth}th request` : '',
      rule.times !== undefined ? `${rule.times} time(s)` : '',
    ].filter(Boolean);
    sentence = [...rule.matchers.map((m) => m.explain()), ...counting, rule.action.explain()].join(
      ', ',
    );
    sentences.set(rule, sentence);
  }
  return sentence;
}

/** What the rules decided for one request. */
export interface FaultDecision {
  /** Total delay of the applied latency actions. */
  delayMs: number;
  /** The answer that replaces the provider's, if a rule decided one. */
  terminal?: Extract<FaultEffect, { kind: 'error' | 'respond' | 'connection' }>;
  forcedOutcome?: ForcedOutcome;
  callbackChaos?: CallbackChaos;
  /** Sentences of every rule that acted. */
  explanations: string[];
  /** To run when the request ends (concurrency caps). */
  releases: (() => void)[];
  /** The rules that acted. */
  applied: FaultRule[];
}

/** Counts one request a rule's matchers let through, in this process; says whether the rule may act. */
export function countLocally(rule: FaultRule): boolean {
  const { counters } = rule;
  counters.seen++;
  return mayAct(rule, counters.seen, counters.applied);
}

/** Whether a rule that has seen `seen` requests and acted `applied` times may act on this one. */
export function mayAct(rule: FaultRule, seen: number, applied: number): boolean {
  if (rule.times !== undefined && applied >= rule.times) return false;
  if (rule.nth !== undefined && seen !== rule.nth) return false;
  if (rule.everyNth !== undefined && seen % rule.everyNth !== 0) return false;
  return true;
}

/** Whether a rule counts requests at all (`nth`, `everyNth`, `times`): only those need shared counters. */
export function countsRequests(rule: FaultRule): boolean {
  return rule.nth !== undefined || rule.everyNth !== undefined || rule.times !== undefined;
}

/** The rules whose matchers all let `facts` through, in order (matchers stop at the first miss). */
export function matchingRules(rules: readonly FaultRule[], facts: RequestFacts): FaultRule[] {
  return rules.filter((rule) => rule.matchers.every((m) => m.matches(facts)));
}

/**
 * Evaluates rules in order. Matchers are tested in order and stop at the first miss, so a
 * probability matcher placed last only draws for requests the others let through (keeping draws
 * reproducible). The first rule that acts wins, unless it says `continue`; a rule whose action
 * declines (a token was free) does not count as acting. Rules after the winner still count the
 * request, so `nth` and `everyNth` mean the nth request the rule's conditions match.
 */
export function decideFaults(rules: readonly FaultRule[], facts: RequestFacts): FaultDecision {
  const matched = matchingRules(rules, facts);
  return applyMatched(matched, matched.map(countLocally));
}

/** Applies the matched rules that `allowed` lets act (their counting said yes), in order. */
export function applyMatched(
  matched: readonly FaultRule[],
  allowed: readonly boolean[],
): FaultDecision {
  const decision: FaultDecision = { delayMs: 0, explanations: [], releases: [], applied: [] };
  let decided = false;
  matched.forEach((rule, i) => {
    if (!allowed[i] || decided) return;
    const effect = rule.action.apply();
    if (effect.kind === 'pass') {
      if (effect.release) decision.releases.push(effect.release);
      return;
    }
    rule.counters.applied++;
    decision.applied.push(rule);
    decision.explanations.push(explainRule(rule));
    if (effect.kind === 'delay') decision.delayMs += effect.ms;
    else if (effect.kind === 'forced-outcome') decision.forcedOutcome = effect.outcome;
    else if (effect.kind === 'callback-chaos')
      decision.callbackChaos = { ...decision.callbackChaos, ...effect.chaos };
    else {
      decision.terminal = effect;
      decided = true;
      return;
    }
    if (!rule.continue) decided = true;
  });
  return decision;
}
