import type {
  AcceptResult,
  Json,
  ProviderContext,
  SimRequest,
} from '../../src/engine/provider-api.js';
import { findBatch } from './batch-api.js';
import { batchStore, recipientState } from './batch-store.js';
import { bareNumber } from './message-text.js';
import { readPaging } from './paging.js';
import { batchReport, page, recipientReport } from './reports.js';
import { ownerOf } from './send-body.js';
import type { SinchSmsRestSettings } from './settings.js';

type Context = ProviderContext<SinchSmsRestSettings>;

const csv = (value: string | null): string[] | undefined =>
  value === null ? undefined : value.split(',').map((v) => v.trim());

/** `GET /batches/{batch_id}/delivery_report?type=summary|full&status&code`: the batch as it stands now. */
export function getBatchReport(request: SimRequest, context: Context): AcceptResult {
  const found = findBatch(request, context);
  if ('error' in found) return found;
  const type = request.query.get('type') ?? 'summary';
  if (type !== 'summary' && type !== 'full') {
    return {
      error: 'invalid_request',
      detail: `type must be summary or full, got "${type}"`,
      pointer: '/query/type',
    };
  }
  const statuses = csv(request.query.get('status'));
  const codes = csv(request.query.get('code'));
  const body = batchReport(found.stored, context.clock.now(), {
    type,
    ...(statuses && { statuses }),
    ...(codes && { codes }),
  });
  return { response: { status: 200, body } };
}

/** `GET /batches/{batch_id}/delivery_report/{recipient_msisdn}`: one recipient as it stands now. */
export function getRecipientReport(request: SimRequest, context: Context): AcceptResult {
  const found = findBatch(request, context);
  if ('error' in found) return found;
  const msisdn = bareNumber(request.params.recipient_msisdn ?? '');
  const recipient = found.stored.recipients.find((r) => r.msisdn === msisdn);
  if (!recipient) {
    return {
      error: 'not_found',
      detail: `batch "${found.stored.batch.id as string}" was not sent to ${msisdn}`,
    };
  }
  const state = recipientState(found.stored, recipient, context.clock.now());
  return { response: { status: 200, body: recipientReport(found.stored, recipient, state) } };
}

/** `GET /delivery_reports`: every recipient that reached a final status, newest batch first, paged. */
export function listDeliveryReports(request: SimRequest, context: Context): AcceptResult {
  const paging = readPaging(request);
  if ('error' in paging) return paging;
  const statuses = csv(request.query.get('status'));
  const codes = csv(request.query.get('code'));
  const reference = request.query.get('client_reference');
  const now = context.clock.now();
  const reports: Json[] = [];
  for (const stored of batchStore.batches(context.store, ownerOf(request.params))) {
    if (reference !== null && stored.batch.client_reference !== reference) continue;
    for (const recipient of stored.recipients) {
      const state = recipientState(stored, recipient, now);
      if (state.status === 'Queued' || state.status === 'Dispatched') continue;
      if (statuses && !statuses.includes(state.status)) continue;
      if (codes && !codes.includes(state.code)) continue;
      reports.push(recipientReport(stored, recipient, state));
    }
  }
  return {
    response: {
      status: 200,
      body: page(reports, 'delivery_reports', paging.page, paging.pageSize),
    },
  };
}
