import { createHmac, timingSafeEqual } from 'node:crypto';
import type { ErrorKind } from '../errors.js';
import type { AuthOutcome, AuthScheme, ProviderContext, SimRequest } from '../types.js';
import { parseBasicAuthorization } from './basic-auth.js';

/** Claims of an access token the simulator issues (a JWT signed with HS256). */
export interface AccessTokenClaims {
  /** Who the token was issued to, e.g. an access key id. */
  sub: string;
  /** Issued at, epoch seconds. */
  iat: number;
  /** Expires at, epoch seconds. */
  exp: number;
  /** Unique token id. */
  jti: string;
  [claim: string]: string | number | boolean | string[];
}

const base64url = (data: string | Buffer): string => Buffer.from(data).toString('base64url');

const hs256 = (input: string, key: string): Buffer =>
  createHmac('sha256', key).update(input).digest();

/** Signs `claims` into a compact JWT (HS256) with `key`. */
export function signAccessToken(claims: AccessTokenClaims, key: string): string {
  const header = base64url(JSON.stringify({ alg: 'HS256', typ: 'JWT' }));
  const payload = base64url(JSON.stringify(claims));
  return `${header}.${payload}.${base64url(hs256(`${header}.${payload}`, key))}`;
}

/** Reads a JWT signed by `signAccessToken` with `key`; says why when it is not one. Expiry is not checked here. */
export function readAccessToken(
  token: string,
  key: string,
): { ok: true; claims: AccessTokenClaims } | { ok: false; detail: string } {
  const parts = token.split('.');
  if (parts.length !== 3) {
    return {
      ok: false,
      detail: `the bearer token is not a JWT (expected 3 dot-separated parts, got ${parts.length})`,
    };
  }
  const [header, payload, signature] = parts as [string, string, string];
  const expected = hs256(`${header}.${payload}`, key);
  const given = Buffer.from(signature, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    return {
      ok: false,
      detail: 'the bearer token was not issued by this simulator (signature mismatch)',
    };
  }
  try {
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as unknown;
    if (
      claims === null ||
      typeof claims !== 'object' ||
      typeof (claims as AccessTokenClaims).sub !== 'string' ||
      typeof (claims as AccessTokenClaims).exp !== 'number'
    ) {
      return { ok: false, detail: 'the bearer token lacks the sub and exp claims' };
    }
    return { ok: true, claims: claims as AccessTokenClaims };
  } catch {
    return { ok: false, detail: 'the bearer token payload is not JSON' };
  }
}

/** Options of the OAuth2 bearer scheme (tokens issued by a provider's own token route). */
export interface OAuth2BearerOptions<S> {
  /** HMAC key the provider's token route signs its JWTs with. */
  signingKey(settings: S): string;
  /** Client id/secret pairs also accepted as HTTP Basic, when the provider allows that; omit to refuse Basic. */
  basicAccounts?(settings: S): readonly { username: string; password: string }[];
  /** Error kind of an expired token (its native error tells the client to refresh); default `token_expired`. */
  expiredErrorKind?: ErrorKind;
  /** A further check once the caller is known (e.g. the project in the path); undefined lets it through. */
  authorize?(
    principal: string,
    claims: AccessTokenClaims | undefined,
    request: SimRequest,
    context: ProviderContext<S>,
  ): AuthOutcome | undefined;
  /** What the banner says is accepted. */
  describe(settings: S): string;
}

/**
 * `Authorization: Bearer <JWT>` with a token the provider's own token route issued (checked against
 * its signature and `exp` on the injected clock), and optionally HTTP Basic with the client credentials.
 */
export function oauth2Bearer<S>(options: OAuth2BearerOptions<S>): AuthScheme<S> {
  return {
    type: 'oauth2-bearer',
    secretFields: ['authorization'],
    verify(request, context) {
      const header = request.headers.authorization;
      const authorize = (principal: string, claims?: AccessTokenClaims): AuthOutcome =>
        options.authorize?.(principal, claims, request, context) ?? { ok: true, principal };
      const bearer = header ? /^Bearer\s+(\S+)\s*$/i.exec(header)?.[1] : undefined;
      if (bearer !== undefined) {
        const read = readAccessToken(bearer, options.signingKey(context.settings));
        if (!read.ok) return { ok: false, reason: 'invalid', detail: read.detail };
        const now = Math.floor(context.clock.now() / 1000);
        if (read.claims.exp <= now) {
          return {
            ok: false,
            reason: 'invalid',
            detail: `the bearer token expired ${now - read.claims.exp} s ago (exp ${read.claims.exp}); fetch a new one from the token route`,
            errorKind: options.expiredErrorKind ?? 'token_expired',
          };
        }
        return authorize(read.claims.sub, read.claims);
      }
      const basic = parseBasicAuthorization(header);
      if (basic && options.basicAccounts) {
        const known = options
          .basicAccounts(context.settings)
          .some((a) => a.username === basic.username && a.password === basic.password);
        if (!known) {
          return {
            ok: false,
            reason: 'invalid',
            detail: `invalid Basic credentials for key "${basic.username}"`,
          };
        }
        return authorize(basic.username);
      }
      return {
        ok: false,
        reason: 'missing',
        detail: options.basicAccounts
          ? 'missing or malformed Authorization header; expected Bearer <access token> or Basic <key id:key secret>'
          : 'missing or malformed Authorization header; expected Bearer <access token>',
      };
    },
    describe: (settings) => options.describe(settings),
  };
}
