import type { AuthScheme } from '../types.js';

/** Options of the HTTP Basic scheme. */
export interface BasicAuthOptions<S> {
  /** Accepted username/password pairs. */
  accounts(settings: S): readonly { username: string; password: string }[];
}

/** Decodes an `Authorization: Basic` header, or returns undefined. */
export function parseBasicAuthorization(
  header: string | undefined,
): { username: string; password: string } | undefined {
  const match = header ? /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(header) : null;
  if (!match?.[1]) return undefined;
  const decoded = Buffer.from(match[1], 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return undefined;
  return { username: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
}

/** HTTP Basic authentication (RFC 7617). */
export function basicAuth<S>(options: BasicAuthOptions<S>): AuthScheme<S> {
  return {
    type: 'basic',
    secretFields: ['authorization'],
    verify(request, context) {
      const credentials = parseBasicAuthorization(request.headers.authorization);
      if (!credentials)
        return {
          ok: false,
          reason: 'missing',
          detail: 'missing or malformed Authorization: Basic header',
        };
      const ok = options
        .accounts(context.settings)
        .some((a) => a.username === credentials.username && a.password === credentials.password);
      return ok
        ? { ok: true, principal: credentials.username }
        : {
            ok: false,
            reason: 'invalid',
            detail: `invalid Basic credentials for user "${credentials.username}"`,
          };
    },
    describe(settings) {
      return options
        .accounts(settings)
        .map((a) => `Basic ${a.username}:${a.password}`)
        .join(' | ');
    },
  };
}
