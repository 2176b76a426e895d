import type { SubEvent } from '../journal/serve-event.js';

/** The only way the callback side writes (and times against) the journal. */
export interface CallbackJournal {
  /** Appends `event` to the entry `serveEventId`; a no-op once that entry is gone. */
  addSubEvent(serveEventId: string, event: SubEvent): void;
  /**
   * Whether entry `serveEventId` still takes sub-events: under load most entries are evicted before
   * their DLRs come due, and a sub-event for them need not be built at all.
   */
  holds(serveEventId: string): boolean;
  /** Records that message `messageId` of entry `serveEventId` reached `status`. */
  setMessageStatus(serveEventId: string, messageId: string, status: string): void;
  /** Epoch ms (injected clock) the entry `serveEventId` was received, if it is still held. */
  receivedAt(serveEventId: string): number | undefined;
}
