/** How the token cache reaches the token route. */
export interface TokenCacheOptions {
  /** Full URL of the token route, e.g. `https://auth.sinch.com/oauth2/token`. */
  url(): string;
  keyId: string;
  keySecret: string;
  /** Epoch milliseconds. */
  now(): number;
  timeoutMs: number;
  /** Waits between retries of a throttled token request; its length is the number of retries. */
  throttleBackoffMs?: readonly number[];
}

/** The token route refused to issue a token; `status` is its HTTP status. */
export class TokenRequestError extends Error {
  constructor(
    message: string,
    readonly status: number,
  ) {
    super(message);
    this.name = 'TokenRequestError';
  }
}

/** Refresh this long before `exp`, as the Sinch SDK does. */
const EXPIRY_MARGIN_SECONDS = 60;

/** The `exp` claim of a JWT, read without verifying it, or undefined. */
export function jwtExpiry(token: string): number | undefined {
  const payload = token.split('.')[1];
  if (payload === undefined) return undefined;
  try {
    const exp = (
      JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as { exp?: unknown }
    ).exp;
    return typeof exp === 'number' ? exp : undefined;
  } catch {
    return undefined;
  }
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * An OAuth2 client-credentials token, fetched with HTTP Basic (key id : key secret), reused until
 * 60 s before its `exp` (or `expires_in`), shared by concurrent callers, and dropped when the API
 * says it expired. A throttled token request (429, no Retry-After) is retried after a backoff.
 * @see https://github.com/sinch/sinch-sdk-node/blob/main/packages/sdk-client/src/plugins/oauth2/oauth2-token.request.ts
 */
export class TokenCache {
  private token: { value: string; exp: number } | undefined;
  private pending: Promise<string> | undefined;

  constructor(private readonly options: TokenCacheOptions) {}

  /** A valid access token, fetched when there is none or it is about to expire. */
  async accessToken(): Promise<string> {
    const nowSeconds = Math.floor(this.options.now() / 1000);
    if (this.token && this.token.exp > nowSeconds + EXPIRY_MARGIN_SECONDS) return this.token.value;
    this.pending ??= this.fetchToken().finally(() => (this.pending = undefined));
    return this.pending;
  }

  /** Forgets the token, whatever it is. */
  clear(): void {
    this.token = undefined;
  }

  /** Forgets `token` (the API called it expired), unless another caller already replaced it. */
  invalidate(token: string): void {
    if (this.token?.value === token) this.token = undefined;
  }

  private async fetchToken(): Promise<string> {
    const backoff = this.options.throttleBackoffMs ?? [100, 400, 1600];
    const url = this.options.url();
    const basic = Buffer.from(`${this.options.keyId}:${this.options.keySecret}`).toString('base64');
    for (let attempt = 0; ; attempt++) {
      const response = await fetch(url, {
        method: 'POST',
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          authorization: `Basic ${basic}`,
        },
        body: 'grant_type=client_credentials',
        signal: AbortSignal.timeout(this.options.timeoutMs),
      });
      const text = await response.text();
      if (response.status === 429 && attempt < backoff.length) {
        await sleep(backoff[attempt]!);
        continue;
      }
      if (!response.ok) {
        throw new TokenRequestError(
          `token request POST ${url} answered ${response.status}: ${text.slice(0, 200)}`,
          response.status,
        );
      }
      const body = JSON.parse(text) as { access_token?: unknown; expires_in?: unknown };
      if (typeof body.access_token !== 'string' || body.access_token === '') {
        throw new Error(
          `token request POST ${url} answered without access_token: ${text.slice(0, 200)}`,
        );
      }
      const nowSeconds = Math.floor(this.options.now() / 1000);
      const exp =
        jwtExpiry(body.access_token) ??
        nowSeconds + (typeof body.expires_in === 'number' ? body.expires_in : 0);
      this.token = { value: body.access_token, exp };
      return body.access_token;
    }
  }
}
