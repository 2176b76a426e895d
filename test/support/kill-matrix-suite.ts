/**
 * The kill-matrix tests of one provider's contract suite against the reference gateway: the suite
 * passes the clean gateway (and, without a status probe, skips only the cases that need one), each
 * defect switch that can reach the provider's traffic fails at least one case, and every case
 * catches at least one switch. The table is printed only when the matrix has a hole.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { providerDefectSwitches } from '../../examples/reference-gateway/proof/defect-catalog.js';
import {
  formatKillMatrix,
  judgeProof,
} from '../../examples/reference-gateway/proof/kill-matrix.js';
import {
  DEFAULT_DEFECT_GROUPS,
  DEFAULT_PROOF_PARALLEL,
  RunPool,
  startProviderProof,
  type ProviderProofRuns,
} from '../../examples/reference-gateway/proof/run-proof.js';
import { formatConsoleReport } from '../../src/contracts/index.js';

/** How long a test may wait for its run: every run of the file shares the pool. */
const RUN_WAIT_MS = 300_000;

/** Every run of the providers declared in one test file shares one pool. */
const pool = new RunPool(DEFAULT_PROOF_PARALLEL);
const declared: string[] = [];
const started = new Map<string, Promise<ProviderProofRuns>>();

/** Starts the runs of every provider declared in this file, once: they share the pool. */
function startAll(): void {
  for (const provider of declared) {
    if (started.has(provider)) continue;
    const runs = startProviderProof(provider, {
      pool,
      withoutProbe: true,
      defectGroups: DEFAULT_DEFECT_GROUPS,
      cleanFirst: true,
    });
    runs.catch(() => undefined);
    started.set(provider, runs);
  }
}

/**
 * Declares the kill-matrix tests of `provider` (see the file comment); resolves to its runs, for
 * further tests on the same reports.
 */
export function describeKillMatrix(provider: string): () => Promise<ProviderProofRuns> {
  declared.push(provider);
  const defects = providerDefectSwitches(provider);
  const runs = (): Promise<ProviderProofRuns> => {
    startAll();
    return started.get(provider)!;
  };

  describe(`${provider} contract against the reference gateway`, () => {
    beforeAll(startAll);

    it(
      'passes every case, common and its own, against the clean gateway',
      async () => {
        const { cases, clean } = await runs();
        const report = await clean;
        expect(
          report.summary,
          formatConsoleReport(report, { title: `${provider}, clean` }),
        ).toEqual({ total: cases.length, passed: cases.length, failed: 0, errored: 0, skipped: 0 });
      },
      RUN_WAIT_MS,
    );

    it(
      'skips only the cases that need a status probe when the adapter has none, and passes the rest',
      async () => {
        const { cases, withoutProbe } = await runs();
        const report = await withoutProbe!;
        const needProbe = cases
          .filter((c) => c.requires?.includes('status-probe'))
          .map((c) => c.id);
        expect(report.results.filter((r) => r.status === 'skipped').map((r) => r.id)).toEqual(
          needProbe,
        );
        expect(report.summary.passed, formatConsoleReport(report)).toBe(
          cases.length - needProbe.length,
        );
      },
      RUN_WAIT_MS,
    );

    it.each(defects.map((d) => [d.name, d.description] as const))(
      'fails at least one case with the defect %s (it %s)',
      async (name) => {
        const report = await (await runs()).byDefect.get(name)!;
        const failed = report.results.filter((r) => r.status === 'failed');
        expect(failed.length, formatConsoleReport(report, { title: name })).toBeGreaterThan(0);
        for (const result of failed) {
          for (const failure of result.failures) {
            expect(failure.message.length).toBeGreaterThan(0);
            expect(typeof failure.pointer).toBe('string');
          }
        }
      },
      RUN_WAIT_MS,
    );

    it(
      'has every case catch at least one defect and every defect caught (kill matrix, printed when it has a hole)',
      async () => {
        const proof = await (await runs()).proof();
        const verdict = judgeProof(proof);
        const matrix = formatKillMatrix(proof);
        expect(verdict.idleCases, `cases that catch no defect\n${matrix}\n`).toEqual([]);
        expect(verdict.uncaughtDefects, `defects no case catches\n${matrix}\n`).toEqual([]);
      },
      RUN_WAIT_MS,
    );
  });

  return runs;
}
