import { describe, expect, it } from 'vitest';
import { createRandom } from '../../random.js';
import { RecencyQueue } from './recency-queue.js';

describe('RecencyQueue', () => {
  it('finds the least recently used live key, as a plain list model does, through touches, deletes and compaction', () => {
    const queue = new RecencyQueue<string>();
    const stamps = new Map<string, number>();
    const model: string[] = []; // least recently used first
    const random = createRandom('recency');
    const stampOf = (key: string): number | undefined => stamps.get(key);
    for (let round = 0; round < 20_000; round++) {
      const key = `k${random.int(0, 300)}`;
      const roll = random.next();
      if (roll < 0.6) {
        stamps.set(key, queue.touch(key));
        model.splice(model.indexOf(key) >>> 0, model.includes(key) ? 1 : 0);
        model.push(key);
      } else if (roll < 0.8) {
        stamps.delete(key);
        if (model.includes(key)) model.splice(model.indexOf(key), 1);
      } else {
        const oldest = queue.oldest(stampOf);
        expect(oldest).toBe(model[0]);
        if (oldest !== undefined && random.chance(0.5)) {
          stamps.delete(oldest);
          model.shift();
        }
      }
      queue.compact(stamps.size, stampOf);
    }
    queue.clear();
    expect(queue.oldest(stampOf)).toBeUndefined();
  });
});
