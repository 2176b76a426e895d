/**
 * `npm run contracts:proof`: for every provider (contracts/registry.ts with a gateway module), runs
 * its contract cases against the clean reference gateway (all must pass) and against each defect
 * switch that can reach its traffic (each must be caught, and each case must catch one), prints one
 * kill matrix per provider, and exits non-zero when a suite has not proved itself.
 */
import { formatConsoleReport, type ContractReport } from '../../../src/contracts/index.js';
import { formatKillMatrix, judgeProof } from './kill-matrix.js';
import { runProviderProofs, type ProviderProof } from './run-proof.js';

/** One progress line: which run ended and what it showed. */
function progressLine(provider: string, label: string, report: ContractReport): string {
  const { summary } = report;
  const caughtBy = report.results.filter((r) => r.status === 'failed').map((r) => r.id);
  const verdict =
    label === 'clean'
      ? `${summary.passed}/${summary.total} passed`
      : caughtBy.length > 0
        ? `caught by ${caughtBy.length} case(s)`
        : 'NOT CAUGHT';
  const seconds = (report.durationMs / 1000).toFixed(1);
  return `  ${provider.padEnd(20)} ${label.padEnd(36)} ${verdict} (${seconds} s)`;
}

/** What is wrong with one provider's proof, one sentence each. */
function problemsOf(proof: ProviderProof): string[] {
  const verdict = judgeProof(proof);
  const at = `${proof.provider}:`;
  return [
    ...verdict.cleanProblems.map((p) => `${at} case ${p.id} ${p.status} against the clean gateway`),
    ...verdict.idleCases.map((id) => `${at} case ${id} catches no defect`),
    ...verdict.uncaughtDefects.map((name) => `${at} defect ${name} is caught by no case`),
  ];
}

async function main(): Promise<number> {
  const started = performance.now();
  const proofs = await runProviderProofs({
    onRun: (provider, label, report) =>
      process.stdout.write(`${progressLine(provider, label, report)}\n`),
  });
  const problems: string[] = [];
  for (const proof of proofs) {
    process.stdout.write(`\n${formatKillMatrix(proof)}\n`);
    const own = problemsOf(proof);
    if (judgeProof(proof).cleanProblems.length > 0) {
      process.stdout.write(
        `\n${formatConsoleReport(proof.clean, { title: `${proof.provider}, clean gateway` })}\n`,
      );
    }
    problems.push(...own);
  }
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  if (problems.length > 0) {
    process.stdout.write(
      `\nproof FAILED in ${seconds} s:\n${problems.map((p) => `  - ${p}`).join('\n')}\n`,
    );
    return 1;
  }
  const cases = proofs.reduce((n, p) => n + p.cases.length, 0);
  const defects = proofs.reduce((n, p) => n + p.defects.length, 0);
  process.stdout.write(
    `\nproof passed in ${seconds} s for ${proofs.length} providers (${proofs.map((p) => p.provider).join(', ')}): ${cases} cases pass against the clean gateway, every case catches a defect of its provider's matrix, each of ${defects} provider-defect pairs is caught\n`,
  );
  return 0;
}

process.exitCode = await main().catch((error: unknown) => {
  process.stderr.write(`contracts:proof failed: ${(error as Error).stack ?? String(error)}\n`);
  return 1;
});
