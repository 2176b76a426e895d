import {
  parseBasicAuthorization,
  signAccessToken,
  type AcceptResult,
  type Diagnostic,
  type ProviderContext,
  type SimRequest,
} from '../../src/engine/provider-api.js';
import { findAccessKey } from './apps.js';
import type { SinchConversationSettings } from './settings.js';
import { takeTokenGrant } from './token-bucket.js';

/** Schema id of the token request's form fields. */
export const TOKEN_REQUEST_SCHEMA = 'sinch-conversation/token-request';

/**
 * Form fields of `POST /oauth2/token`: `grant_type=client_credentials` is required (RFC 6749
 * section 4.4); unknown parameters are ignored, as RFC 6749 section 3.2 asks.
 * @see https://github.com/sinch/sinch-sdk-node/blob/main/packages/sdk-client/src/plugins/oauth2/oauth2-api.ts
 */
export function tokenRules(
  request: SimRequest,
  context: ProviderContext<SinchConversationSettings>,
): Diagnostic[] {
  const grant = (request.body as Record<string, unknown> | undefined)?.grant_type;
  if (grant === undefined) {
    return [
      {
        pointer: '/grant_type',
        keyword: 'required',
        message: '/grant_type is required; send grant_type=client_credentials',
        severity: 'error',
        errorKind: 'token_invalid_request',
      },
    ];
  }
  if (grant !== 'client_credentials') {
    return [
      {
        pointer: '/grant_type',
        keyword: 'grant-type',
        message: `/grant_type ${JSON.stringify(grant)} is not supported; only client_credentials is`,
        severity: 'error',
        errorKind: 'token_unsupported_grant_type',
      },
    ];
  }
  return context.validateSchema(TOKEN_REQUEST_SCHEMA, request.body).map((d) => ({
    ...d,
    errorKind: 'token_invalid_request',
  }));
}

/** An access token of the simulator and its expiry (epoch seconds). */
export interface MintedToken {
  accessToken: string;
  exp: number;
}

/**
 * The access token the token route issues to access key `keyId`: a JWT (HS256, the simulator's
 * own key) for the key's project, expiring `tokens.expiresInSeconds` after now on the injected clock.
 * `jti` defaults to the next id; callers off the request path pass one from their own stream.
 */
export function mintAccessToken(
  keyId: string,
  context: ProviderContext<SinchConversationSettings>,
  jti: string = context.ids.next(),
): MintedToken {
  const { tokens } = context.settings;
  const iat = Math.floor(context.clock.now() / 1000);
  const exp = iat + tokens.expiresInSeconds;
  const projectId = findAccessKey(context.settings, keyId)?.project.projectId ?? '';
  const accessToken = signAccessToken(
    { iss: 'provider-sim', sub: keyId, project_id: projectId, iat, exp, jti },
    tokens.signingKey,
  );
  return { accessToken, exp };
}

/**
 * Issues an access token: a JWT (HS256, the simulator's own key) whose `exp` is `iat +
 * expires_in`, so clients that read `exp` (the Sinch SDK refreshes 60 s before it) see the same
 * lifetime as `expires_in` says. Answers 429 without `Retry-After` when the bucket is empty.
 * @see https://github.com/sinch/sinch-sdk-node/blob/main/packages/sdk-client/src/plugins/oauth2/oauth2-token.request.ts
 */
export function acceptToken(
  request: SimRequest,
  context: ProviderContext<SinchConversationSettings>,
): AcceptResult {
  if (!takeTokenGrant(context)) {
    const limit = context.settings.tokens.rateLimit!;
    return {
      error: 'token_throttled',
      detail: `too many token requests: at most ${limit.capacity} at once, refilled at ${limit.refillPerSecond} per second`,
    };
  }
  // The auth stage has checked the Basic credentials already.
  const keyId = parseBasicAuthorization(request.headers.authorization)?.username ?? '';
  const { tokens } = context.settings;
  const { accessToken } = mintAccessToken(keyId, context);
  return {
    response: {
      status: 200,
      headers: { 'cache-control': 'no-store', pragma: 'no-cache' },
      body: {
        access_token: accessToken,
        expires_in: tokens.expiresInSeconds,
        scope: tokens.scope,
        token_type: tokens.tokenType,
      },
    },
  };
}
