import http from 'node:http';
import https from 'node:https';
import type { ClientCredentials } from './webhook-registry.js';

/** How long a token endpoint may take to answer before the fetch counts as failed. */
export const TOKEN_FETCH_TIMEOUT_MS = 10_000;

/** Bounds Sinch puts on a token endpoint's `expires_in` (seconds): it keeps a token that long. */
export const EXPIRES_IN_BOUNDS = { min: 30, max: 3600 } as const;

/** Most bytes of a failed answer quoted in the failure reason. */
const QUOTED_BYTES = 200;

/** A token a webhook's token endpoint issued. */
export interface FetchedToken {
  accessToken: string;
  /** Seconds Sinch keeps it, `expires_in` brought within {@link EXPIRES_IN_BOUNDS}. */
  expiresIn: number;
}

/**
 * Whether client id and secret go in the form body: `token_request_type: FORM`; anything else
 * (unset or unrecognised) is `BASIC`, as Sinch defaults.
 * @see https://developers.sinch.com/docs/conversation/callbacks
 */
const sendsFormCredentials = (credentials: ClientCredentials): boolean =>
  credentials.token_request_type?.trim().toUpperCase() === 'FORM';

/**
 * The token request Sinch sends for a webhook's `client_credentials`: `POST endpoint`, form-encoded
 * `grant_type=client_credentials` (with `scope` when not blank and `response_type` when given, as
 * is), and the client id and secret as HTTP Basic (`BASIC`, the default) or as `client_id` /
 * `client_secret` form fields (`FORM`). Basic carries `client_id:client_secret` as is, as Sinch's
 * own token route and `curl --user` take it.
 * @see https://developers.sinch.com/docs/conversation/callbacks
 */
export function tokenRequest(credentials: ClientCredentials): {
  headers: Record<string, string>;
  body: string;
} {
  const form = new URLSearchParams({ grant_type: 'client_credentials' });
  if (credentials.scope !== undefined && credentials.scope.trim() !== '') {
    form.set('scope', credentials.scope);
  }
  if (credentials.response_type !== undefined && credentials.response_type !== '') {
    form.set('response_type', credentials.response_type);
  }
  const headers: Record<string, string> = {
    'content-type': 'application/x-www-form-urlencoded',
    accept: 'application/json',
    'user-agent': 'provider-sim',
  };
  if (sendsFormCredentials(credentials)) {
    form.set('client_id', credentials.client_id);
    form.set('client_secret', credentials.client_secret);
  } else {
    const pair = `${credentials.client_id}:${credentials.client_secret}`;
    headers.authorization = `Basic ${Buffer.from(pair, 'utf8').toString('base64')}`;
  }
  return { headers, body: form.toString() };
}

/** Reads a token endpoint's 2xx answer; throws a message naming what is missing. */
export function readTokenAnswer(endpoint: string, text: string): FetchedToken {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new Error(`token endpoint ${endpoint} answered with a body that is not JSON`);
  }
  const fields = (parsed ?? {}) as { access_token?: unknown; expires_in?: unknown };
  if (typeof fields.access_token !== 'string' || fields.access_token === '') {
    throw new Error(`token endpoint ${endpoint} answered without an access_token`);
  }
  const expiresIn = Number(fields.expires_in);
  if (fields.expires_in === undefined || fields.expires_in === '' || !Number.isFinite(expiresIn)) {
    throw new Error(`token endpoint ${endpoint} answered without a numeric expires_in`);
  }
  return {
    accessToken: fields.access_token,
    expiresIn: Math.min(EXPIRES_IN_BOUNDS.max, Math.max(EXPIRES_IN_BOUNDS.min, expiresIn)),
  };
}

/**
 * Fetches a token from `credentials.endpoint` with the client-credentials grant. Rejects with a
 * reason that names the endpoint: no answer, a non-2xx status (with the start of its body), or an
 * answer without `access_token` / `expires_in`.
 */
export function fetchClientCredentialsToken(
  credentials: ClientCredentials,
  timeoutMs = TOKEN_FETCH_TIMEOUT_MS,
): Promise<FetchedToken> {
  const { endpoint } = credentials;
  const { headers, body } = tokenRequest(credentials);
  return new Promise((resolve, reject) => {
    let url: URL;
    try {
      url = new URL(endpoint);
    } catch {
      reject(new Error(`token endpoint ${JSON.stringify(endpoint)} is not a URL`));
      return;
    }
    const client = url.protocol === 'https:' ? https : http;
    const request = client.request(
      url,
      {
        method: 'POST',
        headers: { ...headers, 'content-length': String(Buffer.byteLength(body)) },
        timeout: timeoutMs,
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('error', (error) =>
          reject(new Error(`token endpoint ${endpoint}: ${error.message}`)),
        );
        response.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          const status = response.statusCode ?? 0;
          if (status < 200 || status >= 300) {
            const quoted = text.length > QUOTED_BYTES ? `${text.slice(0, QUOTED_BYTES)}...` : text;
            reject(new Error(`token endpoint ${endpoint} answered ${status}: ${quoted}`));
            return;
          }
          let token: FetchedToken;
          try {
            token = readTokenAnswer(endpoint, text);
          } catch (error) {
            reject(error instanceof Error ? error : new Error(String(error)));
            return;
          }
          resolve(token);
        });
      },
    );
    request.on('timeout', () => request.destroy(new Error(`no answer within ${timeoutMs} ms`)));
    request.on('error', (error: NodeJS.ErrnoException) =>
      reject(
        new Error(
          `token endpoint ${endpoint} could not be reached: ${error.code ? `${error.code}: ` : ''}${error.message}`,
        ),
      ),
    );
    request.end(body);
  });
}
