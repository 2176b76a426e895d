import { matchesQuery, type JournalQuery } from '../../journal/query.js';
import type { ServeEvent, SubEvent } from '../../journal/serve-event.js';
import type { JournalChange, JournalStore } from '../journal-store.js';

/** Bounded in-memory journal (a ring buffer): the oldest entries are evicted once `capacity` is reached. */
export class RingJournal implements JournalStore {
  private readonly listeners = new Set<(change: JournalChange) => void>();
  private readonly slots: (ServeEvent | undefined)[];
  private readonly byId = new Map<string, ServeEvent>();
  private next = 0;
  private total = 0;
  private lastSeq = 0;

  /** @param capacity most entries kept; 0 switches the journal off. */
  constructor(readonly capacity: number) {
    this.slots = new Array<ServeEvent | undefined>(Math.max(0, capacity));
  }

  /** Entries recorded since start or the last clear, including evicted ones. */
  get recorded(): number {
    return this.total;
  }

  /** Entries currently held. */
  get size(): number {
    return this.byId.size;
  }

  /** Calls `listener` on every change until the returned function is called. */
  subscribe(listener: (change: JournalChange) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private emit(change: JournalChange): void {
    for (const listener of this.listeners) {
      try {
        listener(change);
      } catch {
        // A live view failing must never break serving.
      }
    }
  }

  /** Records `entry`, stamping its `seq`, and returns it. */
  add(entry: Omit<ServeEvent, 'seq'>): ServeEvent {
    this.total++;
    const event = Object.assign(entry, { seq: ++this.lastSeq });
    if (this.listeners.size > 0) this.emit({ type: 'entry', entry: event });
    if (this.capacity === 0) return event;
    const evicted = this.slots[this.next];
    if (evicted) this.byId.delete(evicted.id);
    this.slots[this.next] = event;
    this.byId.set(event.id, event);
    this.next = (this.next + 1) % this.capacity;
    return event;
  }

  get(id: string): ServeEvent | undefined {
    return this.byId.get(id);
  }

  /** Appends a sub-event to an entry still held; a no-op once the entry was evicted. */
  addSubEvent(id: string, subEvent: SubEvent): void {
    const entry = this.byId.get(id);
    if (!entry) return;
    entry.subEvents.push(subEvent);
    if (this.listeners.size > 0) this.emit({ type: 'sub-event', id, subEvent });
  }

  /** Sets the status of one message of an entry still held. */
  setMessageStatus(id: string, messageId: string, status: string): void {
    const message = this.byId.get(id)?.messages.find((m) => m.id === messageId);
    if (message) message.status = status;
  }

  /** Entries in the order received, oldest first, filtered by `query`. */
  list(query: JournalQuery = {}): ServeEvent[] {
    const out: ServeEvent[] = [];
    for (let i = 0; i < this.capacity; i++) {
      const event = this.slots[(this.next + i) % this.capacity];
      if (event && matchesQuery(event, query)) out.push(event);
    }
    return query.limit !== undefined ? out.slice(-query.limit) : out;
  }

  clear(): void {
    this.slots.fill(undefined);
    this.byId.clear();
    this.next = 0;
    this.total = 0;
    this.emit({ type: 'cleared' });
  }
}
