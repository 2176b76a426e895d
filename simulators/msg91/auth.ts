import {
  parseBasicAuthorization,
  type AuthScheme,
  type SimRequest,
} from '../../src/engine/provider-api.js';
import type { Msg91Settings } from './settings.js';

const authkeyOf = (request: SimRequest): string | undefined => {
  const raw = request.headers.authkey;
  const value = Array.isArray(raw) ? raw[0] : raw;
  return value === '' ? undefined : value;
};

/**
 * Basic authentication with the MSG91 account username plus the `Authkey` header of that account.
 * The password is compared only with `settings.checkPassword` (the guide names only the username).
 * @see https://docs.clevertap.com/docs/msg91-whatsapp
 */
export const msg91Credentials: AuthScheme<Msg91Settings> = {
  type: 'basic-and-authkey',
  secretFields: ['authorization', 'authkey'],
  verify(request, context) {
    const basic = parseBasicAuthorization(request.headers.authorization);
    const authkey = authkeyOf(request);
    const missing = [
      ...(basic ? [] : ['Authorization: Basic']),
      ...(authkey === undefined ? ['Authkey'] : []),
    ];
    if (missing.length > 0) {
      return { ok: false, reason: 'missing', detail: `missing header(s): ${missing.join(', ')}` };
    }
    const { accounts, checkPassword } = context.settings;
    const account = accounts.find(
      (a) => a.username === basic!.username && (!checkPassword || a.password === basic!.password),
    );
    if (!account) {
      return {
        ok: false,
        reason: 'invalid',
        detail: `invalid Basic credentials for user "${basic!.username}"`,
      };
    }
    if (account.authkey !== authkey) {
      return {
        ok: false,
        reason: 'invalid',
        detail: `Authkey does not belong to MSG91 user "${account.username}"`,
      };
    }
    return { ok: true, principal: account.username };
  },
  describe: (settings) =>
    settings.accounts
      .map(
        (a) =>
          `Basic ${a.username}:${settings.checkPassword ? a.password : '<any password>'}, Authkey: ${a.authkey}`,
      )
      .join(' | '),
};
