import type { ContractReport } from '../types.js';

/** Identifies the JSON report layout, for tools that read it. */
export const JSON_REPORT_FORMAT = 'provider-sim/contract-report@1';

/** The report as indented JSON, tagged with `format`. */
export function formatJsonReport(report: ContractReport): string {
  return `${JSON.stringify({ format: JSON_REPORT_FORMAT, ...report }, null, 2)}\n`;
}
