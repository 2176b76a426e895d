import type { JournalChange, JournalStore } from '../stores/journal-store.js';
import { copyPlainData } from '../copy-plain-data.js';
import type { JournalQuery } from './query.js';
import type { ServeEvent } from './serve-event.js';

/** Deep-freezes a private copy, so a reader can keep it without seeing or causing later changes. */
function frozenCopy<T>(value: T): T {
  const copy = copyPlainData(value);
  // Its own stack, not recursion: no stored value can be too deep to hand out.
  const stack: unknown[] = [copy];
  while (stack.length > 0) {
    const node = stack.pop();
    if (node === null || typeof node !== 'object' || Object.isFrozen(node)) continue;
    Object.freeze(node);
    for (const child of Object.values(node)) stack.push(child);
  }
  return copy;
}

/** Read access to the journal: every entry handed out is a frozen copy. */
export class JournalReader {
  constructor(
    private readonly store: JournalStore,
    /** What clearing does: the recorder owns it. */
    private readonly onClear: () => void,
  ) {}

  /** Most entries kept; 0 keeps none. */
  get capacity(): number {
    return this.store.capacity;
  }

  /** Entries recorded since start or the last clear, including evicted ones. */
  get recorded(): number {
    return this.store.recorded;
  }

  /** Estimated bytes the held entries take (the journal's own accounting, bounded by `journal.maxBytes`). */
  get bytes(): number {
    return this.store.bytes ?? 0;
  }

  /** Entries currently held. */
  get size(): number {
    return this.store.size;
  }

  /** The entry `id`, while it is held. */
  get(id: string): ServeEvent | undefined {
    const entry = this.store.get(id);
    return entry && frozenCopy(entry);
  }

  /** Entries in the order received, oldest first, filtered by `query`. */
  list(query?: JournalQuery): ServeEvent[] {
    return this.store.list(query).map(frozenCopy);
  }

  /** Forgets every entry. */
  clear(): void {
    this.onClear();
  }

  /** Calls `listener` with a frozen copy of every change until the returned function is called. */
  subscribe(listener: (change: JournalChange) => void): () => void {
    return this.store.subscribe((change) => listener(frozenCopy(change)));
  }
}
