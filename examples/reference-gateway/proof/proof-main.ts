/**
 * `npm run contracts:proof`: runs every contract case against the clean reference gateway (all
 * must pass) and against each defect switch (each must be caught), prints the kill matrix, and
 * exits non-zero when the suite has not proved itself.
 */
import { formatConsoleReport } from '../../../src/contracts/index.js';
import { formatKillMatrix, judgeProof } from './kill-matrix.js';
import { runProof } from './run-proof.js';

async function main(): Promise<number> {
  const started = performance.now();
  const runs = await runProof({
    onRun(label, report) {
      const { summary } = report;
      const caughtBy = report.results.filter((r) => r.status === 'failed').map((r) => r.id);
      const verdict =
        label === 'clean'
          ? `${summary.passed}/${summary.total} passed`
          : caughtBy.length > 0
            ? `caught by ${caughtBy.join(', ')}`
            : 'NOT CAUGHT';
      process.stdout.write(
        `  ${label.padEnd(28)} ${verdict} (${(report.durationMs / 1000).toFixed(1)} s)\n`,
      );
    },
  });
  const verdict = judgeProof(runs);
  process.stdout.write(`\n${formatKillMatrix(runs)}\n\n`);
  if (verdict.cleanProblems.length > 0) {
    process.stdout.write(`${formatConsoleReport(runs.clean, { title: 'clean gateway' })}\n\n`);
  }
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  const problems = [
    ...verdict.cleanProblems.map((p) => `case ${p.id} ${p.status} against the clean gateway`),
    ...verdict.idleCases.map((id) => `case ${id} catches no defect`),
    ...verdict.uncaughtDefects.map((name) => `defect ${name} is caught by no case`),
  ];
  if (problems.length > 0) {
    process.stdout.write(
      `proof FAILED in ${seconds} s:\n${problems.map((p) => `  - ${p}`).join('\n')}\n`,
    );
    return 1;
  }
  process.stdout.write(
    `proof passed in ${seconds} s: ${runs.cases.length} cases pass against the clean gateway, every case catches a defect, each of ${runs.defects.length} defects is caught\n`,
  );
  return 0;
}

process.exitCode = await main().catch((error: unknown) => {
  process.stderr.write(`contracts:proof failed: ${(error as Error).stack ?? String(error)}\n`);
  return 1;
});
