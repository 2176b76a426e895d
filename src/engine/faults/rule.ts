import type { FaultAction, FaultEffect } from './actions.js';
import type { Matcher, RequestFacts } from './matchers.js';

/** A fault rule: when every matcher matches, the action applies. */
export interface FaultRule {
  id: string;
  matchers: readonly Matcher[];
  action: FaultAction;
}

const sentences = new WeakMap<FaultRule, string>();

/** The rule as one sentence, e.g. "for sinch-sms, 10% of the time, answer server_error". */
export function explainRule(rule: FaultRule): string {
  let sentence = sentences.get(rule);
  if (sentence === undefined) {
    sentence = [...rule.matchers.map((m) => m.explain()), rule.action.explain()].join(', ');
    sentences.set(rule, sentence);
  }
  return sentence;
}

/** What the rules decided for one request. */
export interface FaultDecision {
  /** Total delay of the matching non-terminal actions. */
  delayMs: number;
  /** The first matching terminal effect, if any. */
  terminal?: Extract<FaultEffect, { kind: 'error' }>;
  /** Sentences of every rule that acted. */
  explanations: string[];
}

/**
 * Evaluates rules in order: every matching delay adds up; the first matching terminal rule wins and
 * ends evaluation. Matchers are tested in order and stop at the first miss, so a probability matcher
 * placed last only draws for requests the other matchers let through (keeping draws reproducible).
 */
export function decideFaults(rules: readonly FaultRule[], facts: RequestFacts): FaultDecision {
  const decision: FaultDecision = { delayMs: 0, explanations: [] };
  for (const rule of rules) {
    if (!rule.matchers.every((m) => m.matches(facts))) continue;
    const effect = rule.action.effect();
    decision.explanations.push(explainRule(rule));
    if (effect.kind === 'delay') {
      decision.delayMs += effect.ms;
    } else {
      decision.terminal = effect;
      break;
    }
  }
  return decision;
}
