import net from 'node:net';
import type { FuzzRoute } from './hostile-requests.js';

/** What came back for one raw request. */
export type RawOutcome =
  | { type: 'answer'; status: number }
  /** The server closed or reset the connection without an answer. */
  | { type: 'closed' }
  /** No answer within the time allowed. */
  | { type: 'hang' };

/** Sends `bytes` on a fresh loopback connection and reads the status line of the answer. */
export function sendRaw(port: number, bytes: Buffer, timeoutMs: number): Promise<RawOutcome> {
  return new Promise((resolve) => {
    let head = '';
    let done = false;
    const finish = (outcome: RawOutcome): void => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      socket.destroy();
      resolve(outcome);
    };
    const socket = net.connect(port, '127.0.0.1', () => {
      // A lying Content-Length leaves the server waiting: half-close so it sees the end.
      socket.end(bytes);
    });
    const timer = setTimeout(() => finish({ type: 'hang' }), timeoutMs);
    socket.setEncoding('latin1');
    socket.on('data', (chunk: string) => {
      head += chunk;
      const match = /^HTTP\/1\.[01] (\d{3})/.exec(head);
      if (match) finish({ type: 'answer', status: Number(match[1]) });
      else if (head.length > 64) finish({ type: 'closed' });
    });
    socket.on('error', () => finish({ type: 'closed' }));
    socket.on('close', () => finish({ type: 'closed' }));
  });
}

/** The provider routes a running simulator serves, read from `GET /__admin/providers`. */
export async function providerRoutes(baseUrl: string): Promise<FuzzRoute[]> {
  const listing = (await (await fetch(`${baseUrl}/__admin/providers`)).json()) as {
    providers: { routes: { method: string; url: string }[] }[];
  };
  return listing.providers.flatMap((p) =>
    p.routes.map((r) => ({
      method: r.method,
      // Path parameters get a plausible value; the hostile part is the rest of the request.
      path: new URL(r.url).pathname.replace(/%7B[a-z_]+%7D|\{[a-z_]+\}/gi, 'fuzz-id'),
    })),
  );
}

/** Milliseconds `GET /__admin/health` takes to answer (Infinity when it does not within `timeoutMs`). */
export async function healthLatency(baseUrl: string, timeoutMs: number): Promise<number> {
  const started = performance.now();
  try {
    const response = await fetch(`${baseUrl}/__admin/health`, {
      signal: AbortSignal.timeout(timeoutMs),
    });
    await response.arrayBuffer();
    return performance.now() - started;
  } catch {
    return Infinity;
  }
}
