import { describe, expect, it } from 'vitest';
import { createRandom } from '../../random.js';
import { MemoryScheduledWork } from './memory-scheduled-work.js';

describe('MemoryScheduledWork', () => {
  it('pops only due jobs, earliest first, ties in insertion order', () => {
    const store = new MemoryScheduledWork();
    store.add({ id: 'c', dueAt: 30, kind: 'k' });
    store.add({ id: 'a1', dueAt: 10, kind: 'k' });
    store.add({ id: 'a2', dueAt: 10, kind: 'k' });
    store.add({ id: 'b', dueAt: 20, kind: 'k' });
    expect(store.popDue(5)).toBeUndefined();
    expect(store.popDue(25)?.id).toBe('a1');
    expect(store.popDue(25)?.id).toBe('a2');
    expect(store.popDue(25)?.id).toBe('b');
    expect(store.popDue(25)).toBeUndefined();
    expect(store.peek()?.id).toBe('c');
    expect(store.size).toBe(1);
  });

  it('removes jobs by id anywhere in the heap and keeps the order of the rest', () => {
    const store = new MemoryScheduledWork();
    const random = createRandom('heap');
    const dues = Array.from({ length: 500 }, (_, i) => ({ id: `j${i}`, due: random.int(0, 1000) }));
    for (const { id, due } of dues) store.add({ id, dueAt: due, kind: 'k' });
    const removed = new Set(dues.filter((_, i) => i % 3 === 0).map((d) => d.id));
    for (const id of removed) expect(store.remove(id)).toBe(true);
    expect(store.remove('j0')).toBe(false);
    const popped: number[] = [];
    for (let job = store.popDue(Infinity); job; job = store.popDue(Infinity)) {
      expect(removed.has(job.id)).toBe(false);
      popped.push(job.dueAt);
    }
    expect(popped).toHaveLength(dues.length - removed.size);
    expect(popped).toEqual([...popped].sort((a, b) => a - b));
  });

  it('refuses a second job with the same id', () => {
    const store = new MemoryScheduledWork();
    store.add({ id: 'x', dueAt: 1, kind: 'k' });
    expect(() => store.add({ id: 'x', dueAt: 2, kind: 'k' })).toThrow(/already exists/);
  });
});
