import { callProvider, type ProviderResponse } from '../provider-http.js';
import {
  parseInboundCallback,
  parseStatusCallback,
  type CallbackMemory,
} from './clevertap-whatsapp-callbacks.js';
import type { ClevertapWhatsappDefects } from './clevertap-whatsapp-defects.js';
import { clevertapWhatsappMessageId } from './clevertap-whatsapp-message-id.js';
import {
  DEFAULT_TEMPLATES,
  fillPlaceholders,
  parametersFor,
  type CatalogTemplate,
} from './clevertap-whatsapp-templates.js';
import type {
  CallbackOutcome,
  GatewayProvider,
  PlannedRequest,
  ProviderAnswer,
  ProviderDeps,
  SendInput,
} from './gateway-provider.js';

/**
 * What every CleverTap "Generic (Other)" WhatsApp provider is configured with in CleverTap: the
 * business number, the saved templates, and where the provider's endpoint is.
 * @see https://docs.clevertap.com/docs/generic-whatsapp
 */
export interface ClevertapWhatsappGatewaySettings {
  /** The business number (`wabaNumber`). */
  wabaNumber: string;
  /** Second part of every msgId. */
  campaignId: string;
  /** The templates saved in the dashboard; a send names one by `templateId` (its namespace). */
  templates: CatalogTemplate[];
  /** Full send URL; by default the simulator's route for the provider. */
  endpoint?: string;
  /** Largest request body the provider takes (the simulator's limit); larger sends are refused. */
  maxRequestBytes: number;
  /** Switches that make this integration wrong on purpose. */
  defects: ClevertapWhatsappDefects;
}

/** Defaults shared by the three modules: the simulator's sandbox number and templates. */
export const CLEVERTAP_WHATSAPP_GATEWAY_DEFAULTS: ClevertapWhatsappGatewaySettings = {
  wabaNumber: '919800000099',
  campaignId: '1712345678',
  templates: DEFAULT_TEMPLATES,
  maxRequestBytes: 1_048_576,
  defects: {},
};

