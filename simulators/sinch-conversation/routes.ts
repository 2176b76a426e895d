import type { RouteDefinition, SimRequest } from '../../src/engine/provider-api.js';
import { acceptSend } from './accept.js';
import { isOwnTokenEndpoint } from './callback-token.js';
import * as api from './conversation-api.js';
import { accessKeyBasic, conversationAuth } from './credentials.js';
import { sendRules } from './rules.js';
import type { SinchConversationSettings } from './settings.js';
import { acceptToken, tokenRules } from './token.js';
import {
  acceptCreateWebhook,
  acceptDeleteWebhook,
  acceptGetWebhook,
  acceptListWebhooks,
  acceptUpdateWebhook,
  createWebhookRules,
  listWebhooksRules,
  oneWebhookRules,
} from './webhook-api.js';

/** The channel identities of a send, for fault matching and journal search. */
function sendRecipients(request: SimRequest): string[] {
  const recipient = (request.body as { recipient?: Record<string, unknown> } | undefined)
    ?.recipient;
  const identities = (recipient?.identified_by as { channel_identities?: unknown } | undefined)
    ?.channel_identities;
  if (Array.isArray(identities)) {
    return identities
      .map((i) => (i as { identity?: unknown } | null)?.identity)
      .filter((i): i is string => typeof i === 'string');
  }
  return typeof recipient?.contact_id === 'string' ? [recipient.contact_id] : [];
}

/** A URL at `field` of the body, as a callback target the allowlist must pass. */
const bodyUrl =
  (field: string) =>
  (request: SimRequest): Record<string, string> => {
    const value = (request.body as Record<string, unknown> | undefined)?.[field];
    return typeof value === 'string' ? { [`/${field}`]: value } : {};
  };

/**
 * A webhook's callback targets the allowlist must pass: its `target`, and the token endpoint of
 * its `client_credentials` when the simulator asks that endpoint over HTTP (the simulator's own
 * token route, and Sinch's it stands in for, are never asked).
 */
function webhookTargets(request: SimRequest): Record<string, string> {
  const endpoint = (request.body as { client_credentials?: { endpoint?: unknown } } | undefined)
    ?.client_credentials?.endpoint;
  return {
    ...bodyUrl('target')(request),
    ...(typeof endpoint === 'string' &&
      !isOwnTokenEndpoint(endpoint) && { '/client_credentials/endpoint': endpoint }),
  };
}

const PROJECT = '/{region}/v1/projects/{project_id}';
/** The templates host (`https://{region}.template.api.sinch.com`) maps to `/sinch/templates/{region}`. */
const TEMPLATES = '/templates/{region}/v2/projects/{project_id}';

// `{id}:verb` paths (`contacts/{id}:merge`, `conversations/{id}:stop`) are POST routes on
// `{id_verb}`: a route parameter is a whole segment, so the accept function splits off the verb.

/** A Conversation API route read with the region check, in the API's error format. */
const apiRoute = (
  id: string,
  method: RouteDefinition['method'],
  path: string,
  accept: RouteDefinition<SinchConversationSettings>['accept'],
): RouteDefinition<SinchConversationSettings> => ({
  id,
  method,
  path,
  body: method === 'GET' || method === 'DELETE' ? 'none' : 'json',
  allowMissingContentType: true,
  auth: conversationAuth,
  validate: api.regionRules,
  accept,
});

/**
 * Routes below `/sinch`: the OAuth2 token route (`https://auth.sinch.com` maps to `/sinch/auth`)
 * and the Conversation API per region (`https://{region}.conversation.api.sinch.com` maps to
 * `/sinch/{region}`).
 * @see https://github.com/sinch/sinch-sdk-node/blob/main/packages/conversation/src/rest/v1/messages/messages-api.ts
 */
