import type {
  AcceptedMessage,
  ForcedOutcome,
  LifecycleStep,
  ProviderContext,
} from '../../src/engine/provider-api.js';
import { batchStore, plannedRecipient, type BatchRecipient } from './batch-store.js';
import { reportCode } from './report-codes.js';
import type { SinchSmsRestSettings } from './settings.js';

/** Report codes for a forced outcome named by its provider-neutral status. */
const FORCED_CODES: Readonly<Record<string, string>> = {
  delivered: '0',
  failed: '402',
  aborted: '402',
  rejected: '408',
  expired: '406',
};

/**
 * Longest delay a step can be scheduled with: Node timers overflow past 2^31 - 1 ms (about 24.8
 * days) and would fire at once, so a batch scheduled further ahead is reported at that horizon.
 */
const MAX_STEP_MS = 2_147_483_647;

/** The journal's name of a report code's status (the API's status, lower case). */
export const neutralStatus = (code: string): string => reportCode(code).status.toLowerCase();

/** Which callback reports the final step of `recipient`, given the batch's `delivery_report`. */
function finalCallback(mode: unknown, carriesBatch: boolean): string | undefined {
  if (mode === 'per_recipient' || mode === 'per_recipient_final') return 'recipient-dlr';
  if ((mode === 'summary' || mode === 'full') && carriesBatch) return 'batch-dlr';
  return undefined;
}

/**
 * The recipient as the stored batch has it, with a fault rule's forced outcome written in (so the
 * reports read back agree with the callbacks); undefined when the batch or recipient is unknown.
 */
function storedRecipient(
  message: AcceptedMessage,
  context: ProviderContext<SinchSmsRestSettings>,
  forced: ForcedOutcome | undefined,
): BatchRecipient | undefined {
  const {
    batchId,
    msisdn,
    index: at,
  } = (message.data ?? {}) as { batchId?: string; msisdn?: string; index?: number };
  const stored = batchId === undefined ? undefined : batchStore.getBatch(context.store, batchId);
  // The index saves a scan per recipient (a 1,000-recipient batch would cost a million compares).
  const index =
    at !== undefined && stored?.recipients[at]?.msisdn === msisdn
      ? at
      : (stored?.recipients.findIndex((r) => r.msisdn === msisdn) ?? -1);
  if (!stored || index < 0) return undefined;
  const recipient = stored.recipients[index]!;
  if (!forced) return recipient;
  const now = context.clock.now();
  const finalAtMs = forced.afterMs === undefined ? recipient.finalAtMs : now + forced.afterMs;
  const changed: BatchRecipient = {
    ...recipient,
    code: forced.code ?? FORCED_CODES[forced.status] ?? '402',
    finalAtMs,
    dispatchAtMs: Math.min(recipient.dispatchAtMs, finalAtMs),
  };
  const recipients = stored.recipients.map((r, i) => (i === index ? changed : r));
  batchStore.putBatch(context.store, { ...stored, recipients });
  return changed;
}

/**
 * A recipient's steps: dispatched (silent: Queued and Dispatched are never called back), then its
 * final status at the time decided on acceptance. A fault rule's forced outcome replaces the
 * code (and time) in the stored batch, so the reports read back agree with the callbacks.
 */
export function sinchSmsRestLifecycle(
  message: AcceptedMessage,
  context: ProviderContext<SinchSmsRestSettings>,
  forced?: ForcedOutcome,
): LifecycleStep[] {
  const { batchId } = (message.data ?? {}) as { batchId?: string };
  const facts = batchId === undefined ? undefined : batchStore.getFacts(context.store, batchId);
  if (!facts) return [{ status: 'delivered', afterMs: 0 }];
  const planned = plannedRecipient(message.id, message.data);
  const recipient = forced || !planned ? storedRecipient(message, context, forced) : planned;
  if (!recipient) return [{ status: 'delivered', afterMs: 0 }];
  const now = context.clock.now();
  const callback = finalCallback(
    facts.batch.delivery_report,
    facts.reportCarrier === recipient.msisdn,
  );
  return [
    {
      status: 'dispatched',
      afterMs: Math.min(MAX_STEP_MS, Math.max(0, recipient.dispatchAtMs - now)),
    },
    {
      status: neutralStatus(recipient.code),
      afterMs: Math.min(MAX_STEP_MS, Math.max(0, recipient.finalAtMs - now)),
      code: recipient.code,
      description: reportCode(recipient.code).description,
      ...(callback && { callback }),
    },
  ];
}
