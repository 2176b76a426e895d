import type { Diagnostic, ProviderContext, SimRequest } from '../../../src/engine/provider-api.js';
import { INTERNATIONAL_NUMBER, normalizeNumber } from './phone-numbers.js';
import { isValidationRequest, readSend, VALIDATION_MSG_ID, type ReadSend } from './send-body.js';
import type { ClevertapWhatsappSettings } from './settings.js';
import { templateProblem } from './templates.js';

const LEGACY_SUBTYPES: Readonly<Record<string, string>> = {
  dynamic_url: 'dynamicUrl',
  static_url: 'staticUrl',
  call_phone: 'callPhone',
  Quickreply: 'quickReply',
};

const variant = (pointer: string, message: string): Diagnostic => ({
  pointer,
  keyword: 'spelling-variant',
  message,
  severity: 'info',
});

/**
 * The documented spelling variants a send used, as `info` diagnostics for the journal: a message
 * wrapped in a top-level `body` (as the validation payload is documented), `msg_id`, `footertext`, a
 * string `payloadVersion`, older button subtypes; and whether it is CleverTap's validation request.
 * @see https://docs.clevertap.com/docs/generic-whatsapp
 */
export function spellingVariants(
  send: ReadSend,
  validationRequest: 'documented' | 'loose' = 'documented',
): Diagnostic[] {
  const { message, at } = send;
  const out: Diagnostic[] = [];
  const validation = isValidationRequest(send, validationRequest);
  if (at === '/body') {
    out.push(
      variant(
        '/body',
        validation
          ? 'validation payload wrapped in a top-level "body" object'
          : `message wrapped in a top-level "body" object (as the validation payload is documented); msgId "${send.msgId}" is not the validation id ${VALIDATION_MSG_ID}, so it is read and sent as the message it wraps`,
      ),
    );
  }
  if (validation) {
    out.push({
      pointer: `${at}/${send.msgIdKey}`,
      keyword: 'validation-request',
      message:
        'CleverTap provider validation request: answered with success, no message is sent and no callbacks follow',
      severity: 'info',
    });
  }
  if (send.msgIdKey === 'msg_id') {
    out.push(variant(`${at}/msg_id`, 'message id spelt "msg_id" (as in the freeform samples)'));
  }
  if (typeof message.payloadVersion === 'string') {
    out.push(
      variant(
        `${at}/payloadVersion`,
        'payloadVersion sent as a string (the samples send a number)',
      ),
    );
  }
  (message.components ?? []).forEach((component, i) => {
    if (component.type === 'footer' && component.footertext !== undefined) {
      out.push(
        variant(`${at}/components/${i}/footertext`, 'footer text under "footertext" (one sample)'),
      );
    }
    const modern = LEGACY_SUBTYPES[component.subType ?? ''];
    if (component.type === 'button' && modern !== undefined) {
      out.push(
        variant(
          `${at}/components/${i}/subType`,
          `button subType "${component.subType}" (older revision; now "${modern}")`,
        ),
      );
    }
  });
  return out;
}

/**
 * Rules beyond the schema that every CleverTap Generic WhatsApp provider applies: the recipient is a
 * phone number (2002), the business number is the account's, and the template is approved with the
 * right number of parameters (2001, or only a warning when `templateCheck` is `dlr` or `off`).
 * @see https://docs.clevertap.com/docs/generic-whatsapp
 */
export function clevertapWhatsappRules(
  request: SimRequest,
  context: ProviderContext<ClevertapWhatsappSettings>,
): Diagnostic[] {
  const { settings } = context;
  const send = readSend(request.body);
  const { message, at } = send;
  const out = spellingVariants(send, settings.validationRequest);
  if (!INTERNATIONAL_NUMBER.test(message.to)) {
    out.push({
      pointer: `${at}/to`,
      keyword: 'phone-number',
      message: `${at}/to "${message.to}" is not a phone number; expected 8-15 digits with the country code, optionally after "+"`,
      severity: 'error',
      errorKind: 'invalid_recipient',
    });
  }
  const business = settings.wabaNumbers.map(normalizeNumber);
  if (business.length > 0 && !business.includes(normalizeNumber(message.wabaNumber))) {
    out.push({
      pointer: `${at}/wabaNumber`,
      keyword: 'business-number',
      message: `${at}/wabaNumber "${message.wabaNumber}" is not a business number of this account; expected one of ${settings.wabaNumbers.join(', ')}`,
      severity: 'error',
    });
  }
  if (
    message.isTemplate &&
    !isValidationRequest(send, settings.validationRequest) &&
    settings.templateCheck !== 'off'
  ) {
    const problem = templateProblem(message, at, settings);
    if (problem) {
      const rejects = settings.templateCheck === 'reject';
      out.push({
        pointer: problem.pointer,
        keyword: 'approved-template',
        message: rejects ? problem.message : `${problem.message} (the DLR will fail with 1001)`,
        severity: rejects ? 'error' : 'warning',
        errorKind: 'template_rejected',
      });
    }
  }
  return out;
}
