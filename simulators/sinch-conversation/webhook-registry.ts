import type { AcceptedMessage, ProviderContext } from '../../src/engine/provider-api.js';
import { allApps } from './apps.js';
import { dataOf } from './message-data.js';
import type { SinchConversationSettings, WebhookSettings, WebhookTrigger } from './settings.js';

/** Most webhooks one app may have. @see https://developers.sinch.com/docs/conversation/callbacks */
export const MAX_WEBHOOKS_PER_APP = 5;

/** A webhook of an app: configured, or registered through the webhooks API. */
export interface Webhook extends WebhookSettings {
  projectId: string;
  appId: string;
  /** OAuth2 client credentials: callbacks to this webhook carry a bearer token got with them. */
  clientCredentials?: ClientCredentials;
}

/**
 * A webhook's `client_credentials`: Sinch gets an access token from `endpoint` with the OAuth2
 * client-credentials grant and sends it as `Authorization: Bearer` on each callback.
 * @see https://github.com/sinch/sinch-sdk-node/blob/main/packages/conversation/src/models/v1/client-credentials/client-credentials.ts
 */
export interface ClientCredentials {
  client_id: string;
  client_secret: string;
  endpoint: string;
  scope?: string;
  response_type?: string;
  token_request_type?: string;
}

/** Callback kinds of this provider and the trigger each one is. */
export const TRIGGER_OF_KIND: Readonly<Record<string, WebhookTrigger>> = {
  delivery: 'MESSAGE_DELIVERY',
  inbound: 'MESSAGE_INBOUND',
  submit: 'MESSAGE_SUBMIT',
  'conversation-start': 'CONVERSATION_START',
  'conversation-stop': 'CONVERSATION_STOP',
  'contact-create': 'CONTACT_CREATE',
  'contact-delete': 'CONTACT_DELETE',
  'contact-merge': 'CONTACT_MERGE',
  'contact-update': 'CONTACT_UPDATE',
};

const STORE_KEY = 'webhooks';

/** Webhooks stay until deleted, as the real API keeps them (no 24-hour time to live). */
const LASTING = { lasting: true } as const;

/**
 * Every webhook by id, as a plain object in the store. The store starts from the configured
 * webhooks, so a reset brings back the configuration and forgets webhooks registered through the API.
 */
function webhookRecord(
  context: ProviderContext<SinchConversationSettings>,
): Record<string, Webhook> {
  let table = context.store.get(STORE_KEY) as Record<string, Webhook> | undefined;
  if (!table) {
    table = {};
    for (const { project, app } of allApps(context.settings)) {
      for (const webhook of app.webhooks) {
        table[webhook.id] = { ...webhook, projectId: project.projectId, appId: app.appId };
      }
    }
    context.store.set(STORE_KEY, table, LASTING);
  }
  return table;
}

/** The webhook `id`, if registered. */
export function getWebhook(
  context: ProviderContext<SinchConversationSettings>,
  id: string,
): Webhook | undefined {
  return Object.hasOwn(webhookRecord(context), id) ? webhookRecord(context)[id] : undefined;
}

/** Registers or replaces a webhook (the table is written again, never changed in place). */
export function putWebhook(
  context: ProviderContext<SinchConversationSettings>,
  webhook: Webhook,
): void {
  context.store.set(STORE_KEY, { ...webhookRecord(context), [webhook.id]: webhook }, LASTING);
}

/** Removes a webhook. */
export function removeWebhook(
  context: ProviderContext<SinchConversationSettings>,
  id: string,
): void {
  const { [id]: _removed, ...rest } = webhookRecord(context);
  context.store.set(STORE_KEY, rest, LASTING);
}

/** The webhooks of one app, in registration order. */
export function webhooksOf(
  context: ProviderContext<SinchConversationSettings>,
  projectId: string,
  appId: string,
): Webhook[] {
  return Object.values(webhookRecord(context)).filter(
    (w) => w.projectId === projectId && w.appId === appId,
  );
}

