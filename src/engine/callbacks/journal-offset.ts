import type { CallbackJournal } from './callback-journal.js';

/** Milliseconds from receipt of `serveEventId` to `at` (0 once the entry is gone). */
export function journalOffset(journal: CallbackJournal, serveEventId: string, at: number): number {
  const received = journal.receivedAt(serveEventId);
  return received === undefined ? 0 : at - received;
}
