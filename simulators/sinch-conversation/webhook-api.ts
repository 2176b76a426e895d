import type {
  AcceptResult,
  Diagnostic,
  ProviderContext,
  SimRequest,
} from '../../src/engine/provider-api.js';
import { findApp, findProject, isRegion, regionOfApp } from './apps.js';
import { REGIONS, type SinchConversationSettings, type WebhookTrigger } from './settings.js';
import {
  MAX_WEBHOOKS_PER_APP,
  getWebhook,
  putWebhook,
  removeWebhook,
  webhooksOf,
  type ClientCredentials,
  type Webhook,
} from './webhook-registry.js';
import { clientCredentialsDiagnostics, prefetchCallbackToken } from './callback-token.js';

/** Schema id of the create-webhook body. */
export const CREATE_WEBHOOK_SCHEMA = 'sinch-conversation/create-webhook-request';
/** Schema id of the update-webhook body. */
export const UPDATE_WEBHOOK_SCHEMA = 'sinch-conversation/update-webhook-request';

/** A webhook as the API shows it. */
export function webhookJson(webhook: Webhook): Record<string, unknown> {
  return {
    id: webhook.id,
    app_id: webhook.appId,
    target: webhook.target ?? '',
    target_type: webhook.targetType,
    secret: webhook.secret ?? '',
    triggers: webhook.triggers,
    ...(webhook.clientCredentials && { client_credentials: webhook.clientCredentials }),
  };
}

const error = (pointer: string, message: string, errorKind?: string): Diagnostic => ({
  pointer,
  keyword: 'webhook',
  message,
  severity: 'error',
  ...(errorKind !== undefined && { errorKind }),
});

/** The Conversation API's own hosts may not be webhook targets. */
const FORBIDDEN_TARGET = /(^|\.)conversation-api\.[^.]+\.sinch\.com$/i;

/** Why `target` may not be a webhook target, or undefined. */
function targetProblem(target: string): string | undefined {
  let host: string;
  try {
    host = new URL(target).hostname;
  } catch {
    return `/target ${JSON.stringify(target)} is not a URL`;
  }
  return FORBIDDEN_TARGET.test(host)
    ? `/target host ${host} is a conversation-api.*.sinch.com host, which may not be a webhook target`
    : undefined;
}

/** The region check every webhooks route starts with. */
function regionRule(request: SimRequest): Diagnostic[] {
  const region = request.params.region ?? '';
  return isRegion(region)
    ? []
    : [
        error(
          '',
          `no Conversation API host for region "${region}"; regions are ${REGIONS.join(', ')}`,
          'not_found',
        ),
      ];
}

/** The app named by `appId` in the path's project and region, or the diagnostic refusing it. */
function appRule(
  request: SimRequest,
  appId: string,
  pointer: string,
  settings: SinchConversationSettings,
): Diagnostic[] {
  const { region = '', project_id: projectId = '' } = request.params;
  if (findApp(settings, projectId, appId, region)) return [];
  const elsewhere = regionOfApp(settings, projectId, appId);
  return [
    error(
      pointer,
      elsewhere
        ? `app "${appId}" is an app of region ${elsewhere}; this is the ${region} host, where it is unknown`
        : `app "${appId}" is not an app of project "${projectId}"`,
      settings.unknownApp === 'not_found' ? 'app_not_found' : 'invalid_request',
    ),
  ];
}

/**
 * `POST /v1/projects/{project_id}/webhooks`: the schema, the app (in this region), the target (not
 * a Conversation API host), and at most 5 webhooks per app.
 * @see https://developers.sinch.com/docs/conversation/callbacks
 */
export function createWebhookRules(
  request: SimRequest,
  context: ProviderContext<SinchConversationSettings>,
): Diagnostic[] {
  const region = regionRule(request);
  if (region.length > 0) return region;
  const shape = context.validateSchema(CREATE_WEBHOOK_SCHEMA, request.body);
  if (shape.length > 0) return shape;
  const body = request.body as { app_id: string; target: string };
  const app = appRule(request, body.app_id, '/app_id', context.settings);
  if (app.length > 0) return app;
  const problem = targetProblem(body.target);
  if (problem !== undefined) return [error('/target', problem)];
  const count = webhooksOf(context, request.params.project_id ?? '', body.app_id).length;
  if (count >= MAX_WEBHOOKS_PER_APP) {
    return [
      error(
        '/app_id',
        `app "${body.app_id}" already has ${count} webhooks; at most ${MAX_WEBHOOKS_PER_APP} are allowed per app`,
      ),
    ];
  }
  return clientCredentialsDiagnostics(
    (body as { client_credentials?: ClientCredentials }).client_credentials,
    context.settings,
  );
}

