import type { CaseStatus, ContractReport } from '../../../src/contracts/index.js';
import type { DefectSwitch } from './defect-catalog.js';

/** Every case run against the clean gateway and against each defect. */
export interface ProofRuns {
  /** The provider whose matrix this is, when it is one provider's. */
  provider?: string;
  /** The cases in run order. */
  cases: readonly { id: string; provider: string }[];
  clean: ContractReport;
  defects: readonly DefectSwitch[];
  /** Report per defect name. */
  byDefect: ReadonlyMap<string, ContractReport>;
}

/** What the proof found wrong with the suite; all empty when the suite has proved itself. */
export interface ProofVerdict {
  /** Cases that did not pass against the clean gateway. */
  cleanProblems: { id: string; status: CaseStatus; reason?: string }[];
  /** Cases that caught no defect. */
  idleCases: string[];
  /** Defects no case caught. */
  uncaughtDefects: string[];
}

const statusOf = (report: ContractReport | undefined, id: string): CaseStatus | undefined =>
  report?.results.find((r) => r.id === id)?.status;

/** Judges the runs: the clean gateway passes everything, every case catches a defect, every defect is caught. */
export function judgeProof(runs: ProofRuns): ProofVerdict {
  const cleanProblems = runs.clean.results
    .filter((r) => r.status !== 'passed')
    .map((r) => ({
      id: r.id,
      status: r.status,
      ...(r.reason !== undefined && { reason: r.reason }),
    }));
  const idleCases = runs.cases
    .filter((c) =>
      runs.defects.every((d) => statusOf(runs.byDefect.get(d.name), c.id) !== 'failed'),
    )
    .map((c) => c.id);
  const uncaughtDefects = runs.defects
    .filter((d) => (runs.byDefect.get(d.name)?.summary.failed ?? 0) === 0)
    .map((d) => d.name);
  return { cleanProblems, idleCases, uncaughtDefects };
}

const MARK: Record<CaseStatus, string> = { passed: '.', failed: 'X', errored: 'e', skipped: 's' };
/** Mark of a case not run against a defect in another provider's module. */
const NOT_REACHED = '-';

/** The kill matrix as text: a row per case, a column per defect (numbered, with a legend). */
export function formatKillMatrix(runs: ProofRuns): string {
  const width = Math.max(...runs.cases.map((c) => c.id.length));
  const columns = runs.defects.map((_, i) => String(i + 1).padStart(2)).join(' ');
  const rows = runs.cases.map((c) => {
    const marks = runs.defects
      .map((d) => {
        const status = statusOf(runs.byDefect.get(d.name), c.id);
        return (status === undefined ? NOT_REACHED : MARK[status]).padStart(2);
      })
      .join(' ');
    const clean = MARK[statusOf(runs.clean, c.id) ?? 'skipped'];
    return `${c.id.padEnd(width)}  ${clean.padStart(5)}  ${marks}`;
  });
  const legend = runs.defects.map(
    (d, i) => `${String(i + 1).padStart(2)} ${d.name}: ${d.description}`,
  );
  return [
    `${runs.provider === undefined ? '' : `${runs.provider} `}kill matrix (X caught, . passed, e could not run, s skipped, ${NOT_REACHED} defect in another provider's module)`,
    `${''.padEnd(width)}  clean  ${columns}`,
    ...rows,
    '',
    ...legend,
  ].join('\n');
}
