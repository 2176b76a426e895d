import { describe, expect, it } from 'vitest';
import type { CaseStatus, ContractReport } from '../../../src/contracts/index.js';
import { formatKillMatrix, judgeProof, type ProofRuns } from './kill-matrix.js';

const report = (statuses: Record<string, CaseStatus>): ContractReport => ({
  startedAt: '2026-01-01T00:00:00.000Z',
  durationMs: 1,
  summary: {
    total: Object.keys(statuses).length,
    passed: Object.values(statuses).filter((s) => s === 'passed').length,
    failed: Object.values(statuses).filter((s) => s === 'failed').length,
    errored: Object.values(statuses).filter((s) => s === 'errored').length,
    skipped: Object.values(statuses).filter((s) => s === 'skipped').length,
  },
  results: Object.entries(statuses).map(([id, status]) => ({
    id,
    provider: 'p',
    title: id,
    status,
    failures: [],
    durationMs: 1,
  })),
});

const runs = (
  byDefect: Record<string, Record<string, CaseStatus>>,
  clean: Record<string, CaseStatus>,
): ProofRuns => ({
  cases: Object.keys(clean).map((id) => ({ id, provider: 'p' })),
  clean: report(clean),
  defects: Object.keys(byDefect).map((name) => ({
    name,
    description: `breaks ${name}`,
    options: {},
  })),
  byDefect: new Map(Object.entries(byDefect).map(([name, statuses]) => [name, report(statuses)])),
});

describe('judgeProof', () => {
  it('finds nothing wrong when the clean run passes, every case catches a defect and every defect is caught', () => {
    const proof = runs(
      { one: { a: 'failed', b: 'passed' }, two: { a: 'errored', b: 'failed' } },
      { a: 'passed', b: 'passed' },
    );
    expect(judgeProof(proof)).toEqual({ cleanProblems: [], idleCases: [], uncaughtDefects: [] });
  });

  it('names clean failures, idle cases and uncaught defects; an errored case catches nothing', () => {
    const proof = runs(
      { one: { a: 'failed', b: 'errored' }, two: { a: 'passed', b: 'skipped' } },
      { a: 'passed', b: 'failed' },
    );
    expect(judgeProof(proof)).toEqual({
      cleanProblems: [{ id: 'b', status: 'failed' }],
      idleCases: ['b'],
      uncaughtDefects: ['two'],
    });
  });
});

describe('formatKillMatrix', () => {
  it('marks each case per defect, with the clean column, a dash where a defect was not run, and a legend', () => {
    const proof = runs(
      { one: { a: 'failed' }, two: { a: 'passed', b: 'errored' } },
      { a: 'passed', b: 'passed' },
    );
    const lines = formatKillMatrix(proof).split('\n');
    expect(lines.slice(1, 4)).toEqual(['   clean   1  2', 'a      .   X  .', 'b      .   -  e']);
    expect(lines.slice(-2)).toEqual([' 1 one: breaks one', ' 2 two: breaks two']);
  });
});
