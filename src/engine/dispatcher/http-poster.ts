import http from 'node:http';
import https from 'node:https';

/** The outcome of one HTTP POST: a status and (truncated) body, or a transport error. */
export interface PostResult {
  status?: number;
  body?: string;
  error?: string;
  durationMs: number;
}

/** Most bytes of a gateway's answer kept for the journal. */
const MAX_ANSWER_BYTES = 2048;

/** Most parsed targets kept; gateways use a handful, so this only bounds hostile configurations. */
const MAX_CACHED_TARGETS = 1024;

/** A target parsed once: what `http.request` needs from it. */
interface ParsedTarget {
  secure: boolean;
  hostname: string;
  port: string;
  path: string;
  auth?: string;
}

/** `result` with the milliseconds since `started`. */
const finished = (started: number, result: Omit<PostResult, 'durationMs'>): PostResult => ({
  ...result,
  durationMs: Math.round((performance.now() - started) * 10) / 10,
});

function parseTarget(target: string): ParsedTarget | undefined {
  let url: URL;
  try {
    url = new URL(target);
  } catch {
    return undefined;
  }
  // The same fields node's own URL-to-options conversion takes (IPv6 brackets stripped).
  const hostname = url.hostname.startsWith('[') ? url.hostname.slice(1, -1) : url.hostname;
  const auth =
    url.username || url.password
      ? `${decodeURIComponent(url.username)}:${decodeURIComponent(url.password)}`
      : undefined;
  return {
    secure: url.protocol === 'https:',
    hostname,
    port: url.port,
    path: `${url.pathname}${url.search}`,
    ...(auth !== undefined && { auth }),
  };
}

/** Most connections open to one host at once; further posts to it wait their turn. */
const MAX_SOCKETS_PER_HOST = 64;

/** A post waiting for one of its host's connections. */
interface Waiting {
  url: ParsedTarget;
  payload: string;
  headers: Record<string, string>;
  resolve(result: PostResult): void;
  started: number;
}

/** Posts to one host: how many are on the wire, and those waiting in order. */
interface HostQueue {
  active: number;
  waiting: Waiting[];
  /** Index of the next waiting post (the array is compacted now and then, not shifted). */
  head: number;
}

/**
 * Posts JSON over keep-alive connections; never throws. At most `MAX_SOCKETS_PER_HOST` requests
 * to one host exist at once: the rest wait here as plain records, not as requests queued in the
 * agent, so thousands of callbacks to a gateway that is down cost almost nothing until their turn
 * (and nothing at all when the process stops first).
 */
export class HttpPoster {
  private readonly httpAgent = new http.Agent({
    keepAlive: true,
    maxSockets: MAX_SOCKETS_PER_HOST,
  });
  private readonly httpsAgent = new https.Agent({
    keepAlive: true,
    maxSockets: MAX_SOCKETS_PER_HOST,
  });

  /** Targets parsed so far (callbacks go to the same few URLs over and over). */
  private readonly targets = new Map<string, ParsedTarget | undefined>();
  /** Posts per host (`https:host:port`). */
  private readonly hosts = new Map<string, HostQueue>();
  private closed = false;

  constructor(private readonly timeoutMs: number) {}

  private parsed(target: string): ParsedTarget | undefined {
    if (this.targets.has(target)) return this.targets.get(target);
    const parsed = parseTarget(target);
    if (this.targets.size >= MAX_CACHED_TARGETS) this.targets.clear();
    this.targets.set(target, parsed);
    return parsed;
  }

  /** Posts `payload` to `target` once one of its host's connections is free. */
  post(target: string, payload: string, headers: Record<string, string>): Promise<PostResult> {
    const started = performance.now();
    const url = this.parsed(target);
    if (!url)
      return Promise.resolve(finished(started, { error: `invalid callback URL "${target}"` }));
    if (this.closed)
      return Promise.resolve(finished(started, { error: 'not sent: shutting down' }));
    const key = `${url.secure ? 'https' : 'http'}:${url.hostname}:${url.port}`;
    let host = this.hosts.get(key);
    if (!host) this.hosts.set(key, (host = { active: 0, waiting: [], head: 0 }));
    return new Promise((resolve) => {
      const post: Waiting = { url, payload, headers, resolve, started };
      if (host.active < MAX_SOCKETS_PER_HOST) this.send(key, host, post);
      else host.waiting.push(post);
    });
  }

  /** Sends `post` now; when it is answered, the host's next waiting post goes out. */
  private send(key: string, host: HostQueue, post: Waiting): void {
    host.active++;
    this.request(post).then(
      (result) => {
        host.active--;
        post.resolve(result);
        const next = host.waiting[host.head];
        if (next) {
          host.waiting[host.head++] = undefined as unknown as Waiting;
          if (host.head > 1024 && host.head * 2 > host.waiting.length) {
            host.waiting = host.waiting.slice(host.head);
            host.head = 0;
          }
          this.send(key, host, next);
        } else if (host.active === 0) this.hosts.delete(key);
      },
      () => undefined,
    );
  }

  private request({ url, payload, headers, started }: Waiting): Promise<PostResult> {
    const done = (result: Omit<PostResult, 'durationMs'>): PostResult => finished(started, result);
    return new Promise((resolve) => {
      if (this.closed) {
        resolve(done({ error: 'not sent: shutting down' }));
        return;
      }
      const secure = url.secure;
      const request = (secure ? https : http).request(
        {
          protocol: secure ? 'https:' : 'http:',
          hostname: url.hostname,
          ...(url.port !== '' && { port: url.port }),
          path: url.path,
          ...(url.auth !== undefined && { auth: url.auth }),
          method: 'POST',
          agent: secure ? this.httpsAgent : this.httpAgent,
          headers: {
            'content-type': 'application/json',
            'content-length': String(Buffer.byteLength(payload)),
            'user-agent': 'provider-sim',
            ...headers,
          },
          timeout: this.timeoutMs,
        },
        (response) => {
          const chunks: Buffer[] = [];
          let size = 0;
          response.on('data', (chunk: Buffer) => {
            if (size < MAX_ANSWER_BYTES) chunks.push(chunk);
            size += chunk.length;
          });
          response.on('end', () =>
            resolve(
              done({
                status: response.statusCode,
                body: Buffer.concat(chunks).subarray(0, MAX_ANSWER_BYTES).toString('utf8'),
              }),
            ),
          );
          response.on('error', (error) =>
            resolve(done({ status: response.statusCode, error: error.message })),
          );
        },
      );
      request.on('timeout', () =>
        request.destroy(new Error(`no answer within ${this.timeoutMs} ms`)),
      );
      request.on('error', (error: NodeJS.ErrnoException) =>
        resolve(done({ error: error.code ? `${error.code}: ${error.message}` : error.message })),
      );
      request.end(payload);
    });
  }

  /**
   * Closes every connection, open requests included, and answers the posts still waiting for one
   * as not sent, without sending them.
   */
  close(): void {
    this.closed = true;
    const hosts = [...this.hosts.values()];
    this.hosts.clear();
    for (const host of hosts) {
      for (let i = host.head; i < host.waiting.length; i++) {
        const post = host.waiting[i]!;
        post.resolve(finished(post.started, { error: 'not sent: shutting down' }));
      }
      host.waiting = [];
    }
    this.httpAgent.destroy();
    this.httpsAgent.destroy();
  }
}
