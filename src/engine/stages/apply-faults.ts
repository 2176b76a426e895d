import type { RequestFacts } from '../faults/matchers.js';
import { applyMatched, decideFaults, matchingRules, type FaultDecision } from '../faults/rule.js';
import { countShared, recordSharedApplied } from '../faults/shared-counting.js';
import { answerError, type RequestContext } from '../request-context.js';

/**
 * Applies the fault rules: added latency, an injected answer or broken connection, and what
 * follows the send. Returns a promise only when a rule adds latency or the counts are shared with
 * other replicas: the pipeline awaits nothing (no microtask hop) on the common path.
 */
export function applyFaults(ctx: RequestContext): void | Promise<void> {
  const rules = ctx.engine.faults.rules();
  if (rules.length === 0) return;
  const facts: RequestFacts = {
    provider: ctx.provider.definition.id,
    route: ctx.route!.definition.id,
    recipients: ctx.recipients,
    headers: ctx.req.headers,
    params: ctx.request.params,
    body: ctx.request.body,
    now: ctx.engine.clock.now(),
  };
  const shared = ctx.engine.shared?.counters;
  if (!shared) return carryOut(ctx, decideFaults(rules, facts));
  // Replicas share the counts, so `nth` / `everyNth` / `times` hold across the cluster.
  const matched = matchingRules(rules, facts);
  return countShared(matched, shared).then(async (allowed) => {
    const decision = applyMatched(matched, allowed);
    if (decision.applied.length > 0) await recordSharedApplied(decision.applied, shared);
    await carryOut(ctx, decision);
  });
}

/** Records what the rules decided and carries it out (after the added latency, if any). */
function carryOut(ctx: RequestContext, decision: FaultDecision): void | Promise<void> {
  ctx.faults.push(...decision.explanations);
  ctx.releases.push(...decision.releases);
  if (decision.forcedOutcome) ctx.forcedOutcome = decision.forcedOutcome;
  if (decision.callbackChaos) ctx.callbackChaos = decision.callbackChaos;
  if (decision.delayMs > 0) {
    ctx.faultDelayMs = Math.round(decision.delayMs * 100) / 100;
    return ctx.engine.sleep(decision.delayMs).then(() => applyTerminal(ctx, decision.terminal));
  }
  applyTerminal(ctx, decision.terminal);
}
/** Carries out the rule that decides the answer, if one did. */
function applyTerminal(ctx: RequestContext, terminal: FaultDecision['terminal']): void {
  if (!terminal) return;
  if (terminal.kind === 'error') {
    answerError(ctx, terminal.error, terminal.detail, undefined, 'fault');
    const native = ctx.provider.definition.errors[terminal.error];
    if (terminal.retryAfterMs !== undefined && native?.retryAfter) {
      ctx.response!.headers = {
        ...ctx.response!.headers,
        'retry-after': String(Math.max(1, Math.ceil(terminal.retryAfterMs / 1000))),
      };
    }
  } else if (terminal.kind === 'respond') {
    ctx.response = terminal.response;
    ctx.outcome = 'fault';
  } else {
    // The provider still handles the request (a send is accepted and its callbacks follow); only
    // its answer is lost or spoiled on the way back, the case a gateway finds hardest.
    ctx.connectionFault = terminal.fault;
  }
}
