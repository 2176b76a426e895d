import { describe, expect, it } from 'vitest';
import type { ServeEvent } from '../engine/journal/serve-event.js';
import { attemptsOf, peakOverlap, waitsBetween, type Attempt } from './attempt-timeline.js';

const attempt = (request: string, startMs: number, endMs: number): Attempt => ({
  request,
  startMs,
  endMs,
  status: 200,
  outcome: 'accepted',
});

describe('attempt timelines', () => {
  it('orders journal entries by arrival and reads a broken connection as no status', () => {
    const entry = (id: string, at: number, extra: Partial<ServeEvent> = {}): ServeEvent =>
      ({
        id,
        receivedAtMs: at,
        timing: { totalMs: 5 },
        response: { status: 500, body: {} },
        outcome: 'fault',
        ...extra,
      }) as ServeEvent;
    expect(attemptsOf([entry('b', 200, { connectionFault: 'timeout' }), entry('a', 100)])).toEqual([
      { request: 'a', startMs: 100, endMs: 105, status: 500, outcome: 'fault' },
      {
        request: 'b',
        startMs: 200,
        endMs: 205,
        status: undefined,
        outcome: 'fault',
        connectionFault: 'timeout',
      },
    ]);
  });

  it('measures the wait from the end of each attempt to the start of the next', () => {
    expect(
      waitsBetween([attempt('a', 0, 10), attempt('b', 110, 120), attempt('c', 320, 330)]),
    ).toEqual([100, 200]);
  });

  it('finds the most attempts in flight at once, not counting one that starts within 2 ms of another ending', () => {
    expect(
      peakOverlap([
        attempt('a', 0, 100),
        attempt('b', 50, 150),
        attempt('c', 100, 200),
        attempt('d', 60, 70),
      ]),
    ).toEqual({ peak: 3, requests: ['a', 'b', 'd'] });
    expect(peakOverlap([attempt('a', 0, 10), attempt('b', 10, 20)]).peak).toBe(1);
    expect(peakOverlap([attempt('a', 0, 10.6), attempt('b', 9, 20)]).peak).toBe(1);
    expect(peakOverlap([attempt('a', 0, 12), attempt('b', 9, 20)]).peak).toBe(2);
    expect(peakOverlap([])).toEqual({ peak: 0, requests: [] });
  });
});
