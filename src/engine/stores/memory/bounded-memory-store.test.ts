import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../clock.js';
import { BoundedMemoryStore } from './bounded-memory-store.js';

describe('BoundedMemoryStore', () => {
  it('hands out copies: changing a value read changes nothing until it is set again', () => {
    const store = new BoundedMemoryStore(new ManualClock(), { maxKeys: 10, ttlMs: 1000 });
    const value = { count: 1 };
    store.set('k', value);
    value.count = 2;
    const read = store.get('k') as { count: number };
    expect(read).toEqual({ count: 1 });
    read.count = 3;
    expect(store.get('k')).toEqual({ count: 1 });
  });

  it('evicts the least recently used key beyond its bound', () => {
    const store = new BoundedMemoryStore(new ManualClock(), { maxKeys: 2, ttlMs: 1000 });
    store.set('a', 1);
    store.set('b', 2);
    store.get('a');
    store.set('c', 3);
    expect([store.has('a'), store.has('b'), store.has('c')]).toEqual([true, false, true]);
    expect(store.size).toBe(2);
  });

  it('forgets a key its time to live after the last write, on the injected clock', () => {
    const clock = new ManualClock();
    const store = new BoundedMemoryStore(clock, { maxKeys: 10, ttlMs: 1000 });
    store.set('a', 'x');
    clock.advance(999);
    expect(store.get('a')).toBe('x');
    clock.advance(1);
    expect(store.has('a')).toBe(false);
    expect(store.get('a')).toBeUndefined();
  });

  it('keeps a lasting key past the time to live, until it is evicted as least recently used', () => {
    const clock = new ManualClock();
    const store = new BoundedMemoryStore(clock, { maxKeys: 2, ttlMs: 1000 });
    store.set('webhook', 'w', { lasting: true });
    store.set('trace', 't');
    clock.advance(10 * 24 * 3600 * 1000);
    expect(store.get('webhook')).toBe('w');
    expect(store.has('trace')).toBe(false);
    store.set('b', 1);
    store.set('c', 2);
    expect(store.has('webhook')).toBe(false);
  });
});
