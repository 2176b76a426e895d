import type { ProviderContext } from '../../src/engine/provider-api.js';
import type { Channel, SinchConversationSettings } from './settings.js';

/** A contact: its id and channel identities, in priority order. */
export interface Contact {
  id: string;
  channelIdentities: { channel: Channel; identity: string }[];
}

const byIdKey = (projectId: string, contactId: string): string =>
  `contact:${projectId}:${contactId}`;
const byIdentityKey = (projectId: string, channel: string, identity: string): string =>
  `contact-identity:${projectId}:${channel}:${identity.replace(/^\+/, '')}`;

/** The contact `contactId` of the project: configured, or created by an earlier send. */
export function findContact(
  context: ProviderContext<SinchConversationSettings>,
  projectId: string,
  contactId: string,
): Contact | undefined {
  const configured = context.settings.contacts.find((c) => c.id === contactId);
  return configured ?? (context.store.get(byIdKey(projectId, contactId)) as Contact | undefined);
}

/**
 * The contact that owns `identity` on `channel`, created on first use: in CONVERSATION mode the
 * Conversation API creates a contact for a recipient it does not know.
 * @see https://github.com/sinch/sinch-sdk-node/blob/main/packages/conversation/src/rest/v1/messages/messages-api.ts
 */
export function contactFor(
  context: ProviderContext<SinchConversationSettings>,
  projectId: string,
  channel: Channel,
  identity: string,
): Contact {
  const configured = context.settings.contacts.find((c) =>
    c.channelIdentities.some(
      (ci) =>
        ci.channel === channel && ci.identity.replace(/^\+/, '') === identity.replace(/^\+/, ''),
    ),
  );
  if (configured) return configured;
  const key = byIdentityKey(projectId, channel, identity);
  const known = context.store.get(key) as string | undefined;
  if (known !== undefined) return findContact(context, projectId, known)!;
  const contact: Contact = { id: context.ids.next(), channelIdentities: [{ channel, identity }] };
  context.store.set(key, contact.id);
  context.store.set(byIdKey(projectId, contact.id), contact);
  return contact;
}

/** Adds the identities a send names to a contact the simulator created (configured ones stay as set). */
export function rememberIdentities(
  context: ProviderContext<SinchConversationSettings>,
  projectId: string,
  contact: Contact,
  identities: readonly { channel: Channel; identity: string }[],
): void {
  if (context.settings.contacts.some((c) => c.id === contact.id)) return;
  for (const { channel, identity } of identities) {
    if (contact.channelIdentities.some((ci) => ci.channel === channel)) continue;
    contact.channelIdentities.push({ channel, identity });
    context.store.set(byIdentityKey(projectId, channel, identity), contact.id);
  }
}

/** The conversation of `appId` with `contactId`, started on first use. */
export function conversationFor(
  context: ProviderContext<SinchConversationSettings>,
  appId: string,
  contactId: string,
): string {
  const key = `conversation:${appId}:${contactId}`;
  let id = context.store.get(key) as string | undefined;
  if (id === undefined) {
    id = context.ids.next();
    context.store.set(key, id);
  }
  return id;
}
