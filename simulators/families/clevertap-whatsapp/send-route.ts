import type {
  AuthScheme,
  Diagnostic,
  ProviderContext,
  RouteDefinition,
  SimRequest,
} from '../../../src/engine/provider-api.js';
import { acceptClevertapSend, type AcceptOptions } from './accept.js';
import { clevertapAuth } from './auth.js';
import { clevertapWhatsappRules } from './rules.js';
import { recipientOf } from './send-body.js';
import type { ClevertapWhatsappSettings } from './settings.js';

/** What differs between the providers' send routes. */
export interface SendRouteOptions<S extends ClevertapWhatsappSettings> extends AcceptOptions<S> {
  /** Path below the provider's base path, spelt as the provider documents it. */
  path: string;
  /** How credentials are checked; failures are answered per `settings.badCredentials`. */
  auth: AuthScheme<S>;
  /** Schema id of the body. */
  requestSchema: string;
  /** Whether a request without Content-Type is read as JSON (CleverTap may not send one). */
  allowMissingContentType: boolean;
  /** The provider's own rules, after the shared ones. */
  rules?(request: SimRequest, context: ProviderContext<S>): Diagnostic[];
}

/**
 * The one send route of a CleverTap Generic WhatsApp provider: `POST` of template and freeform
 * messages alike, checked against the schema, the shared rules and the provider's own.
 * @see https://docs.clevertap.com/docs/generic-whatsapp
 */
export function clevertapWhatsappSendRoute<S extends ClevertapWhatsappSettings>(
  options: SendRouteOptions<S>,
): RouteDefinition<S> {
  return {
    id: 'send',
    method: 'POST',
    path: options.path,
    body: 'json',
    allowMissingContentType: options.allowMissingContentType,
    auth: clevertapAuth(options.auth),
    requestSchema: options.requestSchema,
    validate: (request, context) => [
      ...clevertapWhatsappRules(request, context),
      ...(options.rules?.(request, context) ?? []),
    ],
    recipients: (request) => {
      const to = recipientOf(request.body);
      return to === undefined ? [] : [to];
    },
    ...(options.requestTargets && {
      callbackTargets: (request: SimRequest): Record<string, string> =>
        Object.fromEntries(
          (options.requestTargets?.(request) ?? []).map((t) => [t.pointer, t.url]),
        ),
    }),
    accept: acceptClevertapSend(options),
  };
}
