/** The in-memory journal store, under the name the lifecycle and tests know it by. */
export { RingJournal } from '../stores/memory/ring-journal-store.js';
export type { JournalChange } from '../stores/journal-store.js';
