import { matchesQuery, type JournalQuery } from '../../journal/query.js';
import type { ServeEvent, SubEvent } from '../../journal/serve-event.js';
import type { JournalChange, JournalStore } from '../journal-store.js';

/** Bounded in-memory journal (a ring buffer): the oldest entries are evicted once `capacity` is reached. */
export class RingJournal implements JournalStore {
  private readonly listeners = new Set<(change: JournalChange) => void>();
  private readonly slots: (ServeEvent | undefined)[];
  private readonly byId = new Map<string, ServeEvent>();
  /** Estimated bytes per held entry (its own and its sub-events'). */
  private readonly sizes = new Map<string, number>();
  private heldBytes = 0;
  private next = 0;
  private total = 0;
  private lastSeq = 0;

  /**
   * @param capacity most entries kept; 0 switches the journal off.
   * @param maxBytes most estimated bytes kept; the oldest entries are evicted past it.
   */
  constructor(
    readonly capacity: number,
    readonly maxBytes = Number.POSITIVE_INFINITY,
  ) {
    this.slots = new Array<ServeEvent | undefined>(Math.max(0, capacity));
  }

  /** Estimated bytes of the entries currently held, as the writer measured them. */
  get bytes(): number {
    return this.heldBytes;
  }

  private forget(event: ServeEvent): void {
    this.byId.delete(event.id);
    this.heldBytes -= this.sizes.get(event.id) ?? 0;
    this.sizes.delete(event.id);
  }

  /** Evicts the oldest entries (never `keep`) until the held bytes fit `maxBytes`. */
  private evictToFit(keep: string): void {
    for (let i = 0; i < this.capacity && this.heldBytes > this.maxBytes; i++) {
      const slot = (this.next + i) % this.capacity;
      const event = this.slots[slot];
      if (!event || event.id === keep) continue;
      this.forget(event);
      this.slots[slot] = undefined;
    }
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

  /** Records `entry` (of about `bytes` bytes), stamping its `seq`, and returns it. */
  add(entry: Omit<ServeEvent, 'seq'>, bytes = 0): ServeEvent {
    this.total++;
    const event = Object.assign(entry, { seq: ++this.lastSeq });
    if (this.listeners.size > 0) this.emit({ type: 'entry', entry: event });
    if (this.capacity === 0) return event;
    const evicted = this.slots[this.next];
    if (evicted) this.forget(evicted);
    this.slots[this.next] = event;
    this.byId.set(event.id, event);
    this.sizes.set(event.id, bytes);
    this.heldBytes += bytes;
    this.next = (this.next + 1) % this.capacity;
    if (this.heldBytes > this.maxBytes) this.evictToFit(event.id);
    return event;
  }

  get(id: string): ServeEvent | undefined {
    return this.byId.get(id);
  }

  holds(id: string): boolean {
    return this.byId.has(id);
  }

  /** Appends a sub-event to an entry still held; a no-op once the entry was evicted. */
  addSubEvent(id: string, subEvent: SubEvent, bytes = 0): void {
    const entry = this.byId.get(id);
    if (!entry) return;
    entry.subEvents.push(subEvent);
    if (bytes > 0) {
      this.sizes.set(id, (this.sizes.get(id) ?? 0) + bytes);
      this.heldBytes += bytes;
      if (this.heldBytes > this.maxBytes) this.evictToFit(id);
    }
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
    this.sizes.clear();
    this.heldBytes = 0;
    this.next = 0;
    this.total = 0;
    this.emit({ type: 'cleared' });
  }
}
