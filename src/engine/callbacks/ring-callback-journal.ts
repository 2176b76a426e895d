import type { RingJournal } from '../journal/ring-journal.js';
import type { SubEvent } from '../journal/serve-event.js';
import type { CallbackJournal } from './callback-journal.js';

/** `CallbackJournal` over the in-memory ring journal: the one place callback journal writes happen. */
export class RingCallbackJournal implements CallbackJournal {
  constructor(private readonly journal: RingJournal) {}

  addSubEvent(serveEventId: string, event: SubEvent): void {
    this.journal.addSubEvent(serveEventId, event);
  }

  holds(serveEventId: string): boolean {
    return this.journal.holds(serveEventId);
  }

  setMessageStatus(serveEventId: string, messageId: string, status: string): void {
    const message = this.journal.get(serveEventId)?.messages.find((m) => m.id === messageId);
    if (message) message.status = status;
  }

  receivedAt(serveEventId: string): number | undefined {
    return this.journal.get(serveEventId)?.receivedAtMs;
  }
}
