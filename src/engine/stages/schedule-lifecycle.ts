import type { RequestContext } from '../request-context.js';

/** Starts the status lifecycle of each accepted message (which sends its callbacks). */
export function scheduleLifecycle(ctx: RequestContext): void {
  if (ctx.outcome !== 'accepted' || ctx.messages.length === 0) return;
  ctx.messages.forEach((message, i) => {
    const journaled = ctx.journaled?.[i] ?? {
      id: message.id,
      recipient: message.recipient,
      status: 'accepted',
      direction: 'outbound' as const,
    };
    ctx.engine.lifecycle.track(ctx.provider, message, journaled, ctx.request.id, {
      forced: ctx.forcedOutcome,
      chaos: ctx.callbackChaos,
    });
  });
}
