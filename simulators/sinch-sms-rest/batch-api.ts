import type {
  AcceptResult,
  Json,
  ProviderContext,
  SimRequest,
} from '../../src/engine/provider-api.js';
import { batchView } from './accept-batch.js';
import { batchStore, type StoredBatch } from './batch-store.js';
import { readPaging } from './paging.js';
import { page } from './reports.js';
import { ownerOf, type SendBatchBody } from './send-body.js';
import type { SinchSmsRestSettings } from './settings.js';

type Context = ProviderContext<SinchSmsRestSettings>;

/** The batch named in the path if it belongs to the caller, else the API's 404. */
export function findBatch(
  request: SimRequest,
  context: Context,
): { stored: StoredBatch } | { error: 'not_found'; detail: string } {
  const id = request.params.batch_id ?? '';
  const stored = batchStore.getBatch(context.store, id);
  if (!stored || stored.owner !== ownerOf(request.params)) {
    return { error: 'not_found', detail: `no batch "${id}" in this account` };
  }
  return { stored };
}

const ok = (body: unknown, status = 200): AcceptResult => ({ response: { status, body } });

/** `GET /batches/{batch_id}`. */
export function getBatch(request: SimRequest, context: Context): AcceptResult {
  const found = findBatch(request, context);
  return 'error' in found ? found : ok(found.stored.batch);
}

/** `GET /batches`: newest first, paged, filtered by `from` and `client_reference`. */
export function listBatches(request: SimRequest, context: Context): AcceptResult {
  const paging = readPaging(request);
  if ('error' in paging) return paging;
  const from = request.query.get('from')?.split(',');
  const reference = request.query.get('client_reference');
  const batches = batchStore
    .batches(context.store, ownerOf(request.params))
    .map((b) => b.batch)
    .filter((b) => !from || from.includes(b.from as string))
    .filter((b) => reference === null || b.client_reference === reference);
  return ok(page(batches, 'batches', paging.page, paging.pageSize));
}

/** Stores `batch` as the new representation of `stored`, stamped with a new `modified_at`. */
function save(stored: StoredBatch, batch: Record<string, Json>, context: Context): AcceptResult {
  const next = { ...batch, modified_at: new Date(context.clock.now()).toISOString() };
  batchStore.putBatch(context.store, { ...stored, batch: next });
  return ok(next);
}

/** `PUT /batches/{batch_id}`: the batch replaced by the request (id and created_at kept). */
export function replaceBatch(request: SimRequest, context: Context): AcceptResult {
  const found = findBatch(request, context);
  if ('error' in found) return found;
  const { batch } = found.stored;
  const view = batchView(
    request.body as SendBatchBody,
    batch.id as string,
    found.stored.createdAtMs,
    context.settings,
  );
  return save(found.stored, { ...view, canceled: batch.canceled as boolean }, context);
}

/** `POST /batches/{batch_id}`: the given fields changed, `to_add` / `to_remove` applied to `to`. */
export function updateBatch(request: SimRequest, context: Context): AcceptResult {
  const found = findBatch(request, context);
  if ('error' in found) return found;
  const {
    to_add: toAdd,
    to_remove: toRemove,
    ...fields
  } = request.body as {
    to_add?: string[];
    to_remove?: string[];
  } & Record<string, Json>;
  const { batch } = found.stored;
  const to = (batch.to as string[]).filter((r) => !(toRemove ?? []).includes(r));
  for (const r of toAdd ?? []) if (!to.includes(r)) to.push(r);
  return save(found.stored, { ...batch, ...fields, to }, context);
}

/** `DELETE /batches/{batch_id}`: cancelled; recipients not final yet end with code 407. */
export function cancelBatch(request: SimRequest, context: Context): AcceptResult {
  const found = findBatch(request, context);
  if ('error' in found) return found;
  const now = context.clock.now();
  const { stored } = found;
  const batch = { ...stored.batch, canceled: true, modified_at: new Date(now).toISOString() };
  batchStore.putBatch(context.store, {
    ...stored,
    batch,
    canceledAtMs: stored.canceledAtMs ?? now,
  });
  return ok(batch);
}

/** `POST /batches/{batch_id}/delivery_feedback`: 202 for a batch sent with `feedback_enabled`. */
export function deliveryFeedback(request: SimRequest, context: Context): AcceptResult {
  const found = findBatch(request, context);
  if ('error' in found) return found;
  if (found.stored.batch.feedback_enabled !== true) {
    return {
      error: 'invalid_request',
      detail: `batch "${found.stored.batch.id as string}" was not sent with feedback_enabled`,
    };
  }
  return { response: { status: 202 } };
}
