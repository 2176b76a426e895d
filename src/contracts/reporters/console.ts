import type { CaseResult, CaseStatus, ContractReport, FailureRecord } from '../types.js';

/** Console reporter options. */
export interface ConsoleReportOptions {
  /** First line of the report; default "contract". */
  title?: string;
  /** Longest rendering of an offending value before it is cut; default 120 characters. */
  maxValueChars?: number;
}

const LABEL: Record<CaseStatus, string> = {
  passed: 'pass ',
  failed: 'FAIL ',
  errored: 'ERROR',
  skipped: 'skip ',
};

function renderValue(value: unknown, max: number): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

function renderFailure(failure: FailureRecord, max: number): string[] {
  const where = [failure.subject, failure.pointer === '' ? undefined : failure.pointer]
    .filter((p) => p !== undefined)
    .join(' at ');
  const lines = [`      - ${failure.message}`];
  if (where !== '') lines.push(`        where: ${where}`);
  if (failure.rule !== undefined) lines.push(`        rule: ${failure.rule}`);
  if (failure.value !== undefined) lines.push(`        value: ${renderValue(failure.value, max)}`);
  return lines;
}

/** One case as lines of text: its verdict, then each failure with where it is and the value found. */
export function formatCaseResult(result: CaseResult, options: ConsoleReportOptions = {}): string {
  const max = options.maxValueChars ?? 120;
  const lines = [
    `  ${LABEL[result.status]} ${result.id} — ${result.title} (${result.durationMs} ms)`,
  ];
  if (result.reason !== undefined)
    lines.push(`      ${result.status === 'skipped' ? 'skipped' : 'error'}: ${result.reason}`);
  for (const failure of result.failures) lines.push(...renderFailure(failure, max));
  return lines.join('\n');
}

/** The report's verdict in one line: `contract: 17 case(s), 16 passed, 1 failed in 5210 ms`. */
export function formatSummaryLine(report: ContractReport, title = 'contract'): string {
  const { summary } = report;
  const counts = (['passed', 'failed', 'errored', 'skipped'] as const)
    .filter((s) => summary[s] > 0)
    .map((s) => `${summary[s]} ${s}`)
    .join(', ');
  return `${title}: ${summary.total} case(s), ${counts || 'none run'} in ${report.durationMs} ms`;
}

/** A case as a progress line while a run goes: `[ 3/17] ` before its block. */
export function formatProgress(
  result: CaseResult,
  index: number,
  total: number,
  options: ConsoleReportOptions = {},
): string {
  const width = String(total).length;
  const prefix = `[${String(index + 1).padStart(width)}/${total}]`;
  return formatCaseResult(result, options).replace(/^ {2}/, `${prefix} `);
}

/** A whole report as text for a terminal: a summary line, then one block per case. */
export function formatConsoleReport(
  report: ContractReport,
  options: ConsoleReportOptions = {},
): string {
  return [
    formatSummaryLine(report, options.title),
    ...report.results.map((r) => formatCaseResult(r, options)),
  ].join('\n');
}
