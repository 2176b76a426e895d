import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { EngineConfig } from '../engine/engine-config.js';

/** The server limits `HttpServer` applies (the `server` section of the config). */
export type ServerLimits = EngineConfig['server'];

/** Node's own defaults, for callers that give no limits. */
const NODE_LIKE_LIMITS: ServerLimits = {
  headersTimeoutMs: 60_000,
  requestTimeoutMs: 300_000,
  keepAliveTimeoutMs: 65_000,
  maxConnections: 0,
};

/** The simulator's HTTP server: one listener, closed gracefully. */
export class HttpServer {
  private server: http.Server | undefined;
  /** `http://host:port` once listening. */
  url: string | undefined;

  constructor(
    private readonly handler: (req: IncomingMessage, res: ServerResponse) => void,
    private readonly limits: ServerLimits = NODE_LIKE_LIMITS,
  ) {}

  /** Listens on `host:port` (0 picks a free port); resolves to the base URL. */
  listen(port: number, host: string): Promise<string> {
    return new Promise((resolve, reject) => {
      const { requestTimeoutMs, headersTimeoutMs, keepAliveTimeoutMs, maxConnections } =
        this.limits;
      // A client that stalls its headers or body is dropped after these (Node answers 408).
      const created = http.createServer(
        {
          requestTimeout: requestTimeoutMs,
          // Node refuses a headers timeout longer than the request timeout.
          headersTimeout: Math.min(headersTimeoutMs, requestTimeoutMs),
          keepAliveTimeout: keepAliveTimeoutMs,
          // Timeouts are checked this often; short configured timeouts need a finer check.
          connectionsCheckingInterval: Math.min(30_000, Math.max(50, requestTimeoutMs / 4)),
        },
        this.handler,
      );
      // Connections past the cap are closed at once by Node.
      if (maxConnections > 0) created.maxConnections = maxConnections;
      created.once('error', reject);
      created.listen(port, host, () => {
        created.off('error', reject);
        const address = created.address() as AddressInfo;
        const shown = address.family === 'IPv6' ? `[${address.address}]` : address.address;
        this.url = `http://${shown}:${address.port}`;
        this.server = created;
        resolve(this.url);
      });
    });
  }

  /**
   * Stops accepting and closes idle connections; `whileOpen` runs before busy connections are cut
   * (the drain sends pending callbacks meanwhile). Resolves once the server closed.
   */
  async close<T>(whileOpen: () => Promise<T>): Promise<T> {
    const server = this.server;
    const closing = server
      ? new Promise<void>((resolve) => server.close(() => resolve()))
      : Promise.resolve();
    server?.closeIdleConnections();
    const result = await whileOpen();
    server?.closeAllConnections();
    await closing;
    this.server = undefined;
    return result;
  }
}
