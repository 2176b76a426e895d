import { bodyComponent, type ClevertapMessage } from './send-body.js';
import type { ClevertapWhatsappSettings } from './settings.js';

/** Why a template message does not match the approved registry: where, and what is wrong. */
export interface TemplateProblem {
  pointer: string;
  message: string;
}

/**
 * Checks a template message against the approved templates (name + language, then the number of
 * positional body parameters), or returns undefined when it matches. Template names and languages
 * must be approved per provider configuration, and the body is rendered from positional parameters.
 * @see https://docs.clevertap.com/docs/sinch
 */
export function templateProblem(
  message: ClevertapMessage,
  at: string,
  settings: ClevertapWhatsappSettings,
): TemplateProblem | undefined {
  const { namespace, languageCode } = message.template!;
  const languages = settings.templates[namespace];
  if (!languages) {
    const known = Object.keys(settings.templates);
    return {
      pointer: `${at}/template/namespace`,
      message: `${at}/template/namespace "${namespace}" is not an approved template; approved: ${known.join(', ') || '(none)'}`,
    };
  }
  const spec = languages[languageCode];
  if (!spec) {
    return {
      pointer: `${at}/template/languageCode`,
      message: `${at}/template/languageCode "${languageCode}" is not approved for template "${namespace}"; approved: ${Object.keys(languages).join(', ')}`,
    };
  }
  const body = bodyComponent(message.components ?? []);
  const count = body?.component.body?.parameters?.length ?? 0;
  if (count !== spec.parameters) {
    const pointer = body ? `${at}/components/${body.index}/body/parameters` : `${at}/components`;
    return {
      pointer,
      message: `${pointer} has ${count} parameter(s); template "${namespace}" (${languageCode}) takes ${spec.parameters}`,
    };
  }
  return undefined;
}