/** The app a message belongs to, or the first configured app when there is no message. */
function appOf(
  message: AcceptedMessage | undefined,
  context: ProviderContext<SinchConversationSettings>,
): { projectId: string; appId: string } | undefined {
  if (message?.data) {
    const { projectId, appId } = dataOf(message);
    return { projectId, appId };
  }
  const first = allApps(context.settings)[0];
  return first && { projectId: first.project.projectId, appId: first.app.appId };
}

const subscribed = (webhook: Webhook, trigger: WebhookTrigger | undefined): boolean =>
  trigger !== undefined && webhook.targetType === 'HTTP' && webhook.triggers.includes(trigger);

/**
 * Where callbacks of `kind` go: every HTTP webhook of the message's app whose triggers include the
 * kind's trigger. A webhook without a target stands for the simulator's own callback URL; it is
 * used (undefined lets the engine pick its configured URL) only when no webhook with a target
 * subscribes to the trigger. No subscribed webhook at all means the callback is not sent.
 * @see https://developers.sinch.com/docs/conversation/callbacks
 */
export function callbackTargetsOf(
  kind: string,
  message: AcceptedMessage | undefined,
  context: ProviderContext<SinchConversationSettings>,
): string[] | undefined {
  const app = appOf(message, context);
  if (!app) return [];
  const hooks = webhooksOf(context, app.projectId, app.appId).filter((w) =>
    subscribed(w, TRIGGER_OF_KIND[kind]),
  );
  const targets = [...new Set(hooks.flatMap((w) => (w.target ? [w.target] : [])))];
  if (targets.length > 0) return targets;
  return hooks.length > 0 ? undefined : [];
}

/**
 * The webhook a callback of `kind` for `message` to `target` goes out for: the subscribed webhook
 * with that target, or the target-less one the simulator's own callback URL stands for. Undefined
 * when the target is the message's own `callback_url` (no webhook is involved) or none matches.
 */
export function webhookFor(
  kind: string,
  message: AcceptedMessage,
  target: string,
  context: ProviderContext<SinchConversationSettings>,
): Webhook | undefined {
  if (message.callbackTargets?.[kind] === target) return undefined;
  const { projectId, appId } = dataOf(message);
  return appWebhookFor(kind, projectId, appId, target, context);
}

/**
 * The webhook of app `appId` a callback of `kind` to `target` goes out for: the subscribed webhook
 * with that target, or the target-less one the simulator's own callback URL stands for.
 */
export function appWebhookFor(
  kind: string,
  projectId: string,
  appId: string,
  target: string,
  context: ProviderContext<SinchConversationSettings>,
): Webhook | undefined {
  const hooks = webhooksOf(context, projectId, appId).filter((w) =>
    subscribed(w, TRIGGER_OF_KIND[kind]),
  );
  return hooks.find((w) => w.target === target) ?? hooks.find((w) => !w.target);
}

/**
 * The secret that signs a callback of `kind` for `message` to `target`: the app's
 * `secret_for_overridden_callback_urls` when the target is the message's own `callback_url`, else
 * the secret of the webhook with that target (or of the target-less webhook the simulator's own
 * callback URL stands for). Undefined means the callback goes unsigned.
 * @see https://github.com/sinch/sinch-sdk-node/blob/main/packages/conversation/src/models/v1/send-message-request/send-message-request.ts
 */
export function signingSecretFor(
  kind: string,
  message: AcceptedMessage,
  target: string,
  context: ProviderContext<SinchConversationSettings>,
): string | undefined {
  if (message.callbackTargets?.[kind] === target) {
    const { projectId, appId } = dataOf(message);
    return allApps(context.settings).find(
      ({ project, app }) => project.projectId === projectId && app.appId === appId,
    )?.app.secretForOverriddenCallbackUrls;
  }
  return webhookFor(kind, message, target, context)?.secret;
}
