import type { ConnectionFault } from '../faults/actions.js';
import type { RequestContext } from '../request-context.js';

/** Carries out a connection fault on the answer `payload` would have been. */
function breakConnection(
  ctx: RequestContext,
  fault: ConnectionFault,
  status: number,
  payload: string | Buffer,
): void {
  const { res, req } = ctx;
  const socket = res.socket;
  switch (fault.type) {
    case 'reset':
      socket?.resetAndDestroy();
      return;
    case 'timeout': {
      const timer = setTimeout(() => socket?.destroy(), fault.holdMs);
      timer.unref();
      req.once('close', () => clearTimeout(timer));
      return;
    }
    case 'malformed': {
      const bytes = Buffer.from(payload);
      const body =
        fault.mode === 'truncated'
          ? bytes.subarray(0, Math.max(1, Math.floor(bytes.length / 2)))
          : Buffer.from('<html>502 Bad Gateway</html>\x00\xff');
      res.statusCode = status;
      res.setHeader('content-type', 'application/json; charset=utf-8');
      res.end(body);
      return;
    }
    case 'trickle': {
      const bytes = Buffer.from(payload);
      res.statusCode = status;
      res.setHeader('content-type', 'application/json; charset=utf-8');
      res.setHeader('content-length', bytes.length);
      let offset = 0;
      const next = (): void => {
        if (res.destroyed) return;
        const chunk = bytes.subarray(offset, offset + fault.chunkBytes);
        offset += chunk.length;
        if (offset >= bytes.length) res.end(chunk);
        else res.write(chunk, () => setTimeout(next, fault.intervalMs).unref());
      };
      next();
      return;
    }
  }
}

/** Writes the decided answer (JSON unless the answer carries raw bytes), or breaks the connection. */
export function respond(ctx: RequestContext): void {
  const { res } = ctx;
  if (res.headersSent || res.destroyed) return;
  const response = ctx.response ?? { status: 500, body: { error: 'no answer was decided' } };
  const payload = response.rawBody ?? JSON.stringify(response.body ?? {});
  if (ctx.connectionFault) {
    breakConnection(ctx, ctx.connectionFault, response.status, payload);
    return;
  }
  // The length known up front and a string body: writeHead plus a single end(string) lets node
  // join the head and the body into one chunk, so the answer leaves in one write (a Buffer body is
  // queued as a second chunk; writev showed up as a fifth of the CPU).
  const length = typeof payload === 'string' ? Buffer.byteLength(payload) : payload.length;
  const headers: Record<string, string | number> = { 'content-length': length };
  if (response.rawBody === undefined) headers['content-type'] = 'application/json; charset=utf-8';
  // Lower-cased so a provider's `Content-Type` replaces the default instead of doubling it.
  const own = response.headers;
  if (own) for (const name of Object.keys(own)) headers[name.toLowerCase()] = own[name]!;
  res.writeHead(response.status, headers);
  res.end(payload);
}
