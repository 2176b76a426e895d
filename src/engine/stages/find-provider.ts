import type { IncomingMessage, ServerResponse } from 'node:http';
import type { EngineServices, RequestContext } from '../request-context.js';

/** The body until one is read: zero bytes, so one buffer serves every request. */
const NO_BODY = Buffer.alloc(0);

/**
 * The first stage: which provider serves the path (its first segment is the base path). Returns
 * the request's context, or undefined when no provider does (the admin API or an unknown path).
 */
export function findProvider(
  engine: EngineServices,
  req: IncomingMessage,
  res: ServerResponse,
): RequestContext | undefined {
  const url = req.url ?? '/';
  const queryAt = url.indexOf('?');
  const pathname = queryAt < 0 ? url : url.slice(0, queryAt);
  const slash = pathname.indexOf('/', 1);
  const provider = engine.providerAt(slash < 0 ? pathname.slice(1) : pathname.slice(1, slash));
  if (!provider) return undefined;
  return {
    engine,
    provider,
    req,
    res,
    request: {
      id: engine.streams.ids.next('req_'),
      method: req.method ?? 'GET',
      path: slash < 0 ? '/' : pathname.slice(slash),
      fullPath: pathname,
      query: new URLSearchParams(queryAt < 0 ? '' : url.slice(queryAt + 1)),
      headers: req.headers,
      params: {},
      rawBody: NO_BODY,
      body: undefined,
      receivedAt: engine.clock.now(),
    },
    recipients: [],
    diagnostics: [],
    faults: [],
    outcome: 'rejected',
    messages: [],
    subEvents: [],
    trace: [],
    startedAt: performance.now(),
    releases: [],
    faultDelayMs: 0,
  };
}
