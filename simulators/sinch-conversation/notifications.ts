import type { AcceptedMessage, ProviderContext } from '../../src/engine/provider-api.js';
import type { NotificationData } from './message-data.js';
import type { SinchConversationSettings, WebhookTrigger } from './settings.js';
import { webhooksOf } from './webhook-registry.js';

/**
 * Callback kinds beyond delivery reports and inbound messages, with the trigger each one is and
 * the top-level key its body carries (the SDK tells the trigger by that key).
 * @see https://github.com/sinch/sinch-sdk-node/blob/main/packages/conversation/src/rest/v1/callbacks/callbacks-webhook.ts
 */
export const NOTIFICATION_KINDS = {
  submit: { trigger: 'MESSAGE_SUBMIT', key: 'message_submit_notification' },
  'conversation-start': {
    trigger: 'CONVERSATION_START',
    key: 'conversation_start_notification',
  },
  'conversation-stop': { trigger: 'CONVERSATION_STOP', key: 'conversation_stop_notification' },
  'contact-create': { trigger: 'CONTACT_CREATE', key: 'contact_create_notification' },
  'contact-delete': { trigger: 'CONTACT_DELETE', key: 'contact_delete_notification' },
  'contact-merge': { trigger: 'CONTACT_MERGE', key: 'contact_merge_notification' },
  'contact-update': { trigger: 'CONTACT_UPDATE', key: 'contact_update_notification' },
} as const satisfies Record<string, { trigger: WebhookTrigger; key: string }>;

/** One notification kind. */
export type NotificationKind = keyof typeof NOTIFICATION_KINDS;

/** Whether some HTTP webhook of the app subscribes to `trigger`. */
export function subscribedTo(
  context: ProviderContext<SinchConversationSettings>,
  projectId: string,
  appId: string,
  trigger: WebhookTrigger,
): boolean {
  return webhooksOf(context, projectId, appId).some(
    (w) => w.targetType === 'HTTP' && w.triggers.includes(trigger),
  );
}

/**
 * The notification `kind` about `subject` for each app of `appIds` with a webhook subscribed to
 * its trigger, as messages whose one lifecycle step sends it. No subscriber: nothing (so nothing
 * is journaled for events nobody listens to).
 */
export function notify(
  context: ProviderContext<SinchConversationSettings>,
  projectId: string,
  appIds: readonly string[],
  kind: NotificationKind,
  subject: string,
  payload: Record<string, unknown>,
): AcceptedMessage[] {
  const { trigger } = NOTIFICATION_KINDS[kind];
  return appIds
    .filter((appId) => subscribedTo(context, projectId, appId, trigger))
    .map((appId) => {
      const data: NotificationData = {
        type: 'notification',
        projectId,
        appId,
        processingMode: 'CONVERSATION',
        contactId: '',
        conversationId: '',
        kind,
        payload,
        at: context.clock.now(),
      };
      return {
        id: context.ids.next(),
        recipient: subject,
        data: data as unknown as Record<string, unknown>,
      };
    });
}

/** The apps of a project: contact events go to the webhooks of every app subscribed to them. */
export function appsOfProject(
  context: ProviderContext<SinchConversationSettings>,
  projectId: string,
): string[] {
  return (
    context.settings.projects.find((p) => p.projectId === projectId)?.apps.map((a) => a.appId) ?? []
  );
}
