import type { ProviderContext } from '../../src/engine/provider-api.js';
import type { Channel, SinchConversationSettings } from './settings.js';

/**
 * A conversation of an app with a contact, as the conversations API shows it.
 * @see https://github.com/sinch/sinch-sdk-node/blob/main/packages/conversation/src/models/v1/conversation/conversation.ts
 */
export interface Conversation {
  id: string;
  app_id: string;
  contact_id: string;
  active: boolean;
  active_channel: Channel;
  last_received: string;
  metadata: string;
  correlation_id: string;
  /** Not shown: the project it belongs to. */
  project_id: string;
}

type Context = ProviderContext<SinchConversationSettings>;

const activeKey = (appId: string, contactId: string): string =>
  `conversation:${appId}:${contactId}`;
const dataKey = (id: string): string => `conversation-data:${id}`;
const SEQ_KEY = 'conversation-seq';
const bySeq = (seq: number): string => `conversation-at:${seq}`;

/** The conversation `id`, if the project has it. */
export function findConversation(
  context: Context,
  projectId: string,
  id: string,
): Conversation | undefined {
  const found = context.store.get(dataKey(id)) as Conversation | undefined;
  return found?.project_id === projectId ? found : undefined;
}

/**
 * The active conversation of `appId` with `contactId`, started on first use (and again after a
 * stop); `started` says whether it started now (which fires CONVERSATION_START).
 */
export function conversationFor(
  context: Context,
  projectId: string,
  appId: string,
  contactId: string,
  channel: Channel = 'WHATSAPP',
): Conversation & { started?: boolean } {
  const id = context.store.get(activeKey(appId, contactId)) as string | undefined;
  const now = new Date(context.clock.now()).toISOString();
  const existing = id === undefined ? undefined : findConversation(context, projectId, id);
  if (existing) {
    const touched = { ...existing, active_channel: channel, last_received: now };
    context.store.set(dataKey(existing.id), touched);
    return touched;
  }
  const conversation: Conversation = {
    id: context.ids.next(),
    app_id: appId,
    contact_id: contactId,
    active: true,
    active_channel: channel,
    last_received: now,
    metadata: '',
    correlation_id: '',
    project_id: projectId,
  };
  const seq = ((context.store.get(SEQ_KEY) as number | undefined) ?? 0) + 1;
  context.store.set(SEQ_KEY, seq);
  context.store.set(bySeq(seq), conversation.id);
  context.store.set(dataKey(conversation.id), conversation);
  context.store.set(activeKey(appId, contactId), conversation.id);
  return { ...conversation, started: true };
}

/** Stops a conversation: the next message to the contact starts a new one. */
export function stopConversation(context: Context, conversation: Conversation): Conversation {
  const stopped = { ...conversation, active: false };
  context.store.set(dataKey(conversation.id), stopped);
  const key = activeKey(conversation.app_id, conversation.contact_id);
  if (context.store.get(key) === conversation.id) context.store.delete(key);
  return stopped;
}

/** Every conversation of the project, newest first. */
export function listConversations(context: Context, projectId: string): Conversation[] {
  const out: Conversation[] = [];
  const last = (context.store.get(SEQ_KEY) as number | undefined) ?? 0;
  for (let seq = last; seq > 0; seq--) {
    const id = context.store.get(bySeq(seq)) as string | undefined;
    const found = id === undefined ? undefined : findConversation(context, projectId, id);
    if (found) out.push(found);
  }
  return out;
}

/** A conversation as the API answers it. */
export function conversationJson(conversation: Conversation): Record<string, unknown> {
  const {
    project_id: _project,
    started: _started,
    ...shown
  } = conversation as Conversation & {
    started?: boolean;
  };
  return shown;
}
