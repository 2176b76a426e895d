import type { ProviderContext } from '../../src/engine/provider-api.js';
import type { SinchConversationSettings } from './settings.js';

/**
 * A message as the messages API shows it (`ConversationMessage`): an app message to a contact or
 * a contact message to the app.
 * @see https://github.com/sinch/sinch-sdk-node/blob/main/packages/conversation/src/models/v1/conversation-message/conversation-message.ts
 */
export interface StoredMessage {
  id: string;
  direction: 'TO_CONTACT' | 'TO_APP';
  app_message?: Record<string, unknown>;
  contact_message?: Record<string, unknown>;
  channel_identity: { channel: string; identity: string; app_id: string };
  conversation_id: string;
  contact_id: string;
  metadata: string;
  accept_time: string;
  sender_id: string;
  processing_mode: 'CONVERSATION' | 'DISPATCH';
  injected: boolean;
  /** Not shown: the app the message belongs to, for filters. */
  app_id: string;
  /** Not shown: the project the message belongs to. */
  project_id: string;
}

const SEQ_KEY = 'message-seq';
const byId = (id: string): string => `message:${id}`;
const bySeq = (seq: number): string => `message-at:${seq}`;

/** Keeps a sent or received message, so the messages API lists and gets it. */
export function recordMessage(
  context: ProviderContext<SinchConversationSettings>,
  message: StoredMessage,
): void {
  const seq = ((context.store.get(SEQ_KEY) as number | undefined) ?? 0) + 1;
  context.store.set(SEQ_KEY, seq);
  context.store.set(bySeq(seq), message.id);
  context.store.set(byId(message.id), message);
}

/** The message `id` of project `projectId`, unless deleted. */
export function findMessage(
  context: ProviderContext<SinchConversationSettings>,
  projectId: string,
  id: string,
): StoredMessage | undefined {
  const found = context.store.get(byId(id)) as StoredMessage | undefined;
  return found?.project_id === projectId ? found : undefined;
}

/** Replaces a kept message (after a metadata update). */
export function replaceMessage(
  context: ProviderContext<SinchConversationSettings>,
  message: StoredMessage,
): void {
  context.store.set(byId(message.id), message);
}

/** Forgets a message: it is no longer listed or gettable. */
export function deleteMessage(
  context: ProviderContext<SinchConversationSettings>,
  id: string,
): void {
  context.store.delete(byId(id));
}

/** Every kept message of the project passing `keep`, newest first (the API orders by accept_time, descending). */
export function listMessages(
  context: ProviderContext<SinchConversationSettings>,
  projectId: string,
  keep: (message: StoredMessage) => boolean,
): StoredMessage[] {
  const out: StoredMessage[] = [];
  const last = (context.store.get(SEQ_KEY) as number | undefined) ?? 0;
  for (let seq = last; seq > 0; seq--) {
    const id = context.store.get(bySeq(seq)) as string | undefined;
    const message = id === undefined ? undefined : findMessage(context, projectId, id);
    if (message && keep(message)) out.push(message);
  }
  return out;
}

/** A message as the API answers it, without the simulator's own filter fields. */
export function messageJson(message: StoredMessage): Record<string, unknown> {
  const { app_id: _app, project_id: _project, ...shown } = message;
  return shown;
}
