import { answerError, type RequestContext } from '../request-context.js';

/**
 * With state shared through Redis, a send the replicas could not share (its DLR steps, its
 * journal entry) must not be accepted: while Redis is unreachable the provider answers its native
 * `unavailable` (503) instead, and serves again once the connection is back.
 */
export function requireSharedState(ctx: RequestContext): void {
  const shared = ctx.engine.shared;
  if (!shared || shared.healthy()) return;
  ctx.req.resume();
  answerError(
    ctx,
    'unavailable',
    'the shared state store (redis) is unreachable; try again shortly',
  );
}
