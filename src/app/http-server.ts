import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** The simulator's HTTP server: one listener, closed gracefully. */
export class HttpServer {
  private server: http.Server | undefined;
  /** `http://host:port` once listening. */
  url: string | undefined;

  constructor(private readonly handler: (req: IncomingMessage, res: ServerResponse) => void) {}

  /** Listens on `host:port` (0 picks a free port); resolves to the base URL. */
  listen(port: number, host: string): Promise<string> {
    return new Promise((resolve, reject) => {
      const created = http.createServer(this.handler);
      created.keepAliveTimeout = 65_000;
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