/** What differs between the three WhatsApp providers, from the gateway's side. */
export interface ClevertapWhatsappSpec {
  id: string;
  title: string;
  /** Path of the send route on the simulator. */
  simulatorPath: string;
  /** The provider's headers for one send (credentials, and Kaleyra's callback URLs). */
  headers(): Record<string, string>;
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === 'object' && !Array.isArray(value);

/** How the provider answered: CleverTap reads the body of a 200 only; `failure` refuses the send. */
function readAnswer({ status, text, json: body }: ProviderResponse): ProviderAnswer {
  if (status === 200 && isObject(body) && body.status === 'success') {
    return { accepted: true };
  }
  const error = isObject(body) && isObject(body.error) ? body.error : undefined;
  return {
    accepted: false,
    code:
      status === 200 && (typeof error?.code === 'number' || typeof error?.code === 'string')
        ? String(error.code)
        : String(status),
    description:
      typeof error?.message === 'string'
        ? error.message
        : isObject(body) && typeof body.message === 'string'
          ? body.message
          : `HTTP ${status}: ${text.slice(0, 200)}`,
  };
}

/** The template components CleverTap sends for `template` filled with `parameters`. */
function componentsFor(template: CatalogTemplate, parameters: readonly string[]): unknown[] {
  const components: unknown[] = [];
  if (template.headerImage) {
    components.push({
      type: 'header',
      header: { type: 'image', image: { mediaURL: template.headerImage } },
    });
  }
  components.push({
    type: 'body',
    body: {
      text: fillPlaceholders(template.body, parameters),
      parameters: parameters.map((text) => ({ type: 'text', text })),
    },
  });
  if (template.footer) components.push({ type: 'footer', footer: template.footer });
  (template.buttons ?? []).forEach((button, index) => {
    components.push({
      type: 'button',
      index,
      subType: button.subType,
      buttonText: button.buttonText,
      ...(button.parameter !== undefined && {
        parameters: [
          button.subType === 'copy_code'
            ? { type: 'coupon_code', coupon_code: fillPlaceholders(button.parameter, parameters) }
            : { type: 'text', text: fillPlaceholders(button.parameter, parameters) },
        ],
      }),
    });
  });
  return components;
}

/**
 * A CleverTap Generic WhatsApp integration: one JSON request per recipient (template when the send
 * names a `templateId`, whose parameters are read back from the rendered `text`; freeform text
 * otherwise), each with its own msgId; status callbacks at `/callbacks/<id>` and inbound messages at
 * `/callbacks/<id>/inbound`, both acknowledged with 200.
 * @see https://docs.clevertap.com/docs/generic-whatsapp
 */
export function createClevertapWhatsappProvider(
  spec: ClevertapWhatsappSpec,
  settings: ClevertapWhatsappGatewaySettings,
  deps: ProviderDeps,
): GatewayProvider {
  const { defects } = settings;
  const memory: CallbackMemory = { processed: new Set(), delivered: new Set() };
  let sequence = 0;
  let firstMsgId: string | undefined;

  const nextMsgId = (): string => {
    const msgId = clevertapWhatsappMessageId(
      settings.campaignId,
      deps.now(),
      ++sequence,
      deps.startTag,
    );
    firstMsgId ??= msgId;
    return defects.reuseMsgId ? firstMsgId : msgId;
  };

  const templateOf = (input: SendInput): CatalogTemplate | undefined =>
    settings.templates.find((t) => t.namespace === input.templateId);

  const bodyFor = (input: SendInput, to: string, msgId: string): Record<string, unknown> => {
    const template = templateOf(input);
    const isTemplate = defects.isTemplateAsString ? String(Boolean(template)) : Boolean(template);
    const common = { payloadVersion: 0.1, to, wabaNumber: settings.wabaNumber, isTemplate, msgId };
    if (!template) return { ...common, type: 'text', text: { body: input.text } };
    const parameters = parametersFor(template, input.text) ?? [];
    return {
      ...common,
      template: { namespace: template.namespace, languageCode: template.languageCode },
      components: componentsFor(template, parameters),
    };
  };

  const post = async (body: Record<string, unknown>): Promise<ProviderAnswer> => {
    let url: string;
    try {
      url = settings.endpoint ?? `${deps.baseUrl()}${spec.simulatorPath}`;
    } catch (error) {
      return { accepted: false, code: 'no-endpoint', description: (error as Error).message };
    }
    // callProvider reports the HTTP status and Retry-After, which the core's retry policy reads.
    return callProvider(
      { url, headers: spec.headers(), body, timeoutMs: deps.requestTimeoutMs },
      readAnswer,
    );
  };

  return {
    id: spec.id,
    title: spec.title,
    callbackKinds: ['dlr', 'inbound'],
    maxRequestBytes: settings.maxRequestBytes,

    checkSend(input) {
      if (input.templateId === undefined) return undefined;
      const template = templateOf(input);
      if (!template) {
        return {
          pointer: '/templateId',
          message: `/templateId "${input.templateId}" is not a saved ${spec.id} template; saved: ${settings.templates.map((t) => t.namespace).join(', ')}`,
        };
      }
      if (!parametersFor(template, input.text)) {
        return {
          pointer: '/text',
          message: `/text must be the body of template "${template.namespace}" with its placeholders filled: "${template.body}"`,
        };
      }
      return undefined;
    },

    planRequests(input) {
      return input.to.map((to): PlannedRequest => {
        const reference = nextMsgId();
        const body = bodyFor(input, to, reference);
        const bodyBytes = Buffer.byteLength(JSON.stringify(body));
        return { to: [to], reference, bodyBytes, execute: () => post(body) };
      });
    },

    parseCallback(kind, body) {
      if (kind === 'dlr') return parseStatusCallback(body, defects, memory);
      if (kind === 'inbound') return parseInboundCallback(body, defects);
      return { ok: false, status: 404, error: `${spec.id} posts no ${kind} callbacks` };
    },

    callbackAnswerBody({ processed, unprocessed, error }: CallbackOutcome) {
      // CleverTap's answer to WhatsApp callbacks is undocumented: its Generic SMS answer is reused.
      const status = error !== undefined ? 'fail' : unprocessed.length > 0 ? 'partial' : 'success';
      return {
        status,
        processed,
        unprocessed: unprocessed.map((u) => ({ status: 'fail', ...u })),
        ...(error !== undefined && { error }),
      };
    },
  };
}
