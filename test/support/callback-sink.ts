import http from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request the sink received. */
export interface ReceivedCallback {
  path: string;
  headers: http.IncomingHttpHeaders;
  raw: string;
  body: unknown;
  at: number;
}

/** A real HTTP server standing in for a gateway's callback endpoint, recording what arrives. */
export interface CallbackSink {
  url: string;
  received: ReceivedCallback[];
  /** Status codes to answer, in order; once used up every answer is 200. */
  answerWith(statuses: number[]): void;
  /** Resolves once `count` callbacks have arrived (rejects after `timeoutMs`). */
  waitFor(count: number, timeoutMs?: number): Promise<ReceivedCallback[]>;
  close(): Promise<void>;
}

/** Starts a sink on a free loopback port. */
export async function startCallbackSink(): Promise<CallbackSink> {
  const received: ReceivedCallback[] = [];
  let script: number[] = [];
  const waiters: (() => void)[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const raw = Buffer.concat(chunks).toString('utf8');
      let body: unknown = raw;
      try {
        body = JSON.parse(raw);
      } catch {
        // keep the raw text
      }
      received.push({ path: req.url ?? '/', headers: req.headers, raw, body, at: Date.now() });
      res.statusCode = script.shift() ?? 200;
      res.end('{"status":"success"}');
      for (const wake of waiters.splice(0)) wake();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/callbacks`,
    received,
    answerWith(statuses) {
      script = [...statuses];
    },
    async waitFor(count, timeoutMs = 5000) {
      const deadline = Date.now() + timeoutMs;
      while (received.length < count) {
        const left = deadline - Date.now();
        if (left <= 0) throw new Error(`expected ${count} callbacks, got ${received.length}`);
        await new Promise<void>((resolve) => {
          waiters.push(resolve);
          setTimeout(resolve, Math.min(left, 50));
        });
      }
      return received.slice(0, count);
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
