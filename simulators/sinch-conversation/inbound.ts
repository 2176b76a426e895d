import type {
  AcceptedMessage,
  InboundDefinition,
  ProviderContext,
} from '../../src/engine/provider-api.js';
import { allApps } from './apps.js';
import { contactFor, contactJson, findContact } from './contacts.js';
import { conversationFor, conversationJson } from './conversations.js';
import { recordMessage } from './message-history.js';
import { notify } from './notifications.js';
import { openWhatsAppWindow } from './customer-window.js';
import { lastSendKey, type InboundMessageData, type LastSend } from './message-data.js';
import type { AppSettings, Channel, SinchConversationSettings } from './settings.js';

/** Schema id of the injected contact message. */
export const INBOUND_INPUT_SCHEMA = 'sinch-conversation/inbound-input';

/** The contact types the channel reports a moment before the Conversation API accepts them. */
const CHANNEL_LAG_MS = 400;

/** The injected input once its schema has passed. */
interface InboundInput {
  from: string;
  text?: string;
  media?: { url: string; caption?: string };
  location?: { latitude: number; longitude: number; title?: string; label?: string };
  choice?: { postbackData?: string; index?: number };
  channel?: Channel;
  appId?: string;
  replyTo?: string;
}

type Refusal = { error: string; pointer: string };

/** The app the contact writes to: `appId`, else the app of the latest send to them, else the first app. */
function appFor(
  input: InboundInput,
  last: LastSend | undefined,
  settings: SinchConversationSettings,
): { projectId: string; app: AppSettings } | Refusal {
  const wanted = input.appId ?? last?.appId;
  const apps = allApps(settings);
  const found = wanted === undefined ? apps[0] : apps.find((a) => a.app.appId === wanted);
  if (!found) {
    return {
      error: `appId ${JSON.stringify(wanted)} is not a configured app; known: ${apps.map((a) => a.app.appId).join(', ')}`,
      pointer: '/appId',
    };
  }
  return { projectId: found.project.projectId, app: found.app };
}

/** The `contact_message` of the input (text, media, location or a choice response). */
function contactMessageOf(
  input: InboundInput,
  last: LastSend | undefined,
): Record<string, unknown> | Refusal {
  const replyTo = input.replyTo ?? (input.choice ? last?.messageId : undefined);
  const reply = replyTo === undefined ? {} : { reply_to: { message_id: replyTo } };
  if (input.text !== undefined) return { text_message: { text: input.text }, ...reply };
  if (input.media) {
    const { url, caption } = input.media;
    return caption === undefined
      ? { media_message: { url }, ...reply }
      : { media_card_message: { url, caption }, ...reply };
  }
  if (input.location) {
    const { latitude, longitude, title, label } = input.location;
    return {
      location_message: {
        coordinates: { latitude, longitude },
        title: title ?? '',
        ...(label !== undefined && { label }),
      },
      ...reply,
    };
  }
  const choice = input.choice!;
  let postback = choice.postbackData;
  if (postback === undefined) {
    const index = choice.index ?? 0;
    postback = last?.postbacks[index];
    if (postback === undefined) {
      return {
        error: last?.postbacks.length
          ? `choice.index ${index} is out of range: the latest message to ${input.from} offered ${last.postbacks.length} choice(s)`
          : `the latest message to ${input.from} offered no choices; give choice.postbackData`,
        pointer: '/choice',
      };
    }
  }
  if (replyTo === undefined) {
    return {
      error: `nothing was sent to ${input.from} yet, so a choice response has no message to answer; give replyTo`,
      pointer: '/replyTo',
    };
  }
  return { choice_response_message: { message_id: replyTo, postback_data: postback }, ...reply };
}

/**
 * A contact's message to the business, reported as MESSAGE_INBOUND: text, media (with a caption:
 * a media card), location, or a tap on a choice (`choice_response_message` with the choice's
 * `postback_data`). A reply to the latest message carries `reply_to`; the latest correlation id
 * and conversation metadata sent to the contact ride along.
 * @see https://developers.sinch.com/docs/conversation/callbacks
 */
export const SINCH_CONVERSATION_INBOUND: InboundDefinition<SinchConversationSettings> = {
  schema: INBOUND_INPUT_SCHEMA,
  accept(raw, context: ProviderContext<SinchConversationSettings>) {
    const input = raw as unknown as InboundInput;
    const last = context.store.get(lastSendKey(input.from)) as LastSend | undefined;
    const target = appFor(input, last, context.settings);
    if ('error' in target) return target;
    const { projectId, app } = target;
    const channel = input.channel ?? last?.channel ?? app.channels[0] ?? 'WHATSAPP';
    const contactMessage = contactMessageOf(input, last);
    if ('error' in contactMessage) return contactMessage as Refusal;
    const dispatch = app.processingMode === 'DISPATCH';
    const now = context.clock.now();
    const events: AcceptedMessage[] = [];
    let contactId = '';
    let conversationId = '';
    if (!dispatch) {
      const contact = contactFor(context, projectId, channel, input.from);
      contactId = contact.id;
      if (contact.created) {
        const created = findContact(context, projectId, contact.id)!;
        events.push(
          ...notify(context, projectId, [app.appId], 'contact-create', contactId, {
            contact: contactJson(created),
          }),
        );
      }
      const conversation = conversationFor(context, projectId, app.appId, contactId, channel);
      conversationId = conversation.id;
      if (conversation.started) {
        events.push(
          ...notify(context, projectId, [app.appId], 'conversation-start', conversationId, {
            conversation: conversationJson(conversation),
          }),
        );
      }
    }
    if (channel === 'WHATSAPP') openWhatsAppWindow(context, app.appId, input.from);
    const data: InboundMessageData = {
      type: 'inbound',
      projectId,
      appId: app.appId,
      processingMode: app.processingMode,
      contactId,
      conversationId,
      channel,
      identity: input.from.replace(/^\+/, ''),
      contactMessage,
      metadata: input.choice ? (last?.messageMetadata ?? '') : '',
      sentAt: now - CHANNEL_LAG_MS,
      ...(last?.correlationId !== undefined && { correlationId: last.correlationId }),
      ...(last?.conversationMetadata !== undefined && {
        conversationMetadata: last.conversationMetadata,
      }),
    };
    const id = context.ids.next();
    recordMessage(context, {
      id,
      direction: 'TO_APP',
      contact_message: contactMessage,
      channel_identity: { channel, identity: data.identity, app_id: '' },
      conversation_id: conversationId,
      contact_id: contactId,
      metadata: data.metadata,
      accept_time: new Date(now).toISOString(),
      sender_id: '',
      processing_mode: app.processingMode,
      injected: false,
      app_id: app.appId,
      project_id: projectId,
    });
    return {
      messages: [
        {
          message: {
            id,
            recipient: input.from,
            ...(last?.correlationId !== undefined && { reference: last.correlationId }),
            data: data as unknown as Record<string, unknown>,
          },
          step: { status: 'inbound', afterMs: 0, callback: 'inbound' },
        },
        ...events.map((message) => ({
          message,
          step: {
            status: 'notified',
            afterMs: 0,
            callback: (message.data as { kind: string }).kind,
          },
        })),
      ],
    };
  },
};
