import type { RequestContext } from '../request-context.js';

/**
 * Starts the status lifecycle of each accepted message (which sends its callbacks). With state
 * shared through Redis, the returned promise settles once every step is stored there.
 */
export function scheduleLifecycle(ctx: RequestContext): Promise<void> | undefined {
  if (ctx.outcome !== 'accepted' || ctx.messages.length === 0) return undefined;
  const stored: Promise<void>[] = [];
  ctx.messages.forEach((message, i) => {
    const journaled = ctx.journaled?.[i] ?? {
      id: message.id,
      recipient: message.recipient,
      status: 'accepted',
      direction: 'outbound' as const,
    };
    const pending = ctx.engine.lifecycle.track(ctx.provider, message, journaled, ctx.request.id, {
      forced: ctx.forcedOutcome,
      chaos: ctx.callbackChaos,
    });
    if (pending) stored.push(pending);
  });
  return stored.length > 0 ? Promise.all(stored).then(() => undefined) : undefined;
}
