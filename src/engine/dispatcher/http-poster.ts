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

/** Posts JSON over keep-alive connections; never throws. */
export class HttpPoster {
  private readonly httpAgent = new http.Agent({ keepAlive: true, maxSockets: 64 });
  private readonly httpsAgent = new https.Agent({ keepAlive: true, maxSockets: 64 });

  /** Targets parsed so far (callbacks go to the same few URLs over and over). */
  private readonly targets = new Map<string, ParsedTarget | undefined>();

  constructor(private readonly timeoutMs: number) {}

  private parsed(target: string): ParsedTarget | undefined {
    if (this.targets.has(target)) return this.targets.get(target);
    const parsed = parseTarget(target);
    if (this.targets.size >= MAX_CACHED_TARGETS) this.targets.clear();
    this.targets.set(target, parsed);
    return parsed;
  }

  post(target: string, payload: string, headers: Record<string, string>): Promise<PostResult> {
    const started = performance.now();
    const done = (result: Omit<PostResult, 'durationMs'>): PostResult => ({
      ...result,
      durationMs: Math.round((performance.now() - started) * 10) / 10,
    });
    return new Promise((resolve) => {
      const url = this.parsed(target);
      if (!url) {
        resolve(done({ error: `invalid callback URL "${target}"` }));
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

  /** Closes idle keep-alive sockets. */
  close(): void {
    this.httpAgent.destroy();
    this.httpsAgent.destroy();
  }
}
