import type { Json } from '../../src/engine/provider-api.js';
import {
  recipientState,
  type BatchFacts,
  type BatchRecipient,
  type StoredBatch,
} from './batch-store.js';
import type { SinchSmsRestStatus } from './report-codes.js';

const iso = (ms: number): string => new Date(ms).toISOString();

/**
 * A recipient delivery report (`recipient_delivery_report_sms`), as the callback and
 * `GET .../delivery_report/{msisdn}` carry it.
 * @see https://github.com/sinch/sinch-sdk-node/blob/main/packages/sms/src/models/v1/recipient-delivery-report/recipient-delivery-report.ts
 */
export function recipientReport(
  stored: BatchFacts,
  recipient: BatchRecipient,
  state: { code: string; status: SinchSmsRestStatus; atMs: number } = recipientState(
    stored,
    recipient,
    Number.MAX_SAFE_INTEGER,
  ),
): Record<string, Json> {
  const { batch } = stored;
  return {
    type: 'recipient_delivery_report_sms',
    batch_id: batch.id as string,
    recipient: recipient.msisdn,
    code: Number(state.code),
    status: state.status,
    at: iso(state.atMs),
    ...(state.status !== 'Queued' && { operator_status_at: iso(state.atMs) }),
    ...(typeof batch.client_reference === 'string' && { client_reference: batch.client_reference }),
    ...(typeof batch.from === 'string' && { applied_originator: batch.from }),
    encoding: recipient.encoding,
    number_of_message_parts: recipient.parts,
  };
}

/** Filters of a batch report (`GET .../delivery_report?type&status&code`). */
export interface BatchReportFilter {
  type: 'summary' | 'full';
  statuses?: readonly string[];
  codes?: readonly string[];
}

/**
 * A batch delivery report (`delivery_report_sms`): one entry per (code, status) with its count,
 * and for `full` the recipients.
 * @see https://github.com/sinch/sinch-sdk-node/blob/main/packages/sms/src/models/v1/delivery-report/delivery-report.ts
 */
export function batchReport(
  stored: StoredBatch,
  now: number,
  filter: BatchReportFilter,
): Record<string, Json> {
  const groups = new Map<string, { code: number; status: string; recipients: string[] }>();
  for (const recipient of stored.recipients) {
    const state = recipientState(stored, recipient, now);
    if (filter.statuses && !filter.statuses.includes(state.status)) continue;
    if (filter.codes && !filter.codes.includes(state.code)) continue;
    const id = `${state.code}:${state.status}`;
    const group = groups.get(id) ?? {
      code: Number(state.code),
      status: state.status,
      recipients: [],
    };
    group.recipients.push(recipient.msisdn);
    groups.set(id, group);
  }
  const { batch } = stored;
  return {
    type: 'delivery_report_sms',
    batch_id: batch.id as string,
    total_message_count: stored.recipients.length,
    statuses: [...groups.values()].map((g) => ({
      code: g.code,
      status: g.status,
      count: g.recipients.length,
      ...(filter.type === 'full' && { recipients: g.recipients }),
    })),
    ...(typeof batch.client_reference === 'string' && { client_reference: batch.client_reference }),
  };
}

/**
 * One page of a list, in the API's `{count, page, page_size, <key>}` shape; `page_size` is the
 * number of entries returned, as the API documents it.
 */
export function page<T extends Json>(
  items: readonly T[],
  key: string,
  pageIndex: number,
  pageSize: number,
): Record<string, Json> {
  const entries = items.slice(pageIndex * pageSize, (pageIndex + 1) * pageSize) as Json[];
  return { count: items.length, page: pageIndex, page_size: entries.length, [key]: entries };
}
