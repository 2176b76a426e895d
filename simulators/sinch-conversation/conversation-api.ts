import type {
  AcceptResult,
  AcceptedMessage,
  Diagnostic,
  ProviderContext,
  SimRequest,
} from '../../src/engine/provider-api.js';
import { allApps, isRegion } from './apps.js';
import {
  contactByIdentity,
  contactJson,
  findContact,
  listContacts,
  removeContact,
  saveContact,
  writeContact,
  type Contact,
} from './contacts.js';
import {
  conversationJson,
  findConversation,
  listConversations,
  stopConversation,
} from './conversations.js';
import {
  deleteMessage,
  findMessage,
  listMessages,
  messageJson,
  replaceMessage,
  type StoredMessage,
} from './message-history.js';
import { appsOfProject, notify } from './notifications.js';
import { pageOf } from './pagination.js';
import { CHANNELS, REGIONS, type Channel, type SinchConversationSettings } from './settings.js';

type Context = ProviderContext<SinchConversationSettings>;

const notFound = (detail: string): AcceptResult => ({ error: 'not_found', detail });
const invalid = (detail: string, pointer?: string): AcceptResult => ({
  error: 'invalid_request',
  detail,
  ...(pointer !== undefined && { pointer }),
});
const ok = (body: unknown, messages?: AcceptedMessage[]): AcceptResult => ({
  response: { status: 200, body },
  ...(messages && messages.length > 0 && { messages }),
});
const isObject = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === 'object' && !Array.isArray(value);

/** Every route of the Conversation API starts by naming a known region. */
export function regionRules(request: SimRequest): Diagnostic[] {
  const region = request.params.region ?? '';
  return isRegion(region)
    ? []
    : [
        {
          pointer: '',
          keyword: 'region',
          message: `no Conversation API host for region "${region}"; regions are ${REGIONS.join(', ')}`,
          severity: 'error',
          errorKind: 'not_found',
        },
      ];
}

const projectOf = (request: SimRequest): string => request.params.project_id ?? '';

/** The app ids known in the region of the path. */
const appsHere = (request: SimRequest, context: Context) =>
  allApps(context.settings).filter(
    (a) => a.project.projectId === projectOf(request) && a.app.region === request.params.region,
  );

/** Splits `<id>:<verb>` in the path parameter `param`; undefined unless the verb is `verb`. */
function idWithVerb(request: SimRequest, param: string, verb: string): string | undefined {
  const raw = request.params[param] ?? '';
  return raw.endsWith(`:${verb}`) ? raw.slice(0, -verb.length - 1) : undefined;
}

// ---- messages ----

/** `GET /v1/projects/{project_id}/messages/{message_id}`. */
export function acceptGetMessage(request: SimRequest, context: Context): AcceptResult {
  const found = findMessage(context, projectOf(request), request.params.message_id ?? '');
  return found
    ? ok(messageJson(found))
    : notFound(`message ${request.params.message_id} not found`);
}

/** `DELETE .../messages/{message_id}`: the message is no longer listed or gettable. */
export function acceptDeleteMessage(request: SimRequest, context: Context): AcceptResult {
  const found = findMessage(context, projectOf(request), request.params.message_id ?? '');
  if (!found) return notFound(`message ${request.params.message_id} not found`);
  deleteMessage(context, found.id);
  return ok({});
}

/** `PATCH .../messages/{message_id}`: updates the message's `metadata`. */
export function acceptUpdateMessage(request: SimRequest, context: Context): AcceptResult {
  const found = findMessage(context, projectOf(request), request.params.message_id ?? '');
  if (!found) return notFound(`message ${request.params.message_id} not found`);
  const body = request.body;
  if (!isObject(body) || typeof body.metadata !== 'string') {
    return invalid('/metadata is required and must be a string', '/metadata');
  }
  const updated: StoredMessage = { ...found, metadata: body.metadata };
  replaceMessage(context, updated);
  return ok(messageJson(updated));
}

