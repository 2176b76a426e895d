import type { Diagnostic, ProviderContext, SimRequest } from '../../src/engine/provider-api.js';
import { dltFindings } from './dlt.js';
import { INDIAN_MOBILE, splitRecipients } from './recipients.js';
import type { SinchSmsSettings } from './settings.js';

/** The send body once the schema has passed. */
export interface SinchSmsSendBody {
  appid: string;
  userId: string;
  pass: string;
  contenttype: '1';
  from: string;
  to: string;
  text: string;
  msgid: string;
  /** Absent means `"0"` (promotional), the documented default. */
  alert?: '0' | '1';
  selfid: 'true' | 'false';
  intflag: 'true' | 'false';
  dpi?: string;
  dtm?: string;
  s?: '0' | '1';
}

/**
 * Rules beyond the request schema: recipient count, domestic numbers, and India DLT per
 * `settings.dlt` (`strict` refuses with 104; `dlr` and `warn` journal a warning and accept).
 * @see https://docs.clevertap.com/docs/sinch-sms
 */
export function sendRules(
  request: SimRequest,
  context: ProviderContext<SinchSmsSettings>,
): Diagnostic[] {
  const body = request.body as SinchSmsSendBody;
  const { settings } = context;
  const out: Diagnostic[] = [];
  const recipients = splitRecipients(body.to);
  if (recipients.length > settings.maxRecipients) {
    out.push({
      pointer: '/to',
      keyword: 'max-recipients',
      message: `/to names ${recipients.length} recipients; at most ${settings.maxRecipients} are allowed per request`,
      severity: 'error',
      errorKind: 'too_many_recipients',
    });
  }
  if (body.intflag === 'false') {
    const foreign = recipients.filter((r) => !INDIAN_MOBILE.test(r));
    if (foreign.length > 0) {
      out.push({
        pointer: '/to',
        keyword: 'domestic-recipient',
        message: `/to has ${foreign.length} number(s) that are not Indian mobiles on a domestic send (intflag "false"), first ${foreign[0]}; use intflag "true" for international numbers`,
        severity: 'error',
        errorKind: 'invalid_recipient',
      });
    }
  }
  if (body.alert === undefined) {
    out.push({
      pointer: '/alert',
      keyword: 'default-value',
      message: '/alert is absent: the send is promotional ("0"), the documented default',
      severity: 'info',
    });
  }
  const severity = settings.dlt === 'strict' ? 'error' : 'warning';
  const outcome = settings.dlt === 'dlr' ? ' (accepted; the DLR fails with the DLT code)' : '';
  for (const d of dltFindings(body, context)) {
    out.push({
      ...d,
      message: `DLT: ${d.message}${outcome}`,
      severity,
      errorKind: 'dlt_violation',
    });
  }
  return out;
}
