import type { Diagnostic, ProviderContext, SimRequest } from '../../src/engine/provider-api.js';
import { findApp, isRegion, regionOfApp } from './apps.js';
import { callbackTokenWarnings } from './callback-token.js';
import { MESSAGE_KINDS, kindsOf, type SendMessageBody } from './send-request.js';
import { REGIONS, type SinchConversationSettings } from './settings.js';
import { languageProblem, matchWhatsAppTemplate } from './whatsapp-templates.js';

/** Schema id of the `messages:send` body. */
export const SEND_REQUEST_SCHEMA = 'sinch-conversation/send-message-request';

/** Longest `conversation_metadata`, as serialized JSON. */
const MAX_CONVERSATION_METADATA = 2048;
/** `ttl` bounds, in seconds. */
const TTL_MIN = 3;
const TTL_MAX = 315_576_000_000;

const error = (
  pointer: string,
  keyword: string,
  message: string,
  errorKind?: string,
): Diagnostic => ({
  pointer,
  keyword,
  message,
  severity: 'error',
  ...(errorKind !== undefined && { errorKind }),
});

const isObject = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === 'object' && !Array.isArray(value);

/**
 * The "exactly one of" rules, checked before the schema so the answer names what is wrong instead
 * of a failed `oneOf`: recipient `contact_id` xor `identified_by`, and one message kind.
 * @see https://github.com/sinch/sinch-sdk-node/blob/main/packages/conversation/src/models/v1/send-message-request/send-message-request.ts
 */
export function exactlyOneRules(body: unknown): Diagnostic[] {
  if (!isObject(body)) return [];
  const out: Diagnostic[] = [];
  const { recipient, message } = body;
  if (isObject(recipient)) {
    const has = ['contact_id', 'identified_by'].filter((k) => recipient[k] !== undefined);
    if (has.length !== 1) {
      out.push(
        error(
          '/recipient',
          'recipient-one-of',
          `/recipient must have exactly one of contact_id or identified_by; got ${has.length === 0 ? 'neither' : 'both'}`,
        ),
      );
    }
  }
  if (isObject(message)) {
    const kinds = kindsOf(message);
    if (kinds.length > 1) {
      out.push(
        error(
          `/message/${kinds[1]!}`,
          'message-one-of',
          `/message must have exactly one message kind; got ${kinds.join(' and ')}`,
        ),
      );
    } else if (
      kinds.length === 0 &&
      message.explicit_channel_message === undefined &&
      message.channel_specific_message === undefined
    ) {
      out.push(
        error(
          '/message',
          'message-one-of',
          `/message must have one of ${MESSAGE_KINDS.join(', ')} (or an explicit_channel_message or channel_specific_message); got none`,
        ),
      );
    }
  }
  return out;
}

/** Most diagnostics a refusal carries: the answer names one field, the journal a few more. */
const MAX_DIAGNOSTICS = 10;
/** No array of a send is documented longer than this; longer ones are refused before the schema walks them. */
const MAX_ARRAY_ITEMS = 100;
/** How deep the size pre-check looks (the engine bounds JSON nesting before this runs). */
const MAX_WALK_DEPTH = 64;

/** The first array longer than any documented limit, found without walking its items. */
function oversizedArray(value: unknown, pointer = '', depth = 0): Diagnostic | undefined {
  if (depth > MAX_WALK_DEPTH || value === null || typeof value !== 'object') return undefined;
  if (Array.isArray(value)) {
    if (value.length > MAX_ARRAY_ITEMS) {
      return error(
        pointer,
        'maxItems',
        `${pointer || 'body'} has ${value.length} items; no list of a send may have more than ${MAX_ARRAY_ITEMS}`,
      );
    }
    for (const [i, item] of value.entries()) {
      const found = oversizedArray(item, `${pointer}/${i}`, depth + 1);
      if (found) return found;
    }
    return undefined;
  }
  for (const [key, item] of Object.entries(value)) {
    const found = oversizedArray(item, `${pointer}/${key}`, depth + 1);
    if (found) return found;
  }
  return undefined;
}

/** Keywords that only say an alternative failed; the error inside the alternative says why. */
const SUMMARY_KEYWORDS = new Set(['oneOf', 'anyOf', 'not', 'unevaluatedProperties']);

/**
 * Schema errors with the most specific first, as the API names the deepest failing field in
 * `field_violations`: across `oneOf` alternatives, the error deepest in the body wins (11 choices
 * is the choices array's `maxItems`, not "text_message is required"), summary errors come last.
 * At most `MAX_DIAGNOSTICS` are kept.
 */
export function mostSpecificFirst(diagnostics: readonly Diagnostic[]): Diagnostic[] {
  const depth = (d: Diagnostic): number => {
    const segments = d.pointer.split('/').length - 1;
    // A missing property names a field that is not there; the object that lacks it is one level up.
    return d.keyword === 'required' ? segments - 1 : segments;
  };
  const rank = (d: Diagnostic): number =>
    (d.severity === 'error' ? 0 : 1000) + (SUMMARY_KEYWORDS.has(d.keyword) ? 500 : 0) - depth(d);
  return diagnostics
    .map((d, i) => ({ d, i }))
    .sort((a, b) => rank(a.d) - rank(b.d) || a.i - b.i)
    .slice(0, MAX_DIAGNOSTICS)
    .map(({ d }) => d);
}

