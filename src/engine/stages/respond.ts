import type { RequestContext } from '../request-context.js';

/** Writes the decided answer (JSON unless the answer carries raw bytes). */
export function respond(ctx: RequestContext): void {
  const { res } = ctx;
  if (res.headersSent || res.destroyed) return;
  const response = ctx.response ?? { status: 500, body: { error: 'no answer was decided' } };
  const payload = response.rawBody ?? JSON.stringify(response.body ?? {});
  res.statusCode = response.status;
  if (response.rawBody === undefined)
    res.setHeader('content-type', 'application/json; charset=utf-8');
  res.setHeader('content-length', Buffer.byteLength(payload));
  if (response.headers)
    for (const [name, value] of Object.entries(response.headers)) res.setHeader(name, value);
  res.end(payload);
}
