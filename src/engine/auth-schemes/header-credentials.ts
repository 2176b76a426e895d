import type { AuthScheme } from '../types.js';

/** Options of the header-credentials scheme. */
export interface HeaderCredentialsOptions<S> {
  /** Header names (lower case) that together identify an account, e.g. `['user', 'password']`. */
  headers: readonly string[];
  /** Header names among `headers` that are secret. */
  secretHeaders: readonly string[];
  /** The accepted accounts: each maps every header name to its value. */
  accounts(settings: S): readonly Record<string, string>[];
}

/** Credentials carried in custom request headers (e.g. `user`/`password`, or `api-key`/`sid`). */
export function headerCredentials<S>(options: HeaderCredentialsOptions<S>): AuthScheme<S> {
  return {
    type: 'header-credentials',
    secretFields: options.secretHeaders,
    verify(request, context) {
      const value = (name: string): string | undefined => {
        const raw = request.headers[name];
        return Array.isArray(raw) ? raw[0] : raw;
      };
      const missing = options.headers.filter((h) => !value(h));
      if (missing.length > 0) {
        return { ok: false, reason: 'missing', detail: `missing header(s): ${missing.join(', ')}` };
      }
      const account = options
        .accounts(context.settings)
        .find((a) => options.headers.every((h) => a[h] === value(h)));
      if (!account) {
        return {
          ok: false,
          reason: 'invalid',
          detail: `invalid credentials in header(s) ${options.headers.join(', ')}`,
        };
      }
      return {
        ok: true,
        principal: options.headers
          .map((h) => (options.secretHeaders.includes(h) ? '' : account[h]))
          .filter(Boolean)
          .join('/'),
      };
    },
    describe(settings) {
      return options
        .accounts(settings)
        .map((a) => options.headers.map((h) => `${h}: ${a[h] ?? ''}`).join(', '))
        .join(' | ');
    },
  };
}
