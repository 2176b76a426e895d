import type { Diagnostic, ProviderContext, SimRequest } from '../../src/engine/provider-api.js';
import type { Msg91Settings } from './settings.js';

const ACCEPTS_JSON = /(^|,)\s*(application\/json|application\/\*|\*\/\*)\s*(;|,|$)/i;

/** How each finding is journalled (or refused, as an error) under each `jsonHeaders` mode. */
const SEVERITIES: Record<
  Exclude<Msg91Settings['jsonHeaders'], 'off'>,
  { contentType: Diagnostic['severity']; accept: Diagnostic['severity'] }
> = {
  lenient: { contentType: 'info', accept: 'warning' },
  require: { contentType: 'error', accept: 'warning' },
  'require-both': { contentType: 'error', accept: 'error' },
  warn: { contentType: 'warning', accept: 'warning' },
};

/**
 * MSG91's guide has users add `Content-type: application/json` and `Accept: application/json` to
 * the CleverTap provider, and documents no refusal of a send without either. By default
 * (`lenient`) a missing Content-type is journalled as `info` (the body is read as JSON anyway) and
 * a missing or other Accept as a warning; `require` refuses a missing Content-type (2004),
 * `require-both` refuses either, `warn` journals both as warnings, `off` ignores them.
 * @see https://docs.clevertap.com/docs/msg91-whatsapp
 */
export function jsonHeaderRules(
  request: SimRequest,
  context: ProviderContext<Msg91Settings>,
): Diagnostic[] {
  const mode = context.settings.jsonHeaders;
  if (mode === 'off') return [];
  const severity = SEVERITIES[mode];
  const answered = ' (answered anyway: no refusal is documented)';
  const out: Diagnostic[] = [];
  if (request.headers['content-type'] === undefined) {
    out.push({
      pointer: '/headers/content-type',
      keyword: 'json-headers',
      message: `/headers/content-type is missing; MSG91's guide adds Content-type: application/json to the CleverTap provider headers${severity.contentType === 'error' ? '' : `; the body is read as JSON${answered}`}`,
      severity: severity.contentType,
    });
  }
  const accept = request.headers.accept;
  if (accept === undefined || !ACCEPTS_JSON.test(accept)) {
    out.push({
      pointer: '/headers/accept',
      keyword: 'json-headers',
      message: `/headers/accept is ${accept === undefined ? 'missing' : `"${accept}"`}; MSG91's guide adds Accept: application/json to the CleverTap provider headers${severity.accept === 'error' ? '' : answered}`,
      severity: severity.accept,
    });
  }
  return out;
}
