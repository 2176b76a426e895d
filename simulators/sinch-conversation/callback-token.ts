import { createHash } from 'node:crypto';
import type { Diagnostic, ProviderContext } from '../../src/engine/provider-api.js';
import { findAccessKey } from './apps.js';
import type { SinchConversationSettings } from './settings.js';
import { mintAccessToken } from './token.js';
import { fetchClientCredentialsToken, type FetchedToken } from './token-client.js';
import {
  appWebhookFor,
  webhooksOf,
  type ClientCredentials,
  type Webhook,
} from './webhook-registry.js';

/** Where the simulator's token route is served (`https://auth.sinch.com` maps to `/sinch/auth`). */
export const OWN_TOKEN_PATH = '/sinch/auth/oauth2/token';

/** Most a token is renewed ahead of its `expires_in`: a tenth of its life, at most this. */
const MAX_REFRESH_EARLY_MS = 60_000;

/**
 * Whether `endpoint` is the simulator's own token route (any host, path `/sinch/auth/oauth2/token`)
 * or Sinch's real one (`https://auth.sinch.com/oauth2/token`), which the simulator stands in for:
 * tokens from these are issued in process; any other endpoint is asked over HTTP.
 */
export function isOwnTokenEndpoint(endpoint: string): boolean {
  let url: URL;
  try {
    url = new URL(endpoint);
  } catch {
    return false;
  }
  const path = url.pathname.replace(/\/+$/, '');
  return (
    path.endsWith(OWN_TOKEN_PATH) ||
    (url.hostname.toLowerCase() === 'auth.sinch.com' && path === '/oauth2/token')
  );
}

/**
 * Why the simulator's own token route would refuse `credentials` (401 `invalid_client`: not one of
 * its access keys, or the wrong secret), or undefined when it issues a token or when the endpoint
 * is another server (asked over HTTP when a callback needs a token).
 */
export function clientCredentialsProblem(
  credentials: ClientCredentials,
  settings: SinchConversationSettings,
): string | undefined {
  if (!isOwnTokenEndpoint(credentials.endpoint)) return undefined;
  const found = findAccessKey(settings, credentials.client_id);
  if (found && found.key.keySecret === credentials.client_secret) return undefined;
  return `the token route refuses client_id "${credentials.client_id}" with this client_secret (401 invalid_client: ${found ? 'wrong secret' : 'no such access key'})`;
}

/**
 * The `client_credentials` findings journaled with a webhook's registration or update: where its
 * callbacks' token comes from (`info`), or that the token route refuses the credentials, so its
 * callbacks are not sent (`warning`).
 */
export function clientCredentialsDiagnostics(
  credentials: ClientCredentials | undefined,
  settings: SinchConversationSettings,
): Diagnostic[] {
  if (!credentials) return [];
  const problem = clientCredentialsProblem(credentials, settings);
  const finding = (severity: Diagnostic['severity'], message: string): Diagnostic[] => [
    { pointer: '/client_credentials', keyword: 'client-credentials', message, severity },
  ];
  if (problem !== undefined) {
    return finding(
      'warning',
      `/client_credentials: ${problem}, so callbacks to this webhook get no token and are not sent`,
    );
  }
  if (isOwnTokenEndpoint(credentials.endpoint)) return [];
  const how = credentials.token_request_type?.trim().toUpperCase() === 'FORM' ? 'FORM' : 'BASIC';
  return finding(
    'info',
    `/client_credentials: callbacks to this webhook carry a bearer token fetched from ${credentials.endpoint} (client_credentials grant, client id and secret as ${how}), kept until shortly before its expires_in`,
  );
}

/** A webhook's token, kept in the store with a hash of the credentials it was got with (never the secret). */
interface CachedToken {
  credentials: string;
  accessToken: string;
  /** Epoch ms on the injected clock from which a new token is got (shortly before expiry). */
  refreshAt: number;
  /** Epoch ms on the injected clock at which `expires_in` runs out. */
  expiresAt: number;
}

/** The latest failed token fetch of a webhook, for the reason given until a fetch succeeds. */
interface TokenFailure {
  credentials: string;
  reason: string;
  /** Epoch ms on the injected clock. */
  at: number;
}

