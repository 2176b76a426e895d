import type { AuthScheme, SimRequest } from '../types.js';

/** Options of the body-credentials scheme. */
export interface BodyCredentialsOptions<S> {
  /** Body keys that together identify an account, e.g. `['appid', 'userId', 'pass']`. */
  fields: readonly string[];
  /** Keys among `fields` that are secret (redacted in the journal, masked nowhere else). */
  secretFields: readonly string[];
  /** The accounts accepted, from the provider's settings. */
  accounts(settings: S): readonly Record<string, string>[];
}

const fieldOf = (request: SimRequest, field: string): unknown =>
  request.body !== null && typeof request.body === 'object'
    ? (request.body as Record<string, unknown>)[field]
    : undefined;

/** Credentials carried as fields of the JSON body (as Sinch India's enterprise SMS API takes them). */
export function bodyCredentials<S>(options: BodyCredentialsOptions<S>): AuthScheme<S> {
  return {
    type: 'body-credentials',
    secretFields: options.secretFields,
    verify(request, context) {
      const missing = options.fields.filter((f) => {
        const value = fieldOf(request, f);
        return typeof value !== 'string' || value === '';
      });
      if (missing.length > 0) {
        return {
          ok: false,
          reason: 'missing',
          detail: `missing credential field(s): ${missing.join(', ')}`,
        };
      }
      const account = options
        .accounts(context.settings)
        .find((a) => options.fields.every((f) => a[f] === fieldOf(request, f)));
      if (!account) {
        const idField = options.fields[0] ?? 'account';
        return {
          ok: false,
          reason: 'invalid',
          detail: `invalid credentials for ${idField} "${String(fieldOf(request, idField))}"`,
        };
      }
      return { ok: true, principal: String(account[options.fields[0] ?? ''] ?? '') };
    },
    describe(settings) {
      return options
        .accounts(settings)
        .map((a) => options.fields.map((f) => `${f}=${a[f] ?? ''}`).join(' '))
        .join(' | ');
    },
  };
}
