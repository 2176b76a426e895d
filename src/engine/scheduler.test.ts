import { describe, expect, it } from 'vitest';
import { ManualClock } from './clock.js';
import { Scheduler } from './scheduler.js';

describe('Scheduler', () => {
  it('runs tasks when the clock reaches them, in time order', () => {
    const clock = new ManualClock();
    const scheduler = new Scheduler(clock);
    const ran: string[] = [];
    scheduler.after(30, () => ran.push('c'));
    scheduler.after(10, () => ran.push('a'));
    scheduler.after(20, () => ran.push('b'));
    clock.advance(15);
    expect(ran).toEqual(['a']);
    clock.advance(100);
    expect(ran).toEqual(['a', 'b', 'c']);
    expect(scheduler.size).toBe(0);
  });

  it('runs everything pending at once on flushAll, including tasks those tasks add', () => {
    const clock = new ManualClock();
    const scheduler = new Scheduler(clock);
    const ran: string[] = [];
    scheduler.after(5_000, () => ran.push('late'));
    scheduler.after(1_000, () => {
      ran.push('early');
      scheduler.after(60_000, () => ran.push('added'));
    });
    expect(scheduler.flushAll()).toBe(3);
    expect(ran).toEqual(['early', 'late', 'added']);
    clock.advance(100_000);
    expect(ran).toHaveLength(3);
  });

  it('drops pending tasks on cancelAll', () => {
    const clock = new ManualClock();
    const scheduler = new Scheduler(clock);
    let ran = false;
    scheduler.after(10, () => (ran = true));
    scheduler.cancelAll();
    clock.advance(20);
    expect(ran).toBe(false);
  });
});
