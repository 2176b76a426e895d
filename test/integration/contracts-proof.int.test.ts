import { describe, expect, it } from 'vitest';
import {
  formatKillMatrix,
  judgeProof,
} from '../../examples/reference-gateway/proof/kill-matrix.js';
import { runProof } from '../../examples/reference-gateway/proof/run-proof.js';
import { formatConsoleReport } from '../../src/contracts/index.js';

describe('contract proof against the reference gateway', () => {
  it('passes every case against the clean gateway, catches every defect, and has every case catch one', async () => {
    const runs = await runProof();
    // The table is shown only when the proof has a hole: a passing run prints nothing.
    const matrix = formatKillMatrix(runs);
    const verdict = judgeProof(runs);
    expect(verdict.cleanProblems, formatConsoleReport(runs.clean, { title: 'clean' })).toEqual([]);
    expect(verdict.uncaughtDefects, `defects no case catches\n${matrix}\n`).toEqual([]);
    expect(verdict.idleCases, `cases that catch no defect\n${matrix}\n`).toEqual([]);
  }, 180_000);
});
