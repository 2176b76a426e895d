import type {
  AcceptResult,
  InboundDefinition,
  Json,
  ProviderContext,
  SimRequest,
} from '../../src/engine/provider-api.js';
import { batchStore } from './batch-store.js';
import { newId } from './ids.js';
import { bareNumber } from './message-text.js';
import { readPaging } from './paging.js';
import { page } from './reports.js';
import { ownerOf } from './send-body.js';
import type { SinchSmsRestSettings } from './settings.js';

type Context = ProviderContext<SinchSmsRestSettings>;

/** The account an inbound belongs to: the one named, else the first service plan, else the first project. */
const defaultOwner = (settings: SinchSmsRestSettings): string =>
  settings.servicePlans[0]?.servicePlanId ?? settings.projects[0] ?? '';

/**
 * A customer's SMS to the business, reported as `mo_text` to the `mo` callback target and kept for
 * `GET /inbounds`. It goes to `to`, else the originator of the latest batch to that number, else
 * `settings.inboundNumber`.
 * @see https://github.com/sinch/sinch-sdk-node/blob/main/packages/sms/src/models/v1/mo-text/mo-text.ts
 */
export const SINCH_SMS_REST_INBOUND: InboundDefinition<SinchSmsRestSettings> = {
  schema: 'sinch-sms-rest/inbound-input',
  accept(input, context) {
    const from = bareNumber(input.from as string);
    const to =
      (input.to as string | undefined) ??
      batchStore.lastOriginator(context.store, from) ??
      context.settings.inboundNumber;
    const owner = (input.account as string | undefined) ?? defaultOwner(context.settings);
    const id = newId(context);
    const now = context.clock.now();
    const body: Record<string, Json> = {
      type: 'mo_text',
      id,
      from,
      to,
      body: input.text as string,
      received_at: new Date(now).toISOString(),
      ...(typeof input.operatorId === 'string' && { operator_id: input.operatorId }),
      ...(typeof input.clientReference === 'string' && { client_reference: input.clientReference }),
    };
    batchStore.putInbound(context.store, id, { owner, receivedAtMs: now, body });
    return {
      messages: [
        {
          message: { id, recipient: from, data: { mo: body } },
          step: { status: 'received', afterMs: 0, callback: 'mo' },
        },
      ],
    };
  },
};

/** `GET /inbounds`: newest first, paged, filtered by `to` (comma-separated) and `client_reference`. */
export function listInbounds(request: SimRequest, context: Context): AcceptResult {
  const paging = readPaging(request);
  if ('error' in paging) return paging;
  const to = request.query.get('to')?.split(',');
  const reference = request.query.get('client_reference');
  const inbounds = batchStore
    .inbounds(context.store, ownerOf(request.params))
    .map((i) => i.body)
    .filter((b) => !to || to.includes(b.to as string))
    .filter((b) => reference === null || b.client_reference === reference);
  return {
    response: { status: 200, body: page(inbounds, 'inbounds', paging.page, paging.pageSize) },
  };
}

/** `GET /inbounds/{inbound_id}`. */
export function getInbound(request: SimRequest, context: Context): AcceptResult {
  const id = request.params.inbound_id ?? '';
  const inbound = batchStore.getInbound(context.store, id);
  if (!inbound || inbound.owner !== ownerOf(request.params)) {
    return { error: 'not_found', detail: `no inbound "${id}" in this account` };
  }
  return { response: { status: 200, body: inbound.body } };
}
