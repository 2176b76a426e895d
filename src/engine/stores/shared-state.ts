import type { CounterStore } from './counter-store.js';
import type { JournalStore } from './journal-store.js';
import type { ProviderStore, StoreBounds } from './provider-store.js';

/** Runs one kind of durable job from its plain-JSON data. */
export type SharedJobHandler = (data: Record<string, unknown>) => void | Promise<void>;

/**
 * State several simulator replicas share (Redis). Without it every store is the bounded in-memory
 * one of this process. Whatever is reachable here is reachable from every replica.
 */
export interface SharedState {
  /** This replica's id, unique per start (labels metrics and tags what it writes). */
  readonly instance: string;
  /** The shared journal (each replica follows it into a local ring). */
  readonly journal: JournalStore;
  /** Atomic counters (fault rules' nth / everyNth / times). */
  readonly counters: CounterStore;
  /** The shared state of one provider, loaded at open. */
  providerStore(providerId: string, bounds: StoreBounds): ProviderStore;
  /** Says how durable jobs of `kind` run on this replica; call before `startWork()`. */
  handleJobs(kind: string, handler: SharedJobHandler): void;
  /** Starts taking durable jobs. */
  startWork(): void;
  /** Schedules a durable job after `delayMs` real milliseconds, once per `id`. */
  addJob(kind: string, id: string, delayMs: number, data: Record<string, unknown>): Promise<void>;
  /** Unschedules job `id`. */
  removeJob(id: string): Promise<void>;
  /** Jobs waiting on every replica. */
  pendingJobs(): Promise<number>;
  /** Reads a shared document (undefined when never written). */
  readDocument<T>(name: string): Promise<T | undefined>;
  /** Writes a shared document and tells the other replicas. */
  writeDocument(name: string, value: unknown): Promise<void>;
  /** Calls `listener` when another replica changes a document or resets the cluster. */
  onRemote(listener: (event: { type: 'document-changed' | 'reset'; name?: string }) => void): void;
  /** Clears what is shared (journal, provider state, counters, jobs) and tells every replica. */
  resetAll(): Promise<void>;
  /** Publishes this replica's metrics snapshot; resolves to every other live replica's. */
  exchangeMetrics(snapshot: object[]): Promise<object[][]>;
  /** Whether the shared store answers now (sends are refused with 503 while it does not). */
  healthy(): boolean;
  /** Sends what is queued and disconnects. */
  close(): Promise<void>;
}
