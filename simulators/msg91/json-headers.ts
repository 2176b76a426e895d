import type { Diagnostic, ProviderContext, SimRequest } from '../../src/engine/provider-api.js';
import type { Msg91Settings } from './settings.js';

const ACCEPTS_JSON = /(^|,)\s*(application\/json|application\/\*|\*\/\*)\s*(;|,|$)/i;

/**
 * MSG91's guide has users add `Content-type: application/json` and `Accept: application/json` to
 * the CleverTap provider: `settings.jsonHeaders` refuses (2004), journals, or ignores their absence.
 * @see https://docs.clevertap.com/docs/msg91-whatsapp
 */
export function jsonHeaderRules(
  request: SimRequest,
  context: ProviderContext<Msg91Settings>,
): Diagnostic[] {
  const mode = context.settings.jsonHeaders;
  if (mode === 'off') return [];
  const severity = mode === 'require' ? 'error' : 'warning';
  const out: Diagnostic[] = [];
  if (request.headers['content-type'] === undefined) {
    out.push({
      pointer: '/headers/content-type',
      keyword: 'json-headers',
      message:
        '/headers/content-type is missing; MSG91 expects Content-type: application/json (added in the CleverTap provider headers)',
      severity,
    });
  }
  const accept = request.headers.accept;
  if (accept === undefined || !ACCEPTS_JSON.test(accept)) {
    out.push({
      pointer: '/headers/accept',
      keyword: 'json-headers',
      message: `/headers/accept is ${accept === undefined ? 'missing' : `"${accept}"`}; MSG91 expects Accept: application/json (added in the CleverTap provider headers)`,
      severity,
    });
  }
  return out;
}
