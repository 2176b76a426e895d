import {
  headerCredentials,
  type AuthScheme,
  type SimRequest,
} from '../../src/engine/provider-api.js';
import type { KaleyraSettings } from './settings.js';

const keyAndSid = headerCredentials<KaleyraSettings>({
  headers: ['api-key', 'sid'],
  secretHeaders: ['api-key'],
  accounts: (settings) => settings.accounts.map((a) => ({ 'api-key': a.apiKey, sid: a.sid })),
});

const withoutSlash = (host: string): string => host.trim().replace(/\/+$/, '').toLowerCase();

const header = (request: SimRequest, name: string): string | undefined => {
  const raw = request.headers[name];
  return Array.isArray(raw) ? raw[0] : raw;
};

/**
 * The API key and SID headers, and `kaleyra-host`, the API domain the adapter calls with them.
 * CleverTap's page names the key "API key" (not a valid header name); Kaleyra's APIs use `api-key`.
 * @see https://docs.clevertap.com/docs/kaleyra
 */
export const kaleyraCredentials: AuthScheme<KaleyraSettings> = {
  type: 'header-credentials',
  secretFields: keyAndSid.secretFields,
  verify(request, context) {
    const host = header(request, 'kaleyra-host');
    const outcome = keyAndSid.verify(request, context);
    if (!outcome.ok) {
      return host === undefined && outcome.reason === 'missing'
        ? { ...outcome, detail: `${outcome.detail}, kaleyra-host` }
        : outcome;
    }
    if (host === undefined) {
      return { ok: false, reason: 'missing', detail: 'missing header(s): kaleyra-host' };
    }
    const hosts = context.settings.hosts;
    if (!hosts.map(withoutSlash).includes(withoutSlash(host))) {
      return {
        ok: false,
        reason: 'invalid',
        detail: `kaleyra-host "${host}" is not a Kaleyra API domain of this account; expected one of ${hosts.join(', ')}`,
      };
    }
    return outcome;
  },
  describe: (settings) => `${keyAndSid.describe(settings)}, kaleyra-host: ${settings.hosts[0]}`,
};