/** Whether a message is one the list's query asks for. */
function messageFilter(request: SimRequest): (m: StoredMessage) => boolean {
  const q = request.query;
  const source = q.get('messages_source') ?? 'CONVERSATION_SOURCE';
  const mode = source === 'DISPATCH_SOURCE' ? 'DISPATCH' : 'CONVERSATION';
  const start = q.get('start_time');
  const end = q.get('end_time');
  return (m) =>
    m.processing_mode === mode &&
    (!q.get('conversation_id') || m.conversation_id === q.get('conversation_id')) &&
    (!q.get('contact_id') || m.contact_id === q.get('contact_id')) &&
    (!q.get('app_id') || m.app_id === q.get('app_id')) &&
    (!q.get('channel') || m.channel_identity.channel === q.get('channel')) &&
    (!q.get('direction') || m.direction === q.get('direction')) &&
    (!q.get('channel_identity') ||
      m.channel_identity.identity.replace(/^\+/, '') ===
        q.get('channel_identity')!.replace(/^\+/, '')) &&
    (q.get('only_recipient_originated') !== 'true' || m.direction === 'TO_APP') &&
    (!start || m.accept_time >= new Date(start).toISOString()) &&
    (!end || m.accept_time <= new Date(end).toISOString());
}

/** `GET .../messages`: newest first, paged with `page_size` / `page_token`. */
export function acceptListMessages(request: SimRequest, context: Context): AcceptResult {
  const all = listMessages(context, projectOf(request), messageFilter(request));
  const page = pageOf(all, request);
  if ('error' in page) return invalid(page.error, '/page_token');
  return ok({
    messages: page.items.map(messageJson),
    next_page_token: page.nextPageToken,
    total_size: all.length,
  });
}

/**
 * `POST .../messages:fetch-last-message`: the latest message of each channel identity (or
 * contact) named, newest first, paged like the other lists.
 */
