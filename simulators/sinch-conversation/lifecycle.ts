import type {
  AcceptedMessage,
  ForcedOutcome,
  LifecycleStep,
  ProviderContext,
} from '../../src/engine/provider-api.js';
import type { DeliveryAttempt } from './delivery-plan.js';
import { dataOf, type DeliveryStatus, type ScheduledReport } from './message-data.js';
import { PRE_CHANNEL_REASONS, REASON_DESCRIPTIONS, REASON_CODES } from './reason-codes.js';
import type { DelayRange, SinchConversationSettings } from './settings.js';

/** The journal's provider-neutral name of a delivery status. */
export const NEUTRAL_STATUS: Readonly<Record<DeliveryStatus, string>> = {
  QUEUED_ON_CHANNEL: 'queued_on_channel',
  DELIVERED: 'delivered',
  READ: 'read',
  FAILED: 'failed',
  SWITCHING_CHANNEL: 'switching_channel',
};

/** The delivery status of a provider-neutral status name, if it is one. */
export function deliveryStatusOf(neutral: string): DeliveryStatus | undefined {
  return (Object.keys(NEUTRAL_STATUS) as DeliveryStatus[]).find(
    (status) => NEUTRAL_STATUS[status] === neutral,
  );
}

const draw = (range: DelayRange, context: ProviderContext<SinchConversationSettings>): number =>
  Math.round(range.min + context.random.next() * Math.max(0, range.max - range.min));

/**
 * The reports of one channel attempt, starting at `start`: QUEUED_ON_CHANNEL (unless the failure is
 * found before the channel), then DELIVERED, READ, both, or the failure (SWITCHING_CHANNEL when
 * another channel is left, else FAILED). Each report comes strictly after the previous one.
 */
function attemptReports(
  attempt: DeliveryAttempt,
  last: boolean,
  start: number,
  context: ProviderContext<SinchConversationSettings>,
): ScheduledReport[] {
  const { delaysMs } = context.settings;
  const base = { channel: attempt.channel, identity: attempt.identity };
  const out: ScheduledReport[] = [];
  let at = start;
  const push = (status: DeliveryStatus, range: DelayRange, extra = {}): void => {
    at = Math.max(at + 1, at + draw(range, context));
    out.push({ afterMs: at, status, ...base, ...extra });
  };
  const preChannel =
    attempt.outcome === 'failed' &&
    (attempt.preChannel === true || PRE_CHANNEL_REASONS.has(attempt.reason ?? ''));
  if (!preChannel) push('QUEUED_ON_CHANNEL', delaysMs.queuedOnChannel);
  switch (attempt.outcome) {
    case 'delivered':
      push('DELIVERED', delaysMs.delivered);
      break;
    case 'read':
      push('DELIVERED', delaysMs.delivered);
      push('READ', delaysMs.read);
      break;
    case 'read-only':
      push('READ', { min: delaysMs.delivered.min, max: delaysMs.read.max });
      break;
    case 'queued':
      break;
    case 'failed':
      push(
        last ? 'FAILED' : 'SWITCHING_CHANNEL',
        preChannel ? delaysMs.queuedOnChannel : delaysMs.delivered,
        {
          reason: attempt.reason ?? 'UNKNOWN',
          description: attempt.description ?? REASON_DESCRIPTIONS[attempt.reason ?? 'UNKNOWN'],
        },
      );
      break;
  }
  return out;
}

/** The attempt a forced outcome replaces the plan with: the first channel, ending as forced. */
function forcedAttempt(first: DeliveryAttempt, forced: ForcedOutcome): DeliveryAttempt {
  if (forced.status === 'failed') {
    const reason = REASON_CODES.includes(forced.code ?? '')
      ? forced.code!
      : 'RECIPIENT_NOT_REACHABLE';
    return { ...first, outcome: 'failed', reason, description: REASON_DESCRIPTIONS[reason] };
  }
  const outcome =
    forced.status === 'read'
      ? 'read'
      : forced.status === 'queued_on_channel'
        ? 'queued'
        : 'delivered';
  return { channel: first.channel, identity: first.identity, outcome };
}

/**
 * The delivery reports of an accepted message: per channel attempt QUEUED_ON_CHANNEL, then
 * DELIVERED / READ (READ may come without DELIVERED), or SWITCHING_CHANNEL to the next channel, or
 * FAILED when none is left. QUEUED is never reported. The scheduled reports are kept on the message
 * because a lifecycle step cannot say which channel it is about, and the callback must.
 * @see https://developers.sinch.com/docs/conversation/callbacks
 */
export function deliveryLifecycle(
  message: AcceptedMessage,
  context: ProviderContext<SinchConversationSettings>,
  forced?: ForcedOutcome,
): LifecycleStep[] {
  const data = dataOf(message);
  if (data.type === 'notification') {
    return [{ status: 'notified', afterMs: 0, callback: data.kind }];
  }
  if (data.type !== 'sent') return [];
  let reports: ScheduledReport[];
  if ('failure' in data.plan) {
    const { reason, description, channel, identity } = data.plan.failure;
    reports = [
      {
        afterMs: Math.max(1, draw(context.settings.delaysMs.queuedOnChannel, context)),
        status: 'FAILED',
        channel: channel ?? 'WHATSAPP',
        identity: identity ?? message.recipient,
        reason,
        description,
        ...(channel === undefined && { noIdentity: true }),
      },
    ];
  } else {
    const attempts =
      forced && data.plan.attempts[0]
        ? [forcedAttempt(data.plan.attempts[0], forced)]
        : data.plan.attempts;
    reports = [];
    let start = 0;
    for (const [i, attempt] of attempts.entries()) {
      const own = attemptReports(attempt, i === attempts.length - 1, start, context);
      reports.push(...own);
      const ending = own.at(-1);
      if (!ending || ending.status !== 'SWITCHING_CHANNEL') break;
      start = ending.afterMs;
    }
  }
  if (forced?.afterMs !== undefined && reports.length > 0) {
    const shift = forced.afterMs - reports.at(-1)!.afterMs;
    if (shift > 0)
      reports = reports.map((r, i) =>
        i === reports.length - 1 ? { ...r, afterMs: r.afterMs + shift } : r,
      );
  }
  data.reports = reports;
  // MESSAGE_SUBMIT: the message went to the channel, a moment before the channel's first report.
  const submit: LifecycleStep[] =
    data.submitNotified === true && !forced && reports[0] && 'attempts' in data.plan
      ? [{ status: 'submitted', afterMs: Math.max(1, reports[0].afterMs - 1), callback: 'submit' }]
      : [];
  return [
    ...submit,
    ...reports.map((r) => ({
      status: NEUTRAL_STATUS[r.status],
      afterMs: r.afterMs,
      callback: 'delivery',
      ...(r.reason !== undefined && { code: r.reason, description: r.description }),
    })),
  ];
}
