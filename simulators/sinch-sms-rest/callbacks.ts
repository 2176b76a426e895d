import type {
  CallbackEvent,
  CallbackKindDefinition,
  PreparedCallback,
  ProviderContext,
} from '../../src/engine/provider-api.js';
import {
  batchStore,
  plannedRecipient,
  recipientState,
  type BatchFacts,
  type BatchRecipient,
  type StoredBatch,
} from './batch-store.js';
import { reportCode } from './report-codes.js';
import { batchReport, recipientReport } from './reports.js';
import type { SinchSmsRestSettings } from './settings.js';

type Context = ProviderContext<SinchSmsRestSettings>;

const batchIdOf = (event: CallbackEvent): string =>
  (event.message.data as { batchId?: string } | undefined)?.batchId ?? '';

const unknownBatch = (batchId: string): Error =>
  new Error(`batch ${batchId} is no longer known (the simulator was reset)`);

function batchOf(event: CallbackEvent, context: Context): StoredBatch {
  const stored = batchStore.getBatch(context.store, batchIdOf(event));
  if (!stored) throw unknownBatch(batchIdOf(event));
  return stored;
}

/**
 * The batch's facts and the recipient's plan: from the message itself, or, for a batch cancelled
 * since, from the stored batch (a cancellation is the one change the plan does not carry).
 */
function reportSubject(
  event: CallbackEvent,
  context: Context,
): { facts: BatchFacts; recipient: BatchRecipient } {
  const facts = batchStore.getFacts(context.store, batchIdOf(event));
  if (!facts) throw unknownBatch(batchIdOf(event));
  const planned = plannedRecipient(event.message.id, event.message.data);
  if (planned && facts.canceledAtMs === undefined) return { facts, recipient: planned };
  const stored = batchOf(event, context);
  const msisdn = (event.message.data as { msisdn: string }).msisdn;
  return { facts: stored, recipient: stored.recipients.find((r) => r.msisdn === msisdn)! };
}

/**
 * `recipient_delivery_report_sms` for one recipient's final step. The code is the step's (so a
 * delayed or reordered callback still reports the final status, never Queued or Dispatched),
 * except that a batch cancelled before the step reports 407.
 */
export function buildRecipientReport(events: CallbackEvent[], context: Context): PreparedCallback {
  const event = events[0]!;
  const { facts, recipient } = reportSubject(event, context);
  const code = event.step.code ?? recipient.code;
  const cancelled = recipientState(facts, recipient, event.at).code === '407';
  const state = cancelled
    ? { code: '407', status: 'Aborted' as const, atMs: event.at }
    : { code, status: reportCode(code).status, atMs: event.at };
  return { body: recipientReport(facts, recipient, state) };
}

/** `delivery_report_sms` of the whole batch (`full` lists the recipients), sent once every recipient is final. */
export function buildBatchReport(events: CallbackEvent[], context: Context): PreparedCallback {
  const stored = batchOf(events[0]!, context);
  const type = stored.batch.delivery_report === 'full' ? 'full' : 'summary';
  return { body: batchReport(stored, Number.MAX_SAFE_INTEGER, { type }) };
}

/** Sinch SMS REST callback kinds: per-recipient and batch delivery reports, and inbound (MO) messages. */
export const SINCH_SMS_REST_CALLBACKS: Record<
  string,
  CallbackKindDefinition<SinchSmsRestSettings>
> = {
  'recipient-dlr': {
    build: buildRecipientReport,
    schema: 'sinch-sms-rest/recipient-delivery-report',
    single: true,
  },
  'batch-dlr': { build: buildBatchReport, schema: 'sinch-sms-rest/delivery-report', single: true },
  mo: {
    build: (events) => ({ body: (events[0]!.message.data as { mo: unknown }).mo }),
    schema: 'sinch-sms-rest/mo-text',
    single: true,
  },
};
