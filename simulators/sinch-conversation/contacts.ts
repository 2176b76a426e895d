import type { ProviderContext } from '../../src/engine/provider-api.js';
import type { Channel, SinchConversationSettings } from './settings.js';

/** A contact: its id and channel identities, in priority order, and what the contacts API keeps. */
export interface Contact {
  id: string;
  channelIdentities: { channel: Channel; identity: string }[];
  displayName?: string;
  email?: string;
  externalId?: string;
  metadata?: string;
  language?: string;
  channelPriority?: Channel[];
}

type Context = ProviderContext<SinchConversationSettings>;

const byIdKey = (projectId: string, contactId: string): string =>
  `contact:${projectId}:${contactId}`;
const byIdentityKey = (projectId: string, channel: string, identity: string): string =>
  `contact-identity:${projectId}:${channel}:${identity.replace(/^\+/, '')}`;
const SEQ_KEY = 'contact-seq';
const bySeq = (seq: number): string => `contact-at:${seq}`;
const SEEDED_KEY = 'contacts-seeded';
/** Contacts stay until deleted, as the real API keeps them (no 24-hour time to live). */
const LASTING = { lasting: true } as const;

/** Puts the configured contacts in the store once (again after a reset), in every project. */
function seed(context: Context): void {
  if (context.store.get(SEEDED_KEY) === true) return;
  context.store.set(SEEDED_KEY, true, LASTING);
  for (const project of context.settings.projects) {
    for (const contact of context.settings.contacts) {
      saveContact(context, project.projectId, {
        id: contact.id,
        channelIdentities: contact.channelIdentities.map((ci) => ({ ...ci })),
      });
    }
  }
}

/** Stores a new contact and indexes its identities (a contact created by the API or by a send). */
export function saveContact(context: Context, projectId: string, contact: Contact): void {
  const seq = ((context.store.get(SEQ_KEY) as number | undefined) ?? 0) + 1;
  context.store.set(SEQ_KEY, seq, LASTING);
  context.store.set(bySeq(seq), `${projectId}\u0000${contact.id}`, LASTING);
  writeContact(context, projectId, contact);
}

/** Writes a contact over its previous version and indexes its identities. */
export function writeContact(context: Context, projectId: string, contact: Contact): void {
  context.store.set(byIdKey(projectId, contact.id), contact, LASTING);
  for (const { channel, identity } of contact.channelIdentities) {
    context.store.set(byIdentityKey(projectId, channel, identity), contact.id, LASTING);
  }
}

/** Forgets a contact and the identities that pointed at it. */
export function removeContact(context: Context, projectId: string, contact: Contact): void {
  context.store.delete(byIdKey(projectId, contact.id));
  for (const { channel, identity } of contact.channelIdentities) {
    const key = byIdentityKey(projectId, channel, identity);
    if (context.store.get(key) === contact.id) context.store.delete(key);
  }
}

/** The contact `contactId` of the project: configured, created by the API or by an earlier send. */
export function findContact(
  context: Context,
  projectId: string,
  contactId: string,
): Contact | undefined {
  seed(context);
  return context.store.get(byIdKey(projectId, contactId)) as Contact | undefined;
}

/** The contact that owns `identity` on `channel`, if any. */
export function contactByIdentity(
  context: Context,
  projectId: string,
  channel: Channel,
  identity: string,
): Contact | undefined {
  seed(context);
  const known = context.store.get(byIdentityKey(projectId, channel, identity)) as
    string | undefined;
  return known === undefined ? undefined : findContact(context, projectId, known);
}

/** Every contact of the project, oldest first. */
export function listContacts(context: Context, projectId: string): Contact[] {
  seed(context);
  const out: Contact[] = [];
  const last = (context.store.get(SEQ_KEY) as number | undefined) ?? 0;
  for (let seq = 1; seq <= last; seq++) {
    const entry = context.store.get(bySeq(seq)) as string | undefined;
    if (entry === undefined) continue;
    const [project, id] = entry.split('\u0000');
    if (project !== projectId) continue;
    const contact = findContact(context, projectId, id!);
    if (contact) out.push(contact);
  }
  return out;
}

/**
 * The contact that owns `identity` on `channel`, created on first use: in CONVERSATION mode the
 * Conversation API creates a contact for a recipient it does not know. `created` says whether it
 * was created now (which fires CONTACT_CREATE).
 * @see https://github.com/sinch/sinch-sdk-node/blob/main/packages/conversation/src/rest/v1/messages/messages-api.ts
 */
export function contactFor(
  context: Context,
  projectId: string,
  channel: Channel,
  identity: string,
): Contact & { created?: boolean } {
  const known = contactByIdentity(context, projectId, channel, identity);
  if (known) return known;
  const contact: Contact = { id: context.ids.next(), channelIdentities: [{ channel, identity }] };
  saveContact(context, projectId, contact);
  return { ...contact, created: true };
}

/** Adds the identities a send names to its contact (on channels the contact has no identity on yet). */
export function rememberIdentities(
  context: Context,
  projectId: string,
  contact: Contact,
  identities: readonly { channel: Channel; identity: string }[],
): void {
  const current = findContact(context, projectId, contact.id);
  if (!current) return;
  const added = identities.filter(
    (i) => !current.channelIdentities.some((ci) => ci.channel === i.channel),
  );
  if (added.length === 0) return;
  writeContact(context, projectId, {
    ...current,
    channelIdentities: [...current.channelIdentities, ...added.map((i) => ({ ...i }))],
  });
}

/** A contact as the contacts API shows it. */
export function contactJson(contact: Contact): Record<string, unknown> {
  return {
    id: contact.id,
    channel_identities: contact.channelIdentities.map((ci) => ({ ...ci, app_id: '' })),
    channel_priority: contact.channelPriority ?? contact.channelIdentities.map((ci) => ci.channel),
    display_name: contact.displayName ?? '',
    email: contact.email ?? '',
    external_id: contact.externalId ?? '',
    metadata: contact.metadata ?? '',
    language: contact.language ?? 'UNSPECIFIED',
  };
}
