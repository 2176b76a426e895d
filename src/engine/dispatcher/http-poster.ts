import net from 'node:net';
import tls from 'node:tls';
import { Http1ResponseParser, type ParsedResponse } from './http1-response-parser.js';

/** The outcome of one HTTP POST: a status and (truncated) body, or a transport error. */
export interface PostResult {
  status?: number;
  body?: string;
  error?: string;
  /** The request could never be sent as asked (an invalid URL or header): retrying cannot help. */
  unsendable?: true;
  durationMs: number;
}

/** Most bytes of a gateway's answer kept for the journal. */
const MAX_ANSWER_BYTES = 2048;

/** Most parsed targets kept; gateways use a handful, so this only bounds hostile configurations. */
const MAX_CACHED_TARGETS = 1024;

/** Most connections open to one host at once; further posts to it wait their turn. */
const MAX_SOCKETS_PER_HOST = 64;

/**
 * How long a kept-alive connection may sit idle before we close it: with the sweep's granularity,
 * under node's default server keep-alive (5 s), so we close first rather than write into a
 * connection the gateway is closing. A shorter `Keep-Alive: timeout=N` from the gateway wins.
 */
const IDLE_MS = 3500;
/** Margin taken off a gateway's `Keep-Alive` hint, for the same reason (sweep included). */
const HINT_MARGIN_MS = 1000;
/** How often idle connections are looked at (one timer for all, not one per request). */
const SWEEP_MS = 500;

/** A target parsed once: where to connect and the request head's fixed part. */
interface ParsedTarget {
  secure: boolean;
  hostname: string;
  port: number;
  /** `https:host:port`: posts with the same key share connections. */
  key: string;
  /** `POST <path> HTTP/1.1` plus the Host (and Authorization, from URL credentials) lines. */
  headStart: string;
}

/** `result` (a fresh object, completed in place: no copy per callback) with the ms since `started`. */
function finished(started: number, result: Omit<PostResult, 'durationMs'>): PostResult {
  const done = result as PostResult;
  done.durationMs = Math.round((performance.now() - started) * 10) / 10;
  return done;
}

