import { describe, expect, it } from 'vitest';
import type { CaseResult, ContractCase, ContractReport } from '../../../src/contracts/index.js';
import { mergeReports, RunPool } from './run-proof.js';

describe('RunPool', () => {
  it('runs at most its size at once, the rest in the order they came, and passes failures through', async () => {
    const pool = new RunPool(2);
    let running = 0;
    let peak = 0;
    const started: number[] = [];
    const task = (i: number) => async (): Promise<number> => {
      started.push(i);
      peak = Math.max(peak, ++running);
      await new Promise((resolve) => setTimeout(resolve, 5));
      running--;
      if (i === 2) throw new Error('task 2 failed');
      return i;
    };
    const outcomes = await Promise.allSettled([0, 1, 2, 3, 4].map((i) => pool.run(task(i))));
    expect(peak).toBe(2);
    expect(started).toEqual([0, 1, 2, 3, 4]);
    expect(outcomes.map((o) => (o.status === 'fulfilled' ? o.value : 'failed'))).toEqual([
      0,
      1,
      'failed',
      3,
      4,
    ]);
    // A task queued after the others have drained still gets a slot at once.
    expect(await pool.run(() => Promise.resolve('later'))).toBe('later');
  });

  it('refuses a size below one', () => {
    expect(() => new RunPool(0)).toThrow(/at least 1/);
  });
});

describe('mergeReports', () => {
  const contractCase = (id: string): ContractCase => ({
    id,
    provider: 'p',
    title: id,
    run: () => Promise.resolve(),
  });
  const result = (id: string, status: CaseResult['status']): CaseResult => ({
    id,
    provider: 'p',
    title: id,
    status,
    failures: [],
    durationMs: 1,
  });
  const report = (
    startedAt: string,
    durationMs: number,
    results: CaseResult[],
  ): ContractReport => ({
    startedAt,
    durationMs,
    summary: { total: results.length, passed: 0, failed: 0, errored: 0, skipped: 0 },
    results,
  });

  it('puts the groups’ results back in case order, counts them again, and takes the longest group', () => {
    const merged = mergeReports(['a', 'b', 'c'].map(contractCase), [
      report('2026-01-01T00:00:02.000Z', 30, [result('b', 'failed')]),
      report('2026-01-01T00:00:01.000Z', 20, [result('a', 'passed'), result('c', 'skipped')]),
    ]);
    expect(merged.results.map((r) => r.id)).toEqual(['a', 'b', 'c']);
    expect(merged.summary).toEqual({ total: 3, passed: 1, failed: 1, errored: 0, skipped: 1 });
    expect(merged.startedAt).toBe('2026-01-01T00:00:01.000Z');
    expect(merged.durationMs).toBe(30);
  });
});
