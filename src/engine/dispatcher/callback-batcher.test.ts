import { describe, expect, it } from 'vitest';
import { ManualClock } from '../clock.js';
import { Scheduler } from '../scheduler.js';
import { CallbackBatcher } from './callback-batcher.js';

describe('CallbackBatcher', () => {
  const setup = () => {
    const clock = new ManualClock();
    const flushed: [string, number[]][] = [];
    const batcher = new CallbackBatcher<number>(new Scheduler(clock), (key, items) =>
      flushed.push([key, items]),
    );
    return { clock, flushed, batcher };
  };

  it('flushes each item at once without grouping', () => {
    const { flushed, batcher } = setup();
    batcher.add('k', 1, { maxEvents: 1, windowMs: 100 });
    batcher.add('k', 2, { maxEvents: 1, windowMs: 100 });
    expect(flushed).toEqual([
      ['k', [1]],
      ['k', [2]],
    ]);
  });

  it('flushes a group when full, or when its window ends, per key', () => {
    const { clock, flushed, batcher } = setup();
    const settings = { maxEvents: 2, windowMs: 100 };
    batcher.add('a', 1, settings);
    batcher.add('b', 9, settings);
    batcher.add('a', 2, settings);
    expect(flushed).toEqual([['a', [1, 2]]]);
    batcher.add('a', 3, settings);
    clock.advance(100);
    expect(flushed).toEqual([
      ['a', [1, 2]],
      ['b', [9]],
      ['a', [3]],
    ]);
  });
});
