import type { AttemptReport } from '../dispatcher/callback-dispatcher.js';
import type { JournalStore } from '../stores/journal-store.js';
import type { ServeEvent, SubEvent } from './serve-event.js';

/**
 * The one writer of the journal: requests, inbound injections and unmatched requests (as
 * entries), and everything that follows them (sub-events, status changes, callback attempts).
 * Readers go through `JournalReader`, which hands out entries they cannot change.
 */
export class JournalRecorder {
  private readonly recordListeners: ((entry: ServeEvent) => void)[] = [];

  constructor(private readonly store: JournalStore) {}

  /**
   * Records one entry (a served request, an inbound injection or an unmatched request). Returns
   * the stored entry: its message summaries are handed to the message lifecycle, which keeps
   * their status current.
   */
  record(entry: Omit<ServeEvent, 'seq'>): ServeEvent {
    const stored = this.store.add(entry);
    for (const listener of this.recordListeners) listener(stored);
    return stored;
  }

  /** Calls `listener` with every entry this process records (metrics count them). */
  onRecord(listener: (entry: ServeEvent) => void): void {
    this.recordListeners.push(listener);
  }

  /** Appends `event` to the entry `serveEventId`; a no-op once the entry was evicted. */
  addSubEvent(serveEventId: string, event: SubEvent): void {
    this.store.addSubEvent(serveEventId, event);
  }

  /** Sets the latest status of message `messageId` on the entry that created it. */
  setMessageStatus(serveEventId: string, messageId: string, status: string): void {
    this.store.setMessageStatus(serveEventId, messageId, status);
  }

  /** Epoch ms (injected clock) the entry was received, while it is held. */
  receivedAt(serveEventId: string): number | undefined {
    return this.store.get(serveEventId)?.receivedAtMs;
  }

  /** Records one callback attempt on every entry whose messages it reported. */
  recordCallbackAttempt(report: AttemptReport): void {
    const { job } = report;
    for (const id of job.serveEventIds) {
      const receivedAt = this.receivedAt(id);
      this.addSubEvent(id, {
        type: 'callback-attempt',
        offsetMs: receivedAt !== undefined ? report.at - receivedAt : 0,
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
  }

  /** Forgets every entry (reset, or `DELETE /__admin/journal`). */
  clear(): void {
    this.store.clear();
  }
}
