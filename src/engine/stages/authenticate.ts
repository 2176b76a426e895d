import { answerError, type RequestContext } from '../request-context.js';

/** Checks credentials with the route's auth scheme; answers the provider's `unauthorized` on failure. */
export function authenticate(ctx: RequestContext): void {
  const scheme = ctx.route!.definition.auth;
  if (!scheme) return;
  const outcome = scheme.verify(ctx.request, ctx.engine.providerContext(ctx.provider));
  if (!outcome.ok) {
    ctx.diagnostics.push({
      pointer: '',
      keyword: `auth-${outcome.reason}`,
      message: outcome.detail,
      severity: 'error',
      errorKind: outcome.errorKind ?? 'unauthorized',
    });
    answerError(ctx, outcome.errorKind ?? 'unauthorized', outcome.detail);
  }
}
