import { decideFaults } from '../faults/rule.js';
import { answerError, type RequestContext } from '../request-context.js';

/** Applies the first matching fault rules: added latency, then possibly an injected native error. */
export async function applyFaults(ctx: RequestContext): Promise<void> {
  const rules = ctx.engine.faultRules;
  if (rules.length === 0) return;
  const decision = decideFaults(rules, {
    provider: ctx.provider.definition.id,
    route: ctx.route!.definition.id,
    recipients: ctx.recipients,
    headers: ctx.req.headers,
  });
  ctx.faults.push(...decision.explanations);
  if (decision.delayMs > 0) {
    const ms = decision.delayMs;
    await new Promise<void>((resolve) => ctx.engine.clock.setTimer(ms, resolve));
  }
  if (decision.terminal)
    answerError(ctx, decision.terminal.error, decision.terminal.detail, undefined, 'fault');
}
