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

  it('arms one clock timer for the earliest task, however many are waiting', () => {
    const clock = new ManualClock();
    const scheduler = new Scheduler(clock);
    const ran: number[] = [];
    for (let i = 0; i < 1000; i++) scheduler.after(1000 + (i % 7) * 10, () => ran.push(i));
    expect(clock.pending).toBe(1);
    scheduler.after(5, () => ran.push(-1));
    expect(clock.pending).toBe(1);
    clock.advance(5);
    expect(ran).toEqual([-1]);
    clock.advance(2000);
    expect(ran).toHaveLength(1001);
    expect(clock.pending).toBe(0);
  });

  it('does not run a cancelled task and keeps the others on time', () => {
    const clock = new ManualClock();
    const scheduler = new Scheduler(clock);
    const ran: string[] = [];
    const first = scheduler.after(10, () => ran.push('first'));
    scheduler.after(20, () => ran.push('second'));
    first.cancel();
    first.cancel();
    expect(scheduler.size).toBe(1);
    clock.advance(15);
    expect(ran).toEqual([]);
    clock.advance(5);
    expect(ran).toEqual(['second']);
  });

  it('runs a task added for now on the next timer, after the ones already due', () => {
    const clock = new ManualClock();
    const scheduler = new Scheduler(clock);
    const ran: string[] = [];
    scheduler.after(10, () => {
      ran.push('a');
      scheduler.after(0, () => ran.push('c'));
    });
    scheduler.after(10, () => ran.push('b'));
    clock.advance(10);
    expect(ran).toEqual(['a', 'b', 'c']);
  });

  it('flushes 24,000 pending tasks in due order', () => {
    const clock = new ManualClock();
    const scheduler = new Scheduler(clock);
    const dues: number[] = [];
    for (let i = 0; i < 24_000; i++) {
      const delay = (i * 7919) % 100_000;
      scheduler.after(delay, () => dues.push(delay));
    }
    expect(scheduler.flushAll()).toBe(24_000);
    expect(dues).toEqual([...dues].sort((a, b) => a - b));
    expect(clock.pending).toBe(0);
  });
});
