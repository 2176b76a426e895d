import type { Diagnostic, ProviderContext } from '../../src/engine/provider-api.js';
import { SMS_FAILURE_CODES } from './dlr-codes.js';
import type { SinchSmsSettings } from './settings.js';

/** Schema id of the India DLT rules on domestic sends. */
export const DLT_SCHEMA = 'sinch-sms/dlt-domestic';

/**
 * The CleverTap Generic SMS code for each DLT field a send gets wrong: the sender header (`from`,
 * 906), the principal entity (`dpi`, 907), the content template (`dtm`, 908). When several fields are
 * wrong at once the DLR reports the general `919` DLT failure, since one DLR carries one code.
 * @see https://docs.clevertap.com/docs/generic-sms
 */
export const DLT_FIELD_CODES: Readonly<Record<string, string>> = {
  '/from': '906',
  '/dpi': '907',
  '/dtm': '908',
};

/** Code of a DLR failing on more than one DLT field, or on a DLT rule of no single field. */
export const DLT_FAILURE_CODE = '919';

/** What the DLT scrubbing of a send decided: the DLR code and its description. */
export interface DltFailure {
  code: string;
  description: string;
}

/** The DLT findings on a send body (empty when it passes or DLT checks are off). */
export function dltFindings(
  body: unknown,
  context: ProviderContext<SinchSmsSettings>,
): Diagnostic[] {
  return context.settings.dlt === 'off' ? [] : context.validateSchema(DLT_SCHEMA, body);
}

/**
 * The DLR failure the DLT findings lead to: the field's own code for one field, 919 for several.
 * Real India operators scrub DLT after accepting the submission and report the outcome in the DLR.
 */
export function dltFailure(findings: readonly Diagnostic[]): DltFailure | undefined {
  if (findings.length === 0) return undefined;
  const fields = [...new Set(findings.map((d) => d.pointer))];
  const code =
    fields.length === 1 ? (DLT_FIELD_CODES[fields[0]!] ?? DLT_FAILURE_CODE) : DLT_FAILURE_CODE;
  return { code, description: `${SMS_FAILURE_CODES[code]!} (${fields.join(', ')})` };
}
