import { answerError, type RequestContext } from '../request-context.js';

/** Hands the valid request to the provider, which answers and names the messages it accepted. */
export function accept(ctx: RequestContext): void {
  const result = ctx.route!.definition.accept(
    ctx.request,
    ctx.engine.providerContext(ctx.provider),
  );
  if ('error' in result) {
    answerError(ctx, result.error, result.detail, result.pointer);
    return;
  }
  ctx.response = result.response;
  ctx.messages = result.messages ?? [];
  ctx.outcome = 'accepted';
}