/** The app of the send in the region of the path, or the diagnostic that refuses it. */
function appRule(
  request: SimRequest,
  body: SendMessageBody,
  settings: SinchConversationSettings,
): Diagnostic | undefined {
  const { region = '', project_id: projectId = '' } = request.params;
  if (findApp(settings, projectId, body.app_id, region)) return undefined;
  const elsewhere = regionOfApp(settings, projectId, body.app_id);
  const kind = settings.unknownApp === 'not_found' ? 'app_not_found' : 'invalid_request';
  return error(
    '/app_id',
    'unknown-app',
    elsewhere
      ? `/app_id "${body.app_id}" is an app of region ${elsewhere}; this is the ${region} host, where it is unknown`
      : `/app_id "${body.app_id}" is not an app of project "${projectId}"`,
    kind,
  );
}

/** Rules that need the settings: app, channels, processing mode, sizes, ttl, WhatsApp templates. */
function semanticRules(
  request: SimRequest,
  body: SendMessageBody,
  settings: SinchConversationSettings,
): Diagnostic[] {
  const unknownApp = appRule(request, body, settings);
  if (unknownApp) return [unknownApp];
  const { region = '', project_id: projectId = '' } = request.params;
  const app = findApp(settings, projectId, body.app_id, region)!;
  const out: Diagnostic[] = [];
  body.channel_priority_order?.forEach((channel, i) => {
    if (!app.channels.includes(channel)) {
      out.push(
        error(
          `/channel_priority_order/${i}`,
          'channel-not-configured',
          `/channel_priority_order/${i} ${channel} is not configured on app "${app.appId}" (it has ${app.channels.join(', ')})`,
        ),
      );
    }
  });
  const dispatch =
    app.processingMode === 'DISPATCH' || body.processing_strategy === 'DISPATCH_ONLY';
  if (dispatch && body.recipient.contact_id !== undefined) {
    out.push(
      error(
        '/recipient/contact_id',
        'dispatch-recipient',
        '/recipient/contact_id cannot be used in DISPATCH mode; identify the recipient with identified_by.channel_identities',
      ),
    );
  }
  if (body.conversation_metadata !== undefined) {
    const size = JSON.stringify(body.conversation_metadata).length;
    if (size > MAX_CONVERSATION_METADATA) {
      out.push(
        error(
          '/conversation_metadata',
          'max-length',
          `/conversation_metadata is ${size} characters as JSON; at most ${MAX_CONVERSATION_METADATA} are allowed`,
        ),
      );
    }
  }
  if (body.ttl !== undefined) {
    const seconds = Number(body.ttl.slice(0, -1));
    if (seconds < TTL_MIN || seconds > TTL_MAX) {
      out.push(
        error(
          '/ttl',
          'ttl-range',
          `/ttl ${JSON.stringify(body.ttl)} must be between ${TTL_MIN}s and ${TTL_MAX}s`,
        ),
      );
    }
  }
  for (const [channel, payload] of Object.entries(body.message.explicit_channel_message ?? {})) {
    try {
      JSON.parse(payload);
    } catch {
      out.push(
        error(
          `/message/explicit_channel_message/${channel}`,
          'explicit-json',
          `/message/explicit_channel_message/${channel} must be the channel's message as a JSON string`,
        ),
      );
    }
  }
  const whatsapp = body.message.template_message?.channel_template?.WHATSAPP;
  if (whatsapp) {
    const at = '/message/template_message/channel_template/WHATSAPP';
    const language = languageProblem(whatsapp);
    if (language !== undefined) {
      out.push(error(`${at}/language_code`, 'whatsapp-language', `${at}/${language}`));
    } else if (settings.templateCheck === 'reject') {
      const mismatch = matchWhatsAppTemplate(whatsapp, settings.whatsappTemplates);
      if (mismatch) {
        out.push(error(`${at}${mismatch.pointer}`, 'whatsapp-template', mismatch.detail));
      }
    }
  }
  return out;
}

/**
 * First-stage validation of `messages:send`: the region, the exactly-one rules, the schema, then
 * the rules that need the app (channels configured, DISPATCH recipients, metadata size, ttl range,
 * WhatsApp template language). Failures answer 400 and the message is discarded.
 * @see https://developers.sinch.com/docs/conversation/callbacks
 */
export function sendRules(
  request: SimRequest,
  context: ProviderContext<SinchConversationSettings>,
): Diagnostic[] {
  const region = request.params.region ?? '';
  if (!isRegion(region)) {
    return [
      error(
        '',
        'region',
        `no Conversation API host for region "${region}"; regions are ${REGIONS.join(', ')}`,
        'not_found',
      ),
    ];
  }
  const oneOf = exactlyOneRules(request.body);
  if (oneOf.length > 0) return oneOf;
  const oversized = oversizedArray(request.body);
  if (oversized) return [oversized];
  const shape = context.validateSchema(SEND_REQUEST_SCHEMA, request.body);
  if (shape.some((d) => d.severity === 'error')) return mostSpecificFirst(shape);
  const body = request.body as SendMessageBody;
  const found = semanticRules(request, body, context.settings);
  if (found.some((d) => d.severity === 'error')) return found;
  return [
    ...found,
    ...callbackTokenWarnings(context, request.params.project_id ?? '', body.app_id),
  ];
}
