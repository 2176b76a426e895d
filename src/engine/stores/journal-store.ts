import type { JournalQuery } from '../journal/query.js';
import type { ServeEvent, SubEvent } from '../journal/serve-event.js';

/** A change to the journal, for live views. */
export type JournalChange =
  | { type: 'entry'; entry: ServeEvent }
  | { type: 'sub-event'; id: string; subEvent: SubEvent }
  | { type: 'cleared' };

/**
 * Where journal entries are kept. Only `JournalRecorder` writes to it. Synchronous: the request
 * path records after answering, so a networked store would sit behind a write-behind queue of the
 * same shape (see decisions/0005).
 */
export interface JournalStore {
  /** Most entries kept; 0 keeps none. */
  readonly capacity: number;
  /** Entries recorded since start or the last clear, including evicted ones. */
  readonly recorded: number;
  /** Entries currently held. */
  readonly size: number;
  /** Estimated bytes held, when the store bounds them. */
  readonly bytes?: number;
  /** Records `entry` (of about `bytes` bytes, as the writer estimated), stamping its `seq`, and returns it. */
  add(entry: Omit<ServeEvent, 'seq'>, bytes?: number): ServeEvent;
  get(id: string): ServeEvent | undefined;
  /** Whether a sub-event for entry `id` would still be kept (writers skip building it otherwise). */
  holds(id: string): boolean;
  /** Appends a sub-event to an entry still held; a no-op once the entry was evicted. */
  addSubEvent(id: string, subEvent: SubEvent, bytes?: number): void;
  /** Sets the status of one message of an entry still held. */
  setMessageStatus(id: string, messageId: string, status: string): void;
  /** Entries in the order received, oldest first, filtered by `query`. */
  list(query?: JournalQuery): ServeEvent[];
  clear(): void;
  /** Calls `listener` on every change until the returned function is called. */
  subscribe(listener: (change: JournalChange) => void): () => void;
}
