import type { CallbackJob } from '../../dispatcher/callback-dispatcher.js';
import type { CallbackServices, CallbackStage, RequestFlow } from '../callback-flow.js';
import { journalOffset } from '../journal-offset.js';

/** The distinct values of `pick` over `events`, in first-seen order (most callbacks carry one event). */
function distinct<E>(events: readonly E[], pick: (event: E) => string): string[] {
  if (events.length === 1) return [pick(events[0]!)];
  return [...new Set(events.map(pick))];
}

/**
 * Hands the request to the dispatcher, which checks the target against `callbacks.allowedHosts`
 * (the one choke point, whoever computed the target); a refusal is journaled and logged at warn.
 */
export const dispatch: CallbackStage<RequestFlow> = {
  name: 'dispatch',
  run(flow: RequestFlow, services: CallbackServices): boolean {
    const { provider, kind, target, items } = flow;
    const events = items.map((i) => i.event);
    const job: CallbackJob = {
      id: services.nextId('cb_'),
      provider: provider.definition.id,
      kind,
      target,
      body: flow.prepared!.body,
      payload: flow.payload!,
      headers: { ...flow.prepared!.headers, ...flow.signature },
      serveEventIds: distinct(events, (e) => e.serveEventId),
      messageIds: distinct(events, (e) => e.message.id),
      retryPolicy: provider.retryPolicy,
    };
    flow.job = job;
    const outcome = services.dispatcher.dispatch(job);
    if (outcome.queued) return true;
    const now = services.clock.now();
    for (const id of job.serveEventIds) {
      services.journal.addSubEvent(id, {
        type: 'callback-refused',
        offsetMs: journalOffset(services.journal, id, now),
        callbackId: job.id,
        messageIds: job.messageIds,
        kind,
        target,
        reason: outcome.refused,
      });
    }
    services.logger.warn('callback target refused', {
      provider: job.provider,
      kind,
      target,
      messageIds: job.messageIds.join(','),
      reason: outcome.refused,
    });
    return false;
  },
};