export const SINCH_CONVERSATION_ROUTES: RouteDefinition<SinchConversationSettings>[] = [
  {
    id: 'token',
    method: 'POST',
    path: '/auth/oauth2/token',
    body: 'form',
    auth: accessKeyBasic,
    validate: tokenRules,
    accept: acceptToken,
  },
  {
    id: 'send',
    method: 'POST',
    path: `${PROJECT}/messages:send`,
    body: 'json',
    auth: conversationAuth,
    validate: sendRules,
    recipients: sendRecipients,
    callbackTargets: bodyUrl('callback_url'),
    accept: acceptSend,
  },
  {
    id: 'create-webhook',
    method: 'POST',
    path: `${PROJECT}/webhooks`,
    body: 'json',
    auth: conversationAuth,
    validate: createWebhookRules,
    callbackTargets: webhookTargets,
    accept: acceptCreateWebhook,
  },
  {
    id: 'list-webhooks',
    method: 'GET',
    path: `${PROJECT}/apps/{app_id}/webhooks`,
    body: 'none',
    auth: conversationAuth,
    validate: listWebhooksRules,
    accept: acceptListWebhooks,
  },
  {
    id: 'get-webhook',
    method: 'GET',
    path: `${PROJECT}/webhooks/{webhook_id}`,
    body: 'none',
    auth: conversationAuth,
    validate: oneWebhookRules,
    accept: acceptGetWebhook,
  },
  {
    id: 'update-webhook',
    method: 'PATCH',
    path: `${PROJECT}/webhooks/{webhook_id}`,
    body: 'json',
    auth: conversationAuth,
    validate: oneWebhookRules,
    callbackTargets: webhookTargets,
    accept: acceptUpdateWebhook,
  },
  {
    id: 'delete-webhook',
    method: 'DELETE',
    path: `${PROJECT}/webhooks/{webhook_id}`,
    body: 'none',
    auth: conversationAuth,
    validate: oneWebhookRules,
    accept: acceptDeleteWebhook,
  },
  apiRoute('get-message', 'GET', `${PROJECT}/messages/{message_id}`, api.acceptGetMessage),
  apiRoute('delete-message', 'DELETE', `${PROJECT}/messages/{message_id}`, api.acceptDeleteMessage),
  apiRoute('update-message', 'PATCH', `${PROJECT}/messages/{message_id}`, api.acceptUpdateMessage),
  apiRoute('list-messages', 'GET', `${PROJECT}/messages`, api.acceptListMessages),
  apiRoute(
    'fetch-last-message',
    'POST',
    `${PROJECT}/messages:fetch-last-message`,
    api.acceptLastMessages,
  ),
  apiRoute('create-contact', 'POST', `${PROJECT}/contacts`, api.acceptCreateContact),
  apiRoute('list-contacts', 'GET', `${PROJECT}/contacts`, api.acceptListContacts),
  apiRoute(
    'merge-contact',
    'POST',
    `${PROJECT}/contacts/{destination_verb}`,
    api.acceptMergeContact,
  ),
  apiRoute('get-contact', 'GET', `${PROJECT}/contacts/{contact_id}`, api.acceptGetContact),
  apiRoute('update-contact', 'PATCH', `${PROJECT}/contacts/{contact_id}`, api.acceptUpdateContact),
  apiRoute('delete-contact', 'DELETE', `${PROJECT}/contacts/{contact_id}`, api.acceptDeleteContact),
  apiRoute('list-apps', 'GET', `${PROJECT}/apps`, api.acceptListApps),
  apiRoute('get-app', 'GET', `${PROJECT}/apps/{app_id}`, api.acceptGetApp),
  apiRoute('list-conversations', 'GET', `${PROJECT}/conversations`, api.acceptListConversations),
  {
    ...apiRoute(
      'stop-conversation',
      'POST',
      `${PROJECT}/conversations/{conversation_verb}`,
      api.acceptStopConversation,
    ),
    // The SDK posts no body.
    body: 'none',
  },
  apiRoute(
    'get-conversation',
    'GET',
    `${PROJECT}/conversations/{conversation_id}`,
    api.acceptGetConversation,
  ),
  apiRoute('list-templates', 'GET', `${TEMPLATES}/templates`, api.acceptListTemplates),
  apiRoute('get-template', 'GET', `${TEMPLATES}/templates/{template_id}`, api.acceptGetTemplate),
];
