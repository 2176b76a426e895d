import { describe, expect, it } from 'vitest';
import { requireSharedState, resolveWorkerCount } from './cluster-workers.js';

describe('--workers', () => {
  it('reads auto as the number of cores and a number as itself', () => {
    expect(resolveWorkerCount('auto', 6)).toBe(6);
    expect(resolveWorkerCount('3')).toBe(3);
    expect(resolveWorkerCount(undefined)).toBe(1);
  });

  it('names the flag and the value for anything else', () => {
    expect(() => resolveWorkerCount('many')).toThrow(
      /--workers: expected "auto" or a whole number.*"many"/,
    );
    expect(() => resolveWorkerCount(0)).toThrow(/--workers/);
  });

  it('refuses several workers without --redis and says how to start one', () => {
    expect(() => requireSharedState(2, undefined)).toThrow(
      /--workers 2: .*--redis redis:\/\/127\.0\.0\.1:6379.*redis-server/,
    );
    expect(() => requireSharedState(2, 'redis://127.0.0.1:6379')).not.toThrow();
    expect(() => requireSharedState(1, undefined)).not.toThrow();
  });
});
