import type { AuthScheme, ErrorKind } from '../../../src/engine/provider-api.js';
import type { ClevertapWhatsappSettings } from './settings.js';

const FAILURE_KIND: Record<ClevertapWhatsappSettings['badCredentials'], ErrorKind> = {
  'http-200': 'unauthorized',
  'http-401': 'unauthorized_http',
  'http-403': 'forbidden',
};

/**
 * `scheme`, answering a failed check the way `settings.badCredentials` says. None of the three
 * integrations documents its answer to bad credentials; CleverTap's own contract lists HTTP 200 with
 * code 2000, which is the default.
 * @see https://docs.clevertap.com/docs/generic-whatsapp
 */
export function clevertapAuth<S extends ClevertapWhatsappSettings>(
  scheme: AuthScheme<S>,
): AuthScheme<S> {
  return {
    ...scheme,
    verify(request, context) {
      const outcome = scheme.verify(request, context);
      if (outcome.ok) return outcome;
      return { ...outcome, errorKind: FAILURE_KIND[context.settings.badCredentials] };
    },
  };
}
