import { answerError, type RequestContext } from '../request-context.js';
import { matchPath, pathDistance } from '../routing/route-matcher.js';

/** Finds the provider route for the request, or answers the provider's own 404/405 with hints. */
export function matchRoute(ctx: RequestContext): void {
  const { request, provider } = ctx;
  const allowed: string[] = [];
  for (const route of provider.routes) {
    const params = matchPath(route.compiled, request.path);
    if (!params) continue;
    if (route.definition.method === request.method) {
      ctx.route = route;
      request.params = params;
      return;
    }
    allowed.push(route.definition.method);
  }
  const closest = provider.routes
    .map((r) => ({
      route: `${r.definition.method} ${provider.basePath}${r.definition.path}`,
      distance:
        pathDistance(request.path, r.definition.path) +
        (r.definition.method === request.method ? 0 : 1),
    }))
    .sort((a, b) => a.distance - b.distance)
    .slice(0, 3);
  ctx.subEvents.push({
    type: 'request-not-matched',
    offsetMs: 0,
    reason:
      allowed.length > 0
        ? `method ${request.method} not allowed; allowed: ${allowed.join(', ')}`
        : 'no route has this path',
    closest,
  });
  if (allowed.length > 0) {
    answerError(
      ctx,
      'method_not_allowed',
      `${request.method} is not allowed here; use ${allowed.join(' or ')}`,
      undefined,
      'unmatched',
    );
    ctx.response!.headers = { ...ctx.response!.headers, allow: allowed.join(', ') };
  } else {
    const hint = closest[0] ? `; closest route: ${closest[0].route}` : '';
    answerError(
      ctx,
      'not_found',
      `no ${provider.definition.id} route at ${request.fullPath}${hint}`,
      undefined,
      'unmatched',
    );
  }
  ctx.req.resume();
}
