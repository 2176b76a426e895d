import { refuseTarget } from '../dispatcher/target-allowlist.js';
import { answerError, type RequestContext } from '../request-context.js';
import { appendDiagnostics } from '../validation/diagnostics.js';

/** Schema check, then the provider's own rules; findings are kept (up to a bound), the first error answers. */
export function validate(ctx: RequestContext): void {
  const route = ctx.route!.definition;
  if (route.requestSchema) {
    appendDiagnostics(
      ctx.diagnostics,
      ctx.engine.schemas.validate(route.requestSchema, ctx.request.body),
    );
  }
  // Provider rules assume a schema-valid body, so they run only when the schema passed.
  if (route.validate && !ctx.diagnostics.some((d) => d.severity === 'error')) {
    appendDiagnostics(
      ctx.diagnostics,
      route.validate(ctx.request, ctx.engine.providerContext(ctx.provider)),
    );
  }
  if (route.callbackTargets) {
    const allowed = ctx.engine.config.callbacks.allowedHosts;
    for (const [pointer, target] of Object.entries(route.callbackTargets(ctx.request))) {
      const refusal = refuseTarget(target, allowed);
      if (refusal) {
        ctx.diagnostics.push({
          pointer,
          keyword: 'callback-target',
          message: `${pointer}: ${refusal}`,
          severity: 'error',
        });
      }
    }
  }
  const first = ctx.diagnostics.find((d) => d.severity === 'error');
  if (first) answerError(ctx, first.errorKind ?? 'invalid_request', first.message, first.pointer);
}
