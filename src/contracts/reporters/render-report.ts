import type { ReporterName } from '../config/contract-config.js';
import type { ContractReport } from '../types.js';
import { formatConsoleReport } from './console.js';
import { formatHtmlReport } from './html.js';
import { formatJsonReport } from './json.js';
import { formatJunitReport } from './junit.js';

/** The report in format `reporter`, ending with a newline. */
export function renderReport(
  report: ContractReport,
  reporter: ReporterName,
  title: string,
): string {
  if (reporter === 'junit') return formatJunitReport(report, title);
  if (reporter === 'json') return formatJsonReport(report);
  if (reporter === 'html') return formatHtmlReport(report, title);
  return `${formatConsoleReport(report, { title })}\n`;
}