function parseTarget(target: string): ParsedTarget | undefined {
  let url: URL;
  try {
    url = new URL(target);
  } catch {
    return undefined;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined;
  const secure = url.protocol === 'https:';
  const hostname = url.hostname.startsWith('[') ? url.hostname.slice(1, -1) : url.hostname;
  const port = url.port === '' ? (secure ? 443 : 80) : Number(url.port);
  let head = `POST ${url.pathname}${url.search} HTTP/1.1\r\nHost: ${url.host}\r\n`;
  if (url.username || url.password) {
    const credentials = `${decodeURIComponent(url.username)}:${decodeURIComponent(url.password)}`;
    head += `Authorization: Basic ${Buffer.from(credentials).toString('base64')}\r\n`;
  }
  return {
    secure,
    hostname,
    port,
    key: `${secure ? 'https' : 'http'}:${hostname}:${port}`,
    headStart: head,
  };
}

// RFC 9110 token characters for names.
const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
// node's own rule for header values: tab, visible ASCII and latin-1 bytes.
const BAD_VALUE = /[^\t\x20-\x7e\x80-\xff]/;
/** Anything beyond ASCII in a head (latin-1 header bytes). */
const NON_ASCII = /[^\t\r\n\x20-\x7e]/;

/** The request head for `payload`, or why a header cannot be sent. */
function requestHead(
  url: ParsedTarget,
  payload: string,
  headers: Record<string, string>,
): string | { error: string } {
  let head = url.headStart;
  let contentType = false;
  let userAgent = false;
  for (const name of Object.keys(headers)) {
    const value = String(headers[name]);
    if (!HEADER_NAME.test(name)) return { error: `invalid callback header name "${name}"` };
    if (BAD_VALUE.test(value)) return { error: `invalid value in callback header "${name}"` };
    const lower = name.toLowerCase();
    // The body's length is ours to state; the host is the target's.
    if (lower === 'content-length' || lower === 'host' || lower === 'connection') continue;
    if (lower === 'content-type') contentType = true;
    if (lower === 'user-agent') userAgent = true;
    head += `${name}: ${value}\r\n`;
  }
  if (!contentType) head += 'Content-Type: application/json\r\n';
  if (!userAgent) head += 'User-Agent: provider-sim\r\n';
  return `${head}Content-Length: ${Buffer.byteLength(payload)}\r\n\r\n`;
}

/** A post waiting for, or using, one of its host's connections. */
interface Post {
  url: ParsedTarget;
  /** Head and body together: one write per request. */
  bytes: string | Buffer;
  resolve(result: PostResult): void;
  started: number;
}

/** One kept-alive connection and the post it is carrying, if any. */
interface Connection {
  socket: net.Socket;
  parser: Http1ResponseParser;
  post: Post | undefined;
  /** `performance.now()` when it last became idle. */
  idleSince: number;
  /** How long it may stay idle (the gateway's hint, or `IDLE_MS`). */
  idleMs: number;
}

/** Posts to one host: its connections, and the posts waiting in order for one. */
interface HostQueue {
  key: string;
  /** Open connections, busy or idle. */
  open: Set<Connection>;
  /** Idle connections, most recently used last. */
  idle: Connection[];
  waiting: Post[];
  /** Index of the next waiting post (the array is compacted now and then, not shifted). */
  head: number;
}

/**
 * Posts JSON over kept-alive HTTP/1.1 connections; never throws. Each request leaves in a single
 * write and its answer is read by a small parser: node's `http.request` spends several times as
 * much per callback on objects and events a fire-and-read POST does not need. At most
 * `MAX_SOCKETS_PER_HOST` connections to one host exist at once, one request on each (no
 * pipelining): the rest wait here as plain records, so thousands of callbacks to a gateway that is
 * down cost almost nothing until their turn (and nothing at all when the process stops first).
 */
export class HttpPoster {
  /** Targets parsed so far (callbacks go to the same few URLs over and over). */
  private readonly targets = new Map<string, ParsedTarget | undefined>();
  /** Posts per host (`https:host:port`). */
  private readonly hosts = new Map<string, HostQueue>();
  private closed = false;
  private sweeper: NodeJS.Timeout | undefined;

  /** `timeoutMs`: how long a request may wait for any byte of its answer (or of its connection). */
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
    if (!url) {
      return Promise.resolve(
        finished(started, { error: `invalid callback URL "${target}"`, unsendable: true }),
      );
    }
    if (this.closed)
      return Promise.resolve(finished(started, { error: 'not sent: shutting down' }));
    const head = requestHead(url, payload, headers);
    if (typeof head !== 'string') {
      return Promise.resolve(finished(started, { error: head.error, unsendable: true }));
    }
    let host = this.hosts.get(url.key);
    if (!host)
      this.hosts.set(
        url.key,
        (host = { key: url.key, open: new Set(), idle: [], waiting: [], head: 0 }),
      );
    const queue = host;
    return new Promise((resolve) => {
      // Header values are latin-1 on the wire and the body UTF-8: one string when both agree.
      const bytes = NON_ASCII.test(head)
        ? Buffer.concat([Buffer.from(head, 'latin1'), Buffer.from(payload)])
        : head + payload;
      const post: Post = { url, bytes, resolve, started };
      const idle = queue.idle.pop();
      if (idle) this.send(idle, post);
      else if (queue.open.size < MAX_SOCKETS_PER_HOST) this.send(this.connect(queue, url), post);
      else queue.waiting.push(post);
    });
  }

  private connect(host: HostQueue, url: ParsedTarget): Connection {
    const socket = url.secure
      ? tls.connect({
          host: url.hostname,
          port: url.port,
          // SNI takes names, not addresses.
          ...(net.isIP(url.hostname) === 0 && { servername: url.hostname }),
          ALPNProtocols: ['http/1.1'],
        })
      : net.connect({ host: url.hostname, port: url.port });
    socket.setNoDelay(true);
    // Armed for the connection's life: node restarts it on every read and write, so it fires only
    // when a request (or the connect) hears nothing for that long; idle connections are swept first.
    socket.setTimeout(this.timeoutMs);
    const connection: Connection = {
      socket,
      parser: new Http1ResponseParser(MAX_ANSWER_BYTES),
      post: undefined,
      idleSince: 0,
      idleMs: IDLE_MS,
    };
    host.open.add(connection);
    socket.on('data', (data: Buffer) => this.received(host, connection, data));
    socket.on('end', () => this.ended(host, connection));
    socket.on('timeout', () =>
      this.failed(host, connection, `no answer within ${this.timeoutMs} ms`),
    );
    socket.on('error', (error: NodeJS.ErrnoException) =>
      this.failed(host, connection, error.code ? `${error.code}: ${error.message}` : error.message),
    );
    socket.on('close', () => this.failed(host, connection, 'connection closed before the answer'));
    return connection;
  }

  private send(connection: Connection, post: Post): void {
    connection.post = post;
    connection.socket.write(post.bytes);
  }

  private received(host: HostQueue, connection: Connection, data: Buffer): void {
    if (!connection.post) {
      // An idle connection has nothing to say; whatever it sends makes it unusable.
      this.drop(host, connection);
      return;
    }
    let response: ParsedResponse | undefined;
    try {
      response = connection.parser.push(data);
    } catch (error) {
      this.failed(host, connection, `unreadable answer: ${(error as Error).message}`);
      return;
    }
    if (response) this.answered(host, connection, response);
  }

  private ended(host: HostQueue, connection: Connection): void {
    if (connection.post && connection.parser.readsToEnd) {
      this.answered(host, connection, connection.parser.end());
      return;
    }
    this.failed(host, connection, 'connection closed before the answer');
  }

  /** The post on `connection` was answered: settle it and reuse or close the connection. */
  private answered(host: HostQueue, connection: Connection, response: ParsedResponse): void {
    const post = connection.post!;
    connection.post = undefined;
    post.resolve(finished(post.started, { status: response.status, body: response.body }));
    if (!response.keepAlive || this.closed) {
      this.drop(host, connection);
      return;
    }
    if (response.keepAliveMs !== undefined) {
      connection.idleMs = Math.max(0, Math.min(IDLE_MS, response.keepAliveMs - HINT_MARGIN_MS));
    }
    const next = this.nextWaiting(host);
    if (next) {
      this.send(connection, next);
      return;
    }
    if (connection.idleMs === 0) {
      this.drop(host, connection);
      return;
    }
    connection.idleSince = performance.now();
    host.idle.push(connection);
    this.sweepSoon();
  }

  /** The connection broke: settle its post with `error`, close it, and let a waiting post in. */
  private failed(host: HostQueue, connection: Connection, error: string): void {
    const post = connection.post;
    connection.post = undefined;
    post?.resolve(finished(post.started, { error }));
    this.drop(host, connection);
  }

  private drop(host: HostQueue, connection: Connection): void {
    if (!host.open.delete(connection)) return;
    const idle = host.idle.indexOf(connection);
    if (idle >= 0) host.idle.splice(idle, 1);
    connection.socket.destroy();
    const post = connection.post;
    connection.post = undefined;
    post?.resolve(finished(post.started, { error: 'connection closed before the answer' }));
    // A freed slot goes to the next waiting post on a new connection.
    const next = this.closed ? undefined : this.nextWaiting(host);
    if (next) this.send(this.connect(host, next.url), next);
    else if (host.open.size === 0 && this.hosts.get(host.key) === host) this.hosts.delete(host.key);
  }

  /** Starts the idle sweep, unless it runs already (it stops once no connection is idle). */
  private sweepSoon(): void {
    if (this.sweeper || this.closed) return;
    this.sweeper = setInterval(() => this.sweep(), SWEEP_MS);
    this.sweeper.unref();
  }

  /** Closes the connections idle longer than they may be. */
  private sweep(): void {
    const now = performance.now();
    let idle = 0;
    for (const host of [...this.hosts.values()]) {
      for (const connection of [...host.idle]) {
        if (now - connection.idleSince >= connection.idleMs) this.drop(host, connection);
      }
      idle += host.idle.length;
    }
    if (idle === 0 && this.sweeper) {
      clearInterval(this.sweeper);
      this.sweeper = undefined;
    }
  }

  private nextWaiting(host: HostQueue): Post | undefined {
    const next = host.waiting[host.head];
    if (!next) return undefined;
    host.waiting[host.head++] = undefined as unknown as Post;
    if (host.head > 1024 && host.head * 2 > host.waiting.length) {
      host.waiting = host.waiting.slice(host.head);
      host.head = 0;
    } else if (host.head === host.waiting.length) {
      host.waiting = [];
      host.head = 0;
    }
    return next;
  }

  /**
   * Closes every connection, open requests included (answered as not answered), and answers the
   * posts still waiting for one as not sent, without sending them.
   */
  close(): void {
    this.closed = true;
    if (this.sweeper) clearInterval(this.sweeper);
    this.sweeper = undefined;
    const hosts = [...this.hosts.values()];
    this.hosts.clear();
    for (const host of hosts) {
      for (let i = host.head; i < host.waiting.length; i++) {
        const post = host.waiting[i]!;
        post.resolve(finished(post.started, { error: 'not sent: shutting down' }));
      }
      host.waiting = [];
      host.head = 0;
      for (const connection of [...host.open]) {
        this.failed(host, connection, 'not answered: shutting down');
      }
    }
  }
}
