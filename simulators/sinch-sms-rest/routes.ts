import type { AuthScheme, RouteDefinition, SimRequest } from '../../src/engine/provider-api.js';
import { acceptBatch, acceptDryRun } from './accept-batch.js';
import { apiTokenAuth, oauthAuth } from './auth.js';
import {
  cancelBatch,
  deliveryFeedback,
  getBatch,
  listBatches,
  replaceBatch,
  updateBatch,
} from './batch-api.js';
import { createGroup, deleteGroup, getGroup, groupMembers, listGroups } from './group-api.js';
import { getInbound, listInbounds } from './inbound.js';
import { getBatchReport, getRecipientReport, listDeliveryReports } from './report-api.js';
import { batchRules, regionRule } from './rules.js';
import type { SinchSmsRestSettings } from './settings.js';

type Route = RouteDefinition<SinchSmsRestSettings>;

const recipientsOf: Route['recipients'] = (request) => {
  const to = (request.body as { to?: unknown } | undefined)?.to;
  return Array.isArray(to) ? to.filter((r): r is string => typeof r === 'string') : [];
};

const callbackUrlOf = (request: SimRequest): Record<string, string> => {
  const url = (request.body as { callback_url?: unknown } | undefined)?.callback_url;
  return typeof url === 'string' ? { '/callback_url': url } : {};
};

/** Every route below `/xms/v1/{id}`, as the API spells them (dry_run before `{batch_id}`: first match wins). */
function apiRoutes(
  prefix: string,
  suffix: string,
  auth: AuthScheme<SinchSmsRestSettings>,
): Route[] {
  const route = (
    id: string,
    method: Route['method'],
    path: string,
    rest: Omit<Route, 'id' | 'method' | 'path' | 'auth'>,
  ): Route => ({
    id: `${id}${suffix}`,
    method,
    path: `${prefix}${path}`,
    auth,
    allowMissingContentType: true,
    ...rest,
  });
  const read = { body: 'none' as const, validate: regionRule };
  return [
    route('send', 'POST', '/batches', {
      requestSchema: 'sinch-sms-rest/send-batch-request',
      validate: batchRules,
      recipients: recipientsOf,
      callbackTargets: callbackUrlOf,
      accept: acceptBatch,
    }),
    route('list-batches', 'GET', '/batches', { ...read, accept: listBatches }),
    route('dry-run', 'POST', '/batches/dry_run', {
      requestSchema: 'sinch-sms-rest/send-batch-request',
      validate: batchRules,
      recipients: recipientsOf,
      accept: acceptDryRun,
    }),
    route('get-batch', 'GET', '/batches/{batch_id}', { ...read, accept: getBatch }),
    route('replace-batch', 'PUT', '/batches/{batch_id}', {
      requestSchema: 'sinch-sms-rest/send-batch-request',
      validate: batchRules,
      recipients: recipientsOf,
      callbackTargets: callbackUrlOf,
      accept: replaceBatch,
    }),
    route('update-batch', 'POST', '/batches/{batch_id}', {
      requestSchema: 'sinch-sms-rest/update-batch-request',
      validate: regionRule,
      callbackTargets: callbackUrlOf,
      accept: updateBatch,
    }),
    route('cancel-batch', 'DELETE', '/batches/{batch_id}', { ...read, accept: cancelBatch }),
    route('delivery-feedback', 'POST', '/batches/{batch_id}/delivery_feedback', {
      requestSchema: 'sinch-sms-rest/delivery-feedback-request',
      validate: regionRule,
      accept: deliveryFeedback,
    }),
    route('batch-delivery-report', 'GET', '/batches/{batch_id}/delivery_report', {
      ...read,
      accept: getBatchReport,
    }),
    route(
      'recipient-delivery-report',
      'GET',
      '/batches/{batch_id}/delivery_report/{recipient_msisdn}',
      { ...read, accept: getRecipientReport },
    ),
    route('list-delivery-reports', 'GET', '/delivery_reports', {
      ...read,
      accept: listDeliveryReports,
    }),
    route('list-inbounds', 'GET', '/inbounds', { ...read, accept: listInbounds }),
    route('get-inbound', 'GET', '/inbounds/{inbound_id}', { ...read, accept: getInbound }),
    route('create-group', 'POST', '/groups', {
      requestSchema: 'sinch-sms-rest/create-group-request',
      validate: regionRule,
      accept: createGroup,
    }),
    route('list-groups', 'GET', '/groups', { ...read, accept: listGroups }),
    route('get-group', 'GET', '/groups/{group_id}', { ...read, accept: getGroup }),
    route('group-members', 'GET', '/groups/{group_id}/members', { ...read, accept: groupMembers }),
    route('delete-group', 'DELETE', '/groups/{group_id}', { ...read, accept: deleteGroup }),
  ];
}

/**
 * Routes below `/sinch-sms-rest`: `/{region}/xms/v1/{service_plan_id}/...` with the API token, and
 * `/zt/{region}/xms/v1/{project_id}/...` with an OAuth2 token (ids end in `-zt`).
 * @see https://github.com/sinch/sinch-sdk-node/blob/main/packages/sms/src/rest/v1/sms-service.ts
 */
export const SINCH_SMS_REST_ROUTES: Route[] = [
  ...apiRoutes('/{region}/xms/v1/{service_plan_id}', '', apiTokenAuth),
  ...apiRoutes('/zt/{region}/xms/v1/{project_id}', '-zt', oauthAuth),
];
