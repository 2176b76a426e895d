import type { AttemptFlow, CallbackServices, CallbackStage } from '../callback-flow.js';
import { journalOffset } from '../journal-offset.js';

/** Journals one delivery attempt on every entry the callback reports on; failures are logged. */
export const recordAttempt: CallbackStage<AttemptFlow> = {
  name: 'record-attempt',
  run({ report }: AttemptFlow, services: CallbackServices): boolean {
    const { job } = report;
    for (const id of job.serveEventIds) {
      if (!services.journal.holds(id)) continue;
      services.journal.addSubEvent(id, {
        type: 'callback-attempt',
        offsetMs: journalOffset(services.journal, id, report.at),
        callbackId: job.id,
        messageIds: job.messageIds,
        kind: job.kind,
        target: job.target,
        attempt: report.attempt,
        ...(report.status !== undefined && { status: report.status }),
        ...(report.error !== undefined && { error: report.error }),
        ...(report.answer !== undefined && { answer: report.answer }),
        durationMs: report.durationMs,
        verdict: report.verdict,
        ...(report.nextAttemptInMs !== undefined && { nextAttemptInMs: report.nextAttemptInMs }),
        body: report.attempt === 1 ? job.body : undefined,
      });
    }
    if (report.verdict !== 'delivered') {
      const fields = {
        provider: job.provider,
        kind: job.kind,
        target: job.target,
        messageIds: job.messageIds.join(','),
        attempt: report.attempt,
        status: report.status,
        error: report.error,
        verdict: report.verdict,
      };
      if (report.verdict === 'give-up') services.logger.warn('callback given up', fields);
      else services.logger.info('callback not delivered', fields);
    }
    return true;
  },
};