const tokenKey = (webhookId: string): string => `callback-token:${webhookId}`;
const failureKey = (webhookId: string): string => `callback-token-failure:${webhookId}`;

const fingerprint = (c: ClientCredentials): string =>
  createHash('sha256')
    .update(JSON.stringify([c.client_id, c.client_secret, c.endpoint, c.scope, c.response_type]))
    .update(JSON.stringify([c.token_request_type]))
    .digest('base64url');

/** Token fetches under way, per provider state and webhook, so one fetch serves every callback waiting. */
const inFlight = new WeakMap<object, Map<string, Promise<CachedToken>>>();

/** A token kept for `expiresInSeconds` from now, renewed a tenth of its life (at most 60 s) early. */
function cached(
  accessToken: string,
  expiresInSeconds: number,
  credentials: string,
  now: number,
): CachedToken {
  const life = expiresInSeconds * 1000;
  const early = Math.min(MAX_REFRESH_EARLY_MS, life / 10);
  return { credentials, accessToken, refreshAt: now + life - early, expiresAt: now + life };
}

/**
 * A token id (26 lower-case Crockford base-32 characters) from the per-start id source, so a token
 * minted after a restart or a reset never repeats an earlier one unless ids are deterministic.
 */
function nextTokenId(context: ProviderContext<SinchConversationSettings>): string {
  return context.ids.next().toLowerCase();
}

/**
 * Asks `webhook`'s token endpoint for a token (one request at a time per webhook and credentials)
 * and keeps it, or records why it failed. Resolves with the kept token; rejects with the reason.
 */
function fetchToken(
  webhook: Webhook,
  credentials: ClientCredentials,
  context: ProviderContext<SinchConversationSettings>,
): Promise<CachedToken> {
  let pending = inFlight.get(context.store);
  if (!pending) inFlight.set(context.store, (pending = new Map<string, Promise<CachedToken>>()));
  const print = fingerprint(credentials);
  const key = `${webhook.id}\u0000${print}`;
  const running = pending.get(key);
  if (running) return running;
  const fetched = fetchClientCredentialsToken(credentials).then(
    (token: FetchedToken) => {
      const kept = cached(token.accessToken, token.expiresIn, print, context.clock.now());
      context.store.set(tokenKey(webhook.id), kept);
      context.store.delete(failureKey(webhook.id));
      return kept;
    },
    (error: Error) => {
      const failure: TokenFailure = {
        credentials: print,
        reason: error.message,
        at: context.clock.now(),
      };
      context.store.set(failureKey(webhook.id), failure);
      throw error;
    },
  );
  const tracked = fetched.finally(() => pending.delete(key));
  // A failure is recorded above and reported where a token is needed; nobody else awaits it.
  tracked.catch(() => undefined);
  pending.set(key, tracked);
  return tracked;
}

/** The kept token of `webhook` for `credentials`, when there is one. */
function keptToken(
  webhook: Webhook,
  credentials: ClientCredentials,
  context: ProviderContext<SinchConversationSettings>,
): CachedToken | undefined {
  const kept = context.store.get(tokenKey(webhook.id)) as CachedToken | undefined;
  return kept?.credentials === fingerprint(credentials) ? kept : undefined;
}

/**
 * Starts getting a token for `webhook` when it has `client_credentials` for another server and
 * none is kept that is still fresh, so the token is at hand when its callbacks are built.
 */
export function prefetchCallbackToken(
  webhook: Webhook,
  context: ProviderContext<SinchConversationSettings>,
): void {
  const credentials = webhook.clientCredentials;
  if (!credentials || isOwnTokenEndpoint(credentials.endpoint)) return;
  const kept = keptToken(webhook, credentials, context);
  if (!kept || context.clock.now() >= kept.refreshAt)
    void fetchToken(webhook, credentials, context);
}

