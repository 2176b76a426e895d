import type {
  AcceptResult,
  AcceptedMessage,
  ProviderContext,
  SimRequest,
} from '../../src/engine/provider-api.js';
import { findApp } from './apps.js';
import { prefetchAppCallbackTokens } from './callback-token.js';
import {
  contactFor,
  contactJson,
  findContact,
  rememberIdentities,
  type Contact,
} from './contacts.js';
import { conversationFor, conversationJson } from './conversations.js';
import { recordMessage } from './message-history.js';
import { notify, subscribedTo } from './notifications.js';
import { whatsAppWindowOpen } from './customer-window.js';
import { planDelivery } from './delivery-plan.js';
import { lastSendKey, type LastSend, type SentMessageData } from './message-data.js';
import type { SendMessageBody } from './send-request.js';
import type { SinchConversationSettings } from './settings.js';

/**
 * The postback data a contact's tap returns for each choice the message offered (choice, card and
 * carousel choices, in order): the choice's own `postback_data`, else `<message_id>_<text or title>`.
 * @see https://developers.sinch.com/docs/conversation/callbacks
 */
export function postbacksOf(messageId: string, body: SendMessageBody): string[] {
  const { message } = body;
  const list = (value: unknown): Record<string, unknown>[] =>
    Array.isArray(value) ? (value as Record<string, unknown>[]) : [];
  const card = message.card_message as { choices?: unknown } | undefined;
  const carousel = message.carousel_message as
    { cards?: { choices?: unknown }[]; choices?: unknown } | undefined;
  const choices = [
    ...list(message.choice_message?.choices),
    ...list(card?.choices),
    ...(carousel?.cards ?? []).flatMap((c) => list(c.choices)),
    ...list(carousel?.choices),
  ];
  return choices.map((choice) => {
    if (typeof choice.postback_data === 'string') return choice.postback_data;
    const kind = Object.values(choice).find(
      (v): v is Record<string, unknown> => v !== null && typeof v === 'object',
    );
    const label = [kind?.text, kind?.title].find((v): v is string => typeof v === 'string');
    return `${messageId}_${label ?? ''}`;
  });
}

/**
 * Accepts a valid `messages:send`: one message, planned across its channels, answered with
 * `{message_id, accepted_time}` (the QUEUED state, which is never called back). In CONVERSATION
 * mode the recipient's contact and conversation are found or created.
 * @see https://github.com/sinch/sinch-sdk-node/blob/main/packages/conversation/src/models/v1/send-message-response/send-message-response.ts
 */
export function acceptSend(
  request: SimRequest,
  context: ProviderContext<SinchConversationSettings>,
): AcceptResult {
  const body = request.body as SendMessageBody;
  const { region = '', project_id: projectId = '' } = request.params;
  const app = findApp(context.settings, projectId, body.app_id, region)!;
  const dispatch =
    app.processingMode === 'DISPATCH' || body.processing_strategy === 'DISPATCH_ONLY';
  const identities = body.recipient.identified_by?.channel_identities ?? [];
  let contact: Contact | undefined;
  const notifications: AcceptedMessage[] = [];
  if (body.recipient.contact_id !== undefined) {
    contact = findContact(context, projectId, body.recipient.contact_id);
  } else if (!dispatch && identities[0]) {
    const found = contactFor(context, projectId, identities[0].channel, identities[0].identity);
    rememberIdentities(context, projectId, found, identities);
    contact = findContact(context, projectId, found.id);
    if (found.created && contact) {
      notifications.push(
        ...notify(context, projectId, [app.appId], 'contact-create', contact.id, {
          contact: contactJson(contact),
        }),
      );
    }
  }
  const plan = planDelivery(body, app, context.settings, contact, (identity) =>
    whatsAppWindowOpen(context, app.appId, identity),
  );
  const id = context.ids.next();
  const now = context.clock.now();
  // Its reports are built later and synchronously: have the webhooks' tokens at hand by then.
  prefetchAppCallbackTokens(context, projectId, app.appId);
  const firstAttempt = 'attempts' in plan ? plan.attempts[0] : undefined;
  let conversationId = '';
  if (!dispatch && contact) {
    const conversation = conversationFor(
      context,
      projectId,
      app.appId,
      contact.id,
      firstAttempt?.channel,
    );
    conversationId = conversation.id;
    if (conversation.started) {
      notifications.push(
        ...notify(context, projectId, [app.appId], 'conversation-start', conversationId, {
          conversation: conversationJson(conversation),
        }),
      );
    }
  }
  const data: SentMessageData = {
    type: 'sent',
    projectId,
    appId: app.appId,
    processingMode: dispatch ? 'DISPATCH' : 'CONVERSATION',
    contactId: dispatch ? '' : (contact?.id ?? ''),
    conversationId,
    acceptedAt: now,
    plan,
    appMessage: body.message,
    ...(subscribedTo(context, projectId, app.appId, 'MESSAGE_SUBMIT') && { submitNotified: true }),
    ...(body.correlation_id !== undefined && { correlationId: body.correlation_id }),
    ...(body.message_metadata !== undefined && { messageMetadata: body.message_metadata }),
  };
  const attempts = 'attempts' in plan ? plan.attempts : [];
  const first = attempts[0];
  const recipient = first?.identity ?? body.recipient.contact_id ?? identities[0]?.identity ?? '';
  const message: AcceptedMessage = {
    id,
    recipient,
    ...(body.correlation_id !== undefined && { reference: body.correlation_id }),
    data: data as unknown as Record<string, unknown>,
    ...(body.callback_url !== undefined && { callbackTargets: { delivery: body.callback_url } }),
  };
  if (first) {
    for (const attempt of attempts) {
      const key = lastSendKey(attempt.identity);
      // Replies carry the latest correlation id and conversation metadata set, even by an older send.
      const previous = context.store.get(key) as LastSend | undefined;
      const correlationId = body.correlation_id ?? previous?.correlationId;
      const conversationMetadata =
        body.conversation_metadata !== undefined
          ? JSON.stringify(body.conversation_metadata)
          : previous?.conversationMetadata;
      const last: LastSend = {
        messageId: id,
        projectId,
        appId: app.appId,
        channel: attempt.channel,
        postbacks: postbacksOf(id, body),
        ...(correlationId !== undefined && { correlationId }),
        ...(body.message_metadata !== undefined && { messageMetadata: body.message_metadata }),
        ...(conversationMetadata !== undefined && { conversationMetadata }),
      };
      context.store.set(key, last);
    }
  }
  const failure = 'failure' in plan ? plan.failure : undefined;
  const shownChannel = firstAttempt?.channel ?? failure?.channel;
  recordMessage(context, {
    id,
    direction: 'TO_CONTACT',
    app_message: body.message,
    channel_identity: {
      channel: shownChannel ?? identities[0]?.channel ?? '',
      identity: firstAttempt?.identity ?? failure?.identity ?? identities[0]?.identity ?? '',
      app_id: '',
    },
    conversation_id: conversationId,
    contact_id: data.contactId,
    metadata: body.message_metadata ?? '',
    accept_time: new Date(now).toISOString(),
    sender_id: '',
    processing_mode: data.processingMode,
    injected: false,
    app_id: app.appId,
    project_id: projectId,
  });
  return {
    response: {
      status: context.settings.sendSuccessStatus,
      body: { message_id: id, accepted_time: new Date(now).toISOString() },
    },
    messages: [message, ...notifications],
  };
}
