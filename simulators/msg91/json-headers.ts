import type { Diagnostic, ProviderContext, SimRequest } from '../../src/engine/provider-api.js';
import type { Msg91Settings } from './settings.js';

const ACCEPTS_JSON = /(^|,)\s*(application\/json|application\/\*|\*\/\*)\s*(;|,|$)/i;

/**
 * MSG91's guide has users add `Content-type: application/json` and `Accept: application/json` to
 * the CleverTap provider: `settings.jsonHeaders` refuses (2004), journals, or ignores their absence.
 * No refusal of a missing or other `Accept` is documented, so under `require` it is only journalled
 * as a warning; `require-both` refuses it too (the older behaviour).
 * @see https://docs.clevertap.com/docs/msg91-whatsapp
 */
export function jsonHeaderRules(
  request: SimRequest,
  context: ProviderContext<Msg91Settings>,
): Diagnostic[] {
  const mode = context.settings.jsonHeaders;
  if (mode === 'off') return [];
  const severity = mode === 'warn' ? 'warning' : 'error';
  const acceptSeverity = mode === 'require-both' ? 'error' : 'warning';
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
      message: `/headers/accept is ${accept === undefined ? 'missing' : `"${accept}"`}; MSG91's guide adds Accept: application/json to the CleverTap provider headers${acceptSeverity === 'warning' ? ' (answered anyway: no refusal is documented)' : ''}`,
      severity: acceptSeverity,
    });
  }
  return out;
}
