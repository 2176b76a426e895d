/** Resource use of a server child at one instant. */
export interface ServerStats {
  /** `process.memoryUsage().rss`, in bytes. */
  rss: number;
  /** User plus system CPU time consumed so far, in microseconds. */
  cpuMicros: number;
  /** Callbacks received so far (the callback sink only). */
  received?: number;
  /**
   * Heap in use right after a full collection, in bytes: what the process really keeps, whatever
   * point of the collector's cycle RSS was read at. Only when asked for and the child runs with
   * `--expose-gc`.
   */
  liveHeap?: number;
}

/** Messages the benchmark sends to a server child. */
export type ParentMessage = { type: 'stats'; id: number; collect?: boolean } | { type: 'stop' };

/** Messages a server child sends to the benchmark. */
export type ChildMessage =
  { type: 'ready'; port: number } | ({ type: 'stats'; id: number } & ServerStats);

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null;

/** Whether `value` is a message from the benchmark. */
export function isParentMessage(value: unknown): value is ParentMessage {
  if (!isRecord(value)) return false;
  return (value.type === 'stats' && typeof value.id === 'number') || value.type === 'stop';
}

/** Whether `value` is a message from a server child. */
export function isChildMessage(value: unknown): value is ChildMessage {
  if (!isRecord(value)) return false;
  if (value.type === 'ready') return typeof value.port === 'number';
  return (
    value.type === 'stats' &&
    typeof value.id === 'number' &&
    typeof value.rss === 'number' &&
    typeof value.cpuMicros === 'number' &&
    (value.liveHeap === undefined || typeof value.liveHeap === 'number')
  );
}
