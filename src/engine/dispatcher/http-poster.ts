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

/** Posts JSON over keep-alive connections; never throws. */
export class HttpPoster {
  private readonly httpAgent = new http.Agent({ keepAlive: true, maxSockets: 64 });
  private readonly httpsAgent = new https.Agent({ keepAlive: true, maxSockets: 64 });

  constructor(private readonly timeoutMs: number) {}

  post(target: string, payload: string, headers: Record<string, string>): Promise<PostResult> {
    const started = performance.now();
    const done = (result: Omit<PostResult, 'durationMs'>): PostResult => ({
      ...result,
      durationMs: Math.round((performance.now() - started) * 10) / 10,
    });
    return new Promise((resolve) => {
      let url: URL;
      try {
        url = new URL(target);
      } catch {
        resolve(done({ error: `invalid callback URL "${target}"` }));
        return;
      }
      const secure = url.protocol === 'https:';
      const request = (secure ? https : http).request(
        url,
        {
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
