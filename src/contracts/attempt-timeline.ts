import type { ServeEvent } from '../engine/journal/serve-event.js';

/** One request of a send as the simulator saw it: when it came, when it was answered, and how. */
export interface Attempt {
  request: string;
  /** Epoch ms the request arrived. */
  startMs: number;
  /** Epoch ms it was answered (or its connection broken). */
  endMs: number;
  /** The answer's status; undefined when the connection was broken instead. */
  status: number | undefined;
  outcome: ServeEvent['outcome'];
  /** Set when a fault broke the connection (`timeout`, `reset`, ...). */
  connectionFault?: string;
}

/** `entries` as attempts, oldest first. */
export function attemptsOf(entries: readonly ServeEvent[]): Attempt[] {
  return [...entries]
    .sort((a, b) => a.receivedAtMs - b.receivedAtMs)
    .map((e) => ({
      request: e.id,
      startMs: e.receivedAtMs,
      endMs: e.receivedAtMs + e.timing.totalMs,
      status: e.connectionFault ? undefined : e.response?.status,
      outcome: e.outcome,
      ...(e.connectionFault !== undefined && { connectionFault: e.connectionFault }),
    }));
}

/** Milliseconds between the end of each attempt and the start of the next. */
export function waitsBetween(attempts: readonly Attempt[]): number[] {
  return attempts.slice(1).map((a, i) => a.startMs - attempts[i]!.endMs);
}

/**
 * The most attempts that overlapped in time, with the ids of one such group. An attempt that ends
 * within `toleranceMs` of another's start does not overlap it: arrival times have millisecond
 * steps, and a request sent the moment the previous one's answer came must not count as parallel.
 */
export function peakOverlap(
  attempts: readonly Attempt[],
  toleranceMs = 2,
): { peak: number; requests: string[] } {
  const edges = attempts.flatMap((a) => [
    { at: a.startMs, delta: 1, request: a.request },
    { at: Math.max(a.startMs, a.endMs - toleranceMs), delta: -1, request: a.request },
  ]);
  edges.sort((x, y) => x.at - y.at || x.delta - y.delta);
  const open = new Set<string>();
  let best: string[] = [];
  for (const edge of edges) {
    if (edge.delta > 0) open.add(edge.request);
    else open.delete(edge.request);
    if (open.size > best.length) best = [...open];
  }
  return { peak: best.length, requests: best };
}
