import { createHash } from 'node:crypto';
import type { AcceptedMessage, ProviderContext } from '../../src/engine/provider-api.js';
import { findAccessKey } from './apps.js';
import type { SinchConversationSettings } from './settings.js';
import { mintAccessToken, type MintedToken } from './token.js';
import { webhookFor, type ClientCredentials } from './webhook-registry.js';

/** Where the simulator's token route is served (`https://auth.sinch.com` maps to `/sinch/auth`). */
export const OWN_TOKEN_PATH = '/sinch/auth/oauth2/token';

/**
 * Whether `endpoint` is the simulator's own token route (any host, path `/sinch/auth/oauth2/token`)
 * or Sinch's real one (`https://auth.sinch.com/oauth2/token`), which the simulator stands in for.
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
 * Why callbacks to a webhook with `credentials` will carry no bearer token, or undefined when they
 * will: the simulator gets tokens only from its own token route (callbacks are built synchronously,
 * so it cannot wait for another server), and that route refuses credentials that are not one of
 * its access keys (401 `invalid_client`).
 */
export function clientCredentialsProblem(
  credentials: ClientCredentials,
  settings: SinchConversationSettings,
): string | undefined {
  const unsent = 'callbacks to this webhook go without Authorization';
  if (!isOwnTokenEndpoint(credentials.endpoint)) {
    return `/client_credentials/endpoint ${credentials.endpoint} is not the simulator's token route (${OWN_TOKEN_PATH}); the simulator cannot fetch tokens from another server, so ${unsent}`;
  }
  const found = findAccessKey(settings, credentials.client_id);
  if (!found || found.key.keySecret !== credentials.client_secret) {
    return `/client_credentials: the token route refuses client_id "${credentials.client_id}" with this client_secret (401 invalid_client: ${found ? 'wrong secret' : 'no such access key'}), so ${unsent}`;
  }
  return undefined;
}

/** A webhook's cached token, with a hash of the credentials it was got with (never the secret itself). */
interface CachedToken extends MintedToken {
  credentials: string;
}

const tokenKey = (webhookId: string): string => `callback-token:${webhookId}`;

const fingerprint = (c: ClientCredentials): string =>
  createHash('sha256')
    .update(JSON.stringify([c.client_id, c.client_secret, c.endpoint]))
    .digest('base64url');

/**
 * A token id (26 lower-case Crockford base-32 characters) from the per-start id source, so a token
 * minted after a restart or a reset never repeats an earlier one unless ids are deterministic.
 */
function nextTokenId(context: ProviderContext<SinchConversationSettings>): string {
  return context.ids.next().toLowerCase();
}

/**
 * `Authorization: Bearer <token>` for a callback of `kind` about `message` to `target`, when the
 * webhook it goes out for has `client_credentials` the simulator's token route accepts. The token
 * is minted as that route would issue it to `client_id` (same key, claims and lifetime, so the
 * simulator's own verification accepts it), kept per webhook for its `expires_in` as Sinch keeps
 * it, and minted again once expired on the injected clock or when the credentials change.
 * @see https://developers.sinch.com/docs/conversation/callbacks
 */
export function callbackAuthorization(
  kind: string,
  message: AcceptedMessage,
  target: string,
  context: ProviderContext<SinchConversationSettings>,
): Record<string, string> {
  const webhook = webhookFor(kind, message, target, context);
  const credentials = webhook?.clientCredentials;
  if (!webhook || !credentials || clientCredentialsProblem(credentials, context.settings))
    return {};
  const key = tokenKey(webhook.id);
  const now = Math.floor(context.clock.now() / 1000);
  const print = fingerprint(credentials);
  const cached = context.store.get(key) as CachedToken | undefined;
  if (cached && cached.credentials === print && cached.exp > now) {
    return { authorization: `Bearer ${cached.accessToken}` };
  }
  const minted = mintAccessToken(credentials.client_id, context, nextTokenId(context));
  context.store.set(key, { ...minted, credentials: print } satisfies CachedToken);
  return { authorization: `Bearer ${minted.accessToken}` };
}