export function acceptLastMessages(request: SimRequest, context: Context): AcceptResult {
  const body = isObject(request.body) ? request.body : {};
  const identities = Array.isArray(body.channel_identities)
    ? body.channel_identities.filter((i): i is string => typeof i === 'string')
    : [];
  const contacts = Array.isArray(body.contact_ids)
    ? body.contact_ids.filter((i): i is string => typeof i === 'string')
    : [];
  if (identities.length === 0 && contacts.length === 0) {
    return invalid('give channel_identities or contact_ids', '/channel_identities');
  }
  if (identities.length > 0 && contacts.length > 0) {
    return invalid('give channel_identities or contact_ids, not both', '/contact_ids');
  }
  const source = body.messages_source === 'DISPATCH_SOURCE' ? 'DISPATCH' : 'CONVERSATION';
  const wanted = new Set(identities.map((i) => i.replace(/^\+/, '')));
  const seen = new Set<string>();
  const latest = listMessages(context, projectOf(request), (m) => {
    if (m.processing_mode !== source) return false;
    const key =
      identities.length > 0 ? m.channel_identity.identity.replace(/^\+/, '') : m.contact_id;
    const match = identities.length > 0 ? wanted.has(key) : contacts.includes(key);
    if (!match || seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  const pageRequest = {
    ...request,
    query: new URLSearchParams({
      ...(typeof body.page_size === 'number' && { page_size: String(body.page_size) }),
      ...(typeof body.page_token === 'string' && { page_token: body.page_token }),
    }),
  };
  const page = pageOf(latest, pageRequest);
  if ('error' in page) return invalid(page.error, '/page_token');
  return ok({ messages: page.items.map(messageJson), next_page_token: page.nextPageToken });
}

// ---- contacts ----

const isChannel = (value: unknown): value is Channel =>
  typeof value === 'string' && (CHANNELS as readonly string[]).includes(value);

/** The channel identities of a contact body, or the reason they are refused. */
function identitiesOf(value: unknown): Contact['channelIdentities'] | { error: string } {
  if (!Array.isArray(value)) return { error: '/channel_identities must be a list' };
  const out: Contact['channelIdentities'] = [];
  for (const [i, item] of value.slice(0, 100).entries()) {
    if (!isObject(item) || !isChannel(item.channel) || typeof item.identity !== 'string') {
      return {
        error: `/channel_identities/${i} must have a channel (${CHANNELS.join(', ')}) and an identity`,
      };
    }
    out.push({ channel: item.channel, identity: item.identity });
  }
  return out;
}

/** The optional fields of a contact body. */
function contactFields(body: Record<string, unknown>): Partial<Contact> {
  const text = (key: string) => (typeof body[key] === 'string' ? body[key] : undefined);
  const priority = Array.isArray(body.channel_priority)
    ? body.channel_priority.filter(isChannel)
    : undefined;
  return {
    ...(text('display_name') !== undefined && { displayName: text('display_name') }),
    ...(text('email') !== undefined && { email: text('email') }),
    ...(text('external_id') !== undefined && { externalId: text('external_id') }),
    ...(text('metadata') !== undefined && { metadata: text('metadata') }),
    ...(text('language') !== undefined && { language: text('language') }),
    ...(priority && { channelPriority: priority }),
  };
}

/** `POST .../contacts`: a contact whose identities inbound messages and sends then attach to. */
export function acceptCreateContact(request: SimRequest, context: Context): AcceptResult {
  const projectId = projectOf(request);
  const body = isObject(request.body) ? request.body : {};
  const identities = identitiesOf(body.channel_identities);
  if ('error' in identities) return invalid(identities.error, '/channel_identities');
  if (identities.length === 0) {
    return invalid('/channel_identities needs at least one identity', '/channel_identities');
  }
  if (typeof body.language !== 'string') return invalid('/language is required', '/language');
  for (const { channel, identity } of identities) {
    const owner = contactByIdentity(context, projectId, channel, identity);
    if (owner) {
      return invalid(
        `${channel} identity ${identity} already belongs to contact ${owner.id}`,
        '/channel_identities',
      );
    }
  }
  const contact: Contact = {
    id: context.ids.next(),
    channelIdentities: identities,
    ...contactFields(body),
  };
  saveContact(context, projectId, contact);
  const json = contactJson(contact);
  return ok(
    json,
    notify(context, projectId, appsOfProject(context, projectId), 'contact-create', contact.id, {
      contact: json,
    }),
  );
}

/** The contact in the path, or the 404 that says it is not there. */
function contactInPath(
  request: SimRequest,
  context: Context,
  param = 'contact_id',
): Contact | { error: 'not_found'; detail: string } {
  const id = request.params[param] ?? '';
  return (
    findContact(context, projectOf(request), id) ?? {
      error: 'not_found',
      detail: `contact ${id} not found`,
    }
  );
}

/** `GET .../contacts/{contact_id}`. */
export function acceptGetContact(request: SimRequest, context: Context): AcceptResult {
  const contact = contactInPath(request, context);
  return 'error' in contact ? contact : ok(contactJson(contact));
}

/** `GET .../contacts`: oldest first, filtered by `external_id` or `channel` + `identity`, paged. */
export function acceptListContacts(request: SimRequest, context: Context): AcceptResult {
  const q = request.query;
  const all = listContacts(context, projectOf(request)).filter(
    (c) =>
      (!q.get('external_id') || c.externalId === q.get('external_id')) &&
      (!q.get('identity') ||
        c.channelIdentities.some(
          (ci) =>
            ci.identity.replace(/^\+/, '') === q.get('identity')!.replace(/^\+/, '') &&
            (!q.get('channel') || ci.channel === q.get('channel')),
        )),
  );
  const page = pageOf(all, request);
  if ('error' in page) return invalid(page.error, '/page_token');
  return ok({
    contacts: page.items.map(contactJson),
    next_page_token: page.nextPageToken,
    total_size: all.length,
  });
}

/** `PATCH .../contacts/{contact_id}`: the fields given (only those in `update_mask`, when set). */
export function acceptUpdateContact(request: SimRequest, context: Context): AcceptResult {
  const projectId = projectOf(request);
  const contact = contactInPath(request, context);
  if ('error' in contact) return contact;
  const body = isObject(request.body) ? request.body : {};
  const mask = request.query.get('update_mask');
  const allowed = mask === null ? undefined : new Set(mask.split(',').map((m) => m.trim()));
  const given = Object.fromEntries(
    Object.entries(body).filter(([k]) => !allowed || allowed.has(k)),
  );
  let identities = contact.channelIdentities;
  if (given.channel_identities !== undefined) {
    const parsed = identitiesOf(given.channel_identities);
    if ('error' in parsed) return invalid(parsed.error, '/channel_identities');
    identities = parsed;
  }
  const updated: Contact = { ...contact, ...contactFields(given), channelIdentities: identities };
  removeContact(context, projectId, contact);
  writeContact(context, projectId, updated);
  const json = contactJson(updated);
  return ok(
    json,
    notify(context, projectId, appsOfProject(context, projectId), 'contact-update', contact.id, {
      contact: json,
    }),
  );
}

/** `DELETE .../contacts/{contact_id}`. */
export function acceptDeleteContact(request: SimRequest, context: Context): AcceptResult {
  const projectId = projectOf(request);
  const contact = contactInPath(request, context);
  if ('error' in contact) return contact;
  removeContact(context, projectId, contact);
  return ok(
    {},
    notify(context, projectId, appsOfProject(context, projectId), 'contact-delete', contact.id, {
      contact: contactJson(contact),
    }),
  );
}

/** `POST .../contacts/{destination_id}:merge`: the source's identities move to the destination; the source is deleted. */
export function acceptMergeContact(request: SimRequest, context: Context): AcceptResult {
  const projectId = projectOf(request);
  const destinationId = idWithVerb(request, 'destination_verb', 'merge');
  if (destinationId === undefined) return notFound(`no such route: ${request.path}`);
  const destination = findContact(context, projectId, destinationId);
  if (!destination) return notFound(`contact ${destinationId} not found`);
  const body = isObject(request.body) ? request.body : {};
  if (typeof body.source_id !== 'string') return invalid('/source_id is required', '/source_id');
  const source = findContact(context, projectId, body.source_id);
  if (!source) return notFound(`contact ${body.source_id} not found`);
  if (source.id === destination.id) {
    return invalid('/source_id must differ from the destination', '/source_id');
  }
  const merged: Contact = {
    ...destination,
    channelIdentities: [
      ...destination.channelIdentities,
      ...source.channelIdentities.filter(
        (s) => !destination.channelIdentities.some((d) => d.channel === s.channel),
      ),
    ],
  };
  removeContact(context, projectId, source);
  writeContact(context, projectId, merged);
  const json = contactJson(merged);
  return ok(
    json,
    notify(context, projectId, appsOfProject(context, projectId), 'contact-merge', merged.id, {
      preserved_contact: json,
      deleted_contact: contactJson(source),
    }),
  );
}

// ---- apps ----

/** An app as the apps API shows it. */
function appJson(app: SinchConversationSettings['projects'][number]['apps'][number]) {
  return {
    id: app.appId,
    display_name: app.appId,
    channel_credentials: app.channels.map((channel) => ({
      channel,
      callback_secret: '',
      state: { status: 'ACTIVE', description: '' },
      channel_known_id: '',
    })),
    conversation_metadata_report_view: 'NONE',
    processing_mode: app.processingMode,
    retention_policy: { retention_type: 'MESSAGE_EXPIRE_POLICY', ttl_days: 180 },
    callback_settings: {
      secret_for_overridden_callback_urls: app.secretForOverriddenCallbackUrls ?? '',
    },
  };
}

/** `GET .../apps`: the project's apps in this region (not paged). */
export function acceptListApps(request: SimRequest, context: Context): AcceptResult {
  return ok({ apps: appsHere(request, context).map((a) => appJson(a.app)) });
}

/** `GET .../apps/{app_id}`. */
export function acceptGetApp(request: SimRequest, context: Context): AcceptResult {
  const found = appsHere(request, context).find((a) => a.app.appId === request.params.app_id);
  return found
    ? ok(appJson(found.app))
    : { error: 'app_not_found', detail: `app ${request.params.app_id} not found` };
}

// ---- conversations ----

/** `GET .../conversations`: newest first, by `app_id`, `contact_id`, `only_active`, `active_channel`, paged. */
export function acceptListConversations(request: SimRequest, context: Context): AcceptResult {
  const q = request.query;
  if (!q.get('app_id') && !q.get('contact_id')) {
    return invalid('give app_id or contact_id', '/app_id');
  }
  const all = listConversations(context, projectOf(request)).filter(
    (c) =>
      (!q.get('app_id') || c.app_id === q.get('app_id')) &&
      (!q.get('contact_id') || c.contact_id === q.get('contact_id')) &&
      (q.get('only_active') !== 'true' || c.active) &&
      (!q.get('active_channel') || c.active_channel === q.get('active_channel')),
  );
  const page = pageOf(all, request);
  if ('error' in page) return invalid(page.error, '/page_token');
  return ok({
    conversations: page.items.map(conversationJson),
    next_page_token: page.nextPageToken,
    total_size: all.length,
  });
}

/** `GET .../conversations/{conversation_id}`. */
export function acceptGetConversation(request: SimRequest, context: Context): AcceptResult {
  const found = findConversation(context, projectOf(request), request.params.conversation_id ?? '');
  return found
    ? ok(conversationJson(found))
    : notFound(`conversation ${request.params.conversation_id} not found`);
}

/** `POST .../conversations/{conversation_id}:stop`: the next message starts a new conversation. */
export function acceptStopConversation(request: SimRequest, context: Context): AcceptResult {
  const projectId = projectOf(request);
  const id = idWithVerb(request, 'conversation_verb', 'stop');
  if (id === undefined) return notFound(`no such route: ${request.path}`);
  const found = findConversation(context, projectId, id);
  if (!found) return notFound(`conversation ${id} not found`);
  const stopped = stopConversation(context, found);
  return ok(
    {},
    notify(context, projectId, [found.app_id], 'conversation-stop', found.id, {
      conversation: conversationJson(stopped),
    }),
  );
}

// ---- templates v2 ----

/** A WhatsApp template of the registry as a v2 template with one translation per language. */
function templateJson(template: SinchConversationSettings['whatsappTemplates'][number]) {
  return {
    id: template.name,
    description: `WhatsApp template ${template.name}`,
    version: 1,
    default_translation: template.languages[0] ?? '',
    translations: template.languages.map((language) => ({
      language_code: language,
      version: '1',
      variables: template.parameters.map((key) => ({ key, preview_value: '' })),
      template_message: {
        channel_template: {
          WHATSAPP: { template_id: template.name, language_code: language },
        },
      },
    })),
  };
}

/** `GET /v2/projects/{project_id}/templates` on the templates host (not paged). */
export function acceptListTemplates(_request: SimRequest, context: Context): AcceptResult {
  return ok({ templates: context.settings.whatsappTemplates.map(templateJson) });
}

/** `GET /v2/projects/{project_id}/templates/{template_id}`. */
export function acceptGetTemplate(request: SimRequest, context: Context): AcceptResult {
  const found = context.settings.whatsappTemplates.find(
    (t) => t.name === request.params.template_id,
  );
  return found
    ? ok(templateJson(found))
    : notFound(`template ${request.params.template_id} not found`);
}
