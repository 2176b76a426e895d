import type { ChannelTemplateReference } from './send-request.js';
import type { WhatsAppTemplate } from './settings.js';

/**
 * A WhatsApp channel-template parameter key: `<component>[<index>]<field>` for header and body
 * (`body[1]text`, `header[1]image.link`), `button[<index>]<sub_type>[<param_index>]<field>` for
 * buttons (`button[0]url[1]text`, `button[0]quick_reply[1]payload`).
 * @see https://github.com/sinch/docs/blob/master/docs/conversation/conversation-channel-support/conversation-whatsapp.md
 */
export const PARAMETER_KEY =
  /^(?:(?:header|body)\[\d+\][a-z_]+(?:\.[a-z_]+)?|button\[\d+\][a-z_]+\[\d+\][a-z_]+)$/;

/** A language code in the underscore form WhatsApp channel templates require (`en_US`, `sr_Latn`). */
export const UNDERSCORE_LANGUAGE = /^[a-z]{2,3}(?:_[A-Za-z0-9]+)*$/;

/** Why a WhatsApp template reference does not match the approved templates. */
export interface TemplateMismatch {
  reason:
    | 'TEMPLATE_NOT_FOUND'
    | 'TEMPLATE_NON_EXISTING_LANGUAGE_OR_VERSION'
    | 'TEMPLATE_INSUFFICIENT_PARAMETERS'
    | 'BAD_REQUEST';
  /** Relative to the channel template, e.g. `/parameters/body[2]text`. */
  pointer: string;
  detail: string;
}

/**
 * Why `language_code` is unusable on a WhatsApp channel template (required, underscore form), or
 * undefined when it is fine.
 * @see https://github.com/sinch/sinch-sdk-node/blob/main/packages/conversation/src/models/v1/template-reference/template-reference.ts
 */
export function languageProblem(reference: ChannelTemplateReference): string | undefined {
  const code = reference.language_code;
  if (code === undefined) {
    return 'language_code is required on a WhatsApp channel template (underscore form, e.g. en_US)';
  }
  if (!UNDERSCORE_LANGUAGE.test(code)) {
    return `language_code ${JSON.stringify(code)} must use the underscore form WhatsApp templates take, e.g. ${JSON.stringify(code.replace(/-/g, '_'))}`;
  }
  return undefined;
}

/**
 * Checks a WhatsApp channel template against the approved templates: the name, the language, then
 * the parameters (every key the template defines must be given, even an empty quick-reply payload;
 * keys it does not define, or malformed keys, are refused).
 */
export function matchWhatsAppTemplate(
  reference: ChannelTemplateReference,
  templates: readonly WhatsAppTemplate[],
): TemplateMismatch | undefined {
  const template = templates.find((t) => t.name === reference.template_id);
  if (!template) {
    return {
      reason: 'TEMPLATE_NOT_FOUND',
      pointer: '/template_id',
      detail: `WhatsApp template "${reference.template_id}" is not approved; known: ${templates.map((t) => t.name).join(', ') || '(none)'}`,
    };
  }
  const language = reference.language_code ?? '';
  if (!template.languages.includes(language)) {
    return {
      reason: 'TEMPLATE_NON_EXISTING_LANGUAGE_OR_VERSION',
      pointer: '/language_code',
      detail: `WhatsApp template "${template.name}" has no language ${JSON.stringify(language)}; it has ${template.languages.join(', ')}`,
    };
  }
  const given = reference.parameters ?? {};
  const malformed = Object.keys(given).find((key) => !PARAMETER_KEY.test(key));
  if (malformed !== undefined) {
    return {
      reason: 'BAD_REQUEST',
      pointer: `/parameters/${malformed}`,
      detail: `parameter key ${JSON.stringify(malformed)} is not of the form body[1]text, header[1]image.link or button[0]quick_reply[1]payload`,
    };
  }
  const missing = template.parameters.filter((key) => given[key] === undefined);
  if (missing.length > 0) {
    return {
      reason: 'TEMPLATE_INSUFFICIENT_PARAMETERS',
      pointer: '/parameters',
      detail: `WhatsApp template "${template.name}" needs parameter(s) ${missing.join(', ')}`,
    };
  }
  const unknown = Object.keys(given).filter((key) => !template.parameters.includes(key));
  if (unknown.length > 0) {
    return {
      reason: 'BAD_REQUEST',
      pointer: `/parameters/${unknown[0]!}`,
      detail: `WhatsApp template "${template.name}" defines no parameter(s) ${unknown.join(', ')}; it takes ${template.parameters.join(', ') || 'none'}`,
    };
  }
  return undefined;
}