/** Prefetches the tokens of every webhook of an app (a message of it will soon be called back). */
export function prefetchAppCallbackTokens(
  context: ProviderContext<SinchConversationSettings>,
  projectId: string,
  appId: string,
): void {
  for (const webhook of webhooksOf(context, projectId, appId)) {
    prefetchCallbackToken(webhook, context);
  }
}

/**
 * Warnings for a send of an app whose webhooks' token endpoints failed on the latest try and hold
 * no token still valid: their callbacks are not sent until a token is got.
 */
export function callbackTokenWarnings(
  context: ProviderContext<SinchConversationSettings>,
  projectId: string,
  appId: string,
): Diagnostic[] {
  const now = context.clock.now();
  return webhooksOf(context, projectId, appId).flatMap((webhook): Diagnostic[] => {
    const credentials = webhook.clientCredentials;
    if (!credentials || isOwnTokenEndpoint(credentials.endpoint)) return [];
    const failure = context.store.get(failureKey(webhook.id)) as TokenFailure | undefined;
    const kept = keptToken(webhook, credentials, context);
    if (failure?.credentials !== fingerprint(credentials) || (kept && now < kept.expiresAt)) {
      return [];
    }
    return [
      {
        pointer: '/app_id',
        keyword: 'client-credentials',
        message: `webhook ${webhook.id}: the latest token request failed (${failure.reason}); callbacks to ${webhook.target ?? 'it'} are not sent until a token is got`,
        severity: 'warning',
      },
    ];
  });
}

const bearer = (token: string): Record<string, string> => ({ authorization: `Bearer ${token}` });

/**
 * `Authorization: Bearer <token>` for one attempt of a callback of `kind` to `target`, got anew for
 * each attempt (the first and every retry), when the webhook it goes out for has
 * `client_credentials`; undefined when it has none. The webhook is found from the body's
 * `project_id` and `app_id`, so a retry stored by another replica finds it too.
 *
 * - The simulator's own token route (or Sinch's, which it stands in for): the token is minted as
 *   that route would issue it to `client_id` (same key, claims and lifetime, so the simulator's
 *   own verification accepts it).
 * - Another endpoint: the token it issued, fetched over HTTP with the client-credentials grant.
 *
 * A kept token is used until shortly before its `expires_in` runs out on the injected clock; then
 * a new one is got (the kept one still serves while it is valid if the endpoint fails). Rejects,
 * so the attempt fails unsent and is retried, when no valid token can be had: the credentials are
 * refused, or the endpoint failed.
 * @see https://developers.sinch.com/docs/conversation/callbacks
 */
export function callbackBearer(
  kind: string,
  target: string,
  body: unknown,
  context: ProviderContext<SinchConversationSettings>,
): Promise<Record<string, string>> | undefined {
  const { project_id: projectId, app_id: appId } = (body ?? {}) as {
    project_id?: unknown;
    app_id?: unknown;
  };
  if (typeof projectId !== 'string' || typeof appId !== 'string') return undefined;
  const webhook = appWebhookFor(kind, projectId, appId, target, context);
  const credentials = webhook?.clientCredentials;
  if (!webhook || !credentials) return undefined;
  const now = context.clock.now();
  const kept = keptToken(webhook, credentials, context);
  if (kept && now < kept.refreshAt) return Promise.resolve(bearer(kept.accessToken));
  const refused = (why: string): Promise<never> =>
    Promise.reject(new Error(`no token for webhook ${webhook.id}: ${why}`));
  if (isOwnTokenEndpoint(credentials.endpoint)) {
    const problem = clientCredentialsProblem(credentials, context.settings);
    if (problem !== undefined) return refused(problem);
    const minted = mintAccessToken(credentials.client_id, context, nextTokenId(context));
    const life = minted.exp - Math.floor(now / 1000);
    context.store.set(
      tokenKey(webhook.id),
      cached(minted.accessToken, life, fingerprint(credentials), now),
    );
    return Promise.resolve(bearer(minted.accessToken));
  }
  return fetchToken(webhook, credentials, context).then(
    (fresh) => bearer(fresh.accessToken),
    (error: Error) =>
      kept && context.clock.now() < kept.expiresAt
        ? bearer(kept.accessToken)
        : refused(error.message),
  );
}