/** Registers the webhook and answers it with its new id. */
export function acceptCreateWebhook(
  request: SimRequest,
  context: ProviderContext<SinchConversationSettings>,
): AcceptResult {
  const body = request.body as {
    app_id: string;
    target: string;
    target_type?: 'HTTP' | 'DISMISS';
    triggers: WebhookTrigger[];
    secret?: string;
    client_credentials?: ClientCredentials;
  };
  const webhook: Webhook = {
    id: context.ids.next(),
    projectId: request.params.project_id ?? '',
    appId: body.app_id,
    target: body.target,
    targetType: body.target_type ?? 'HTTP',
    triggers: body.triggers,
    ...(body.secret !== undefined && body.secret !== '' && { secret: body.secret }),
    ...(body.client_credentials && { clientCredentials: body.client_credentials }),
  };
  putWebhook(context, webhook);
  prefetchCallbackToken(webhook, context);
  return { response: { status: 200, body: webhookJson(webhook) } };
}

/** `GET /v1/projects/{project_id}/apps/{app_id}/webhooks`: the app must exist in this region. */
export function listWebhooksRules(
  request: SimRequest,
  context: ProviderContext<SinchConversationSettings>,
): Diagnostic[] {
  const region = regionRule(request);
  if (region.length > 0) return region;
  return appRule(request, request.params.app_id ?? '', '', context.settings);
}

/** Lists the app's webhooks. */
export function acceptListWebhooks(
  request: SimRequest,
  context: ProviderContext<SinchConversationSettings>,
): AcceptResult {
  const hooks = webhooksOf(context, request.params.project_id ?? '', request.params.app_id ?? '');
  return { response: { status: 200, body: { webhooks: hooks.map(webhookJson) } } };
}

/** The webhook in the path, when it belongs to the path's project and to an app of its region. */
function webhookInPath(
  request: SimRequest,
  context: ProviderContext<SinchConversationSettings>,
): Webhook | undefined {
  const { region = '', project_id: projectId = '', webhook_id: id = '' } = request.params;
  const webhook = getWebhook(context, id);
  if (!webhook || webhook.projectId !== projectId) return undefined;
  return findApp(context.settings, projectId, webhook.appId, region) ? webhook : undefined;
}

/** `GET`, `PATCH` and `DELETE .../webhooks/{webhook_id}`: the webhook must exist here. */
export function oneWebhookRules(
  request: SimRequest,
  context: ProviderContext<SinchConversationSettings>,
): Diagnostic[] {
  const region = regionRule(request);
  if (region.length > 0) return region;
  if (
    !findProject(context.settings, request.params.project_id ?? '') ||
    !webhookInPath(request, context)
  ) {
    return [
      error(
        '',
        `webhook "${request.params.webhook_id ?? ''}" does not exist in project "${request.params.project_id ?? ''}" on the ${request.params.region ?? ''} host`,
        'not_found',
      ),
    ];
  }
  if (request.method !== 'PATCH') return [];
  const shape = context.validateSchema(UPDATE_WEBHOOK_SCHEMA, request.body);
  if (shape.length > 0) return shape;
  const { target, client_credentials: credentials } = request.body as {
    target?: string;
    client_credentials?: ClientCredentials;
  };
  const problem = target === undefined ? undefined : targetProblem(target);
  return problem === undefined
    ? clientCredentialsDiagnostics(credentials, context.settings)
    : [error('/target', problem)];
}

/** Answers the webhook. */
export function acceptGetWebhook(
  request: SimRequest,
  context: ProviderContext<SinchConversationSettings>,
): AcceptResult {
  return { response: { status: 200, body: webhookJson(webhookInPath(request, context)!) } };
}

/** Deletes the webhook; answers an empty object. */
export function acceptDeleteWebhook(
  request: SimRequest,
  context: ProviderContext<SinchConversationSettings>,
): AcceptResult {
  removeWebhook(context, webhookInPath(request, context)!.id);
  return { response: { status: 200, body: {} } };
}

/** The fields `update_mask` names (JSON array or comma-separated), or undefined for "all given". */
function maskOf(request: SimRequest): Set<string> | undefined {
  const raw = request.query.get('update_mask') ?? request.query.get('update_mask.paths');
  if (raw === null) return undefined;
  let paths: unknown = raw.split(',');
  if (raw.trim().startsWith('[')) {
    try {
      paths = JSON.parse(raw);
    } catch {
      // Not JSON: keep the comma-separated reading.
    }
  }
  return new Set((Array.isArray(paths) ? paths : []).map((p) => String(p).trim()));
}

/** Updates the fields the body gives (only those in `update_mask`, when there is one). */
export function acceptUpdateWebhook(
  request: SimRequest,
  context: ProviderContext<SinchConversationSettings>,
): AcceptResult {
  const webhook = webhookInPath(request, context)!;
  const body = request.body as Record<string, unknown>;
  const mask = maskOf(request);
  const wanted = (field: string): boolean =>
    body[field] !== undefined && (!mask || mask.has(field));
  const updated: Webhook = {
    ...webhook,
    ...(wanted('target') && { target: body.target as string }),
    ...(wanted('target_type') && { targetType: body.target_type as 'HTTP' | 'DISMISS' }),
    ...(wanted('triggers') && { triggers: body.triggers as WebhookTrigger[] }),
    ...(wanted('secret') && { secret: body.secret as string }),
    ...(wanted('client_credentials') && {
      clientCredentials: body.client_credentials as ClientCredentials,
    }),
  };
  putWebhook(context, updated);
  prefetchCallbackToken(updated, context);
  return { response: { status: 200, body: webhookJson(updated) } };
}
