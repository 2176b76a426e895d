import type { CallbackEvidence, CaseEvidence, RequestEvidence } from '../case-evidence.js';
import type { CaseResult, CaseStatus, ContractReport, FailureRecord } from '../types.js';

/** `text` safe inside HTML text and attribute values. */
export function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

const STYLE = `
body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:0;color:#1d232b;background:#f6f7f9}
header{background:#1d232b;color:#fff;padding:16px 24px}header h1{margin:0;font-size:20px}
header p{margin:4px 0 0;color:#c9d1d9}main{padding:16px 24px;max-width:1200px}
table{border-collapse:collapse;width:100%;background:#fff;margin:8px 0}
th,td{border:1px solid #d9dee4;padding:4px 8px;text-align:left;vertical-align:top}
th{background:#eef1f4}td.n{text-align:right;font-variant-numeric:tabular-nums}
.badge{display:inline-block;min-width:52px;text-align:center;border-radius:4px;padding:1px 6px;font-size:12px;font-weight:600;color:#fff}
.passed{background:#1f883d}.failed{background:#cf222e}.errored{background:#9a6700}.skipped{background:#6e7781}
section.provider{margin:24px 0}section.provider h2{font-size:17px;border-bottom:2px solid #d9dee4;padding-bottom:4px}
details.case{background:#fff;border:1px solid #d9dee4;border-radius:6px;margin:6px 0;padding:6px 10px}
details.case>summary{cursor:pointer}details.case>summary code{font-weight:600}
.title{color:#424a53}.reason{color:#9a6700}
pre{background:#f6f8fa;border:1px solid #e3e7eb;border-radius:4px;padding:6px;white-space:pre-wrap;word-break:break-all;margin:2px 0;max-height:240px;overflow:auto;font-size:12px}
.side{display:grid;grid-template-columns:1fr 1fr;gap:8px}.side h4{margin:2px 0;font-size:12px;color:#57606a}
h3{font-size:14px;margin:10px 0 4px}
`;

const badge = (status: CaseStatus): string => `<span class="badge ${status}">${status}</span>`;
const pre = (text: string): string => `<pre>${escapeHtml(text)}</pre>`;
const show = (value: unknown): string =>
  value === undefined
    ? '(not given)'
    : typeof value === 'string'
      ? value
      : JSON.stringify(value, null, 2);

/** The results of `report`, grouped by provider in run order. */
function byProvider(report: ContractReport): Map<string, CaseResult[]> {
  const groups = new Map<string, CaseResult[]>();
  for (const result of report.results) {
    groups.set(result.provider, [...(groups.get(result.provider) ?? []), result]);
  }
  return groups;
}

/** The summary table: one row per provider and a total. */
function summaryTable(report: ContractReport, groups: Map<string, CaseResult[]>): string {
  const statuses: CaseStatus[] = ['passed', 'failed', 'errored', 'skipped'];
  const row = (name: string, results: readonly CaseResult[]): string => {
    const counts = statuses.map(
      (s) => `<td class="n">${results.filter((r) => r.status === s).length}</td>`,
    );
    const worst = statuses.find(
      (s) => s !== 'passed' && s !== 'skipped' && results.some((r) => r.status === s),
    );
    return `<tr><td>${escapeHtml(name)}</td><td>${badge(worst ?? 'passed')}</td><td class="n">${results.length}</td>${counts.join('')}</tr>`;
  };
  const rows = [...groups].map(([provider, results]) => row(provider, results));
  return `<table class="summary"><thead><tr><th>Provider</th><th>Verdict</th><th>Cases</th>${statuses
    .map((s) => `<th>${s}</th>`)
    .join(
      '',
    )}</tr></thead><tbody>${rows.join('')}${row('all providers', report.results)}</tbody></table>`;
}

/** A failure with what was expected beside what was found. */
function failureBlock(failure: FailureRecord): string {
  const where = [failure.subject, failure.pointer === '' ? '(whole)' : failure.pointer]
    .filter((p) => p !== undefined)
    .join(' at ');
  const expected =
    failure.expected !== undefined ? show(failure.expected) : (failure.rule ?? failure.message);
  return `<div class="failure"><p><strong>${escapeHtml(failure.message)}</strong><br><small>${escapeHtml(where)}${
    failure.rule ? ` — rule ${escapeHtml(failure.rule)}` : ''
  }</small></p><div class="side"><div><h4>Expected</h4>${pre(expected)}</div><div><h4>Actual</h4>${pre(show(failure.value))}</div></div></div>`;
}

function requestBlock(request: RequestEvidence): string {
  const headers = Object.entries(request.headers)
    .map(([name, value]) => `${name}: ${value}`)
    .join('\n');
  const callbacks =
    request.callbacks.length > 0
      ? `<p>Callbacks sent: ${escapeHtml(request.callbacks.join(', '))}</p>`
      : '';
  return `<h4>${escapeHtml(`${request.id} ${request.method} ${request.path} → ${request.status ?? 'connection broken'}`)}</h4><div class="side"><div><h4>Request</h4>${pre(
    `${headers}\n\n${request.body}`,
  )}</div><div><h4>Response</h4>${pre(request.response)}</div></div>${callbacks}`;
}

function callbackBlock(callback: CallbackEvidence): string {
  const headers = Object.entries(callback.headers)
    .map(([name, value]) => `${name}: ${value}`)
    .join('\n');
  return `<h4>${escapeHtml(`POST ${callback.url} → ${callback.status ?? 'no answer'}`)}</h4><div class="side"><div><h4>Callback</h4>${pre(
    `${headers}${headers ? '\n\n' : ''}${callback.body}`,
  )}</div><div><h4>Gateway answer</h4>${pre(callback.answer)}</div></div>`;
}

/** The requests and callbacks a case looked at. */
function evidenceBlock(evidence: CaseEvidence | undefined): string {
  if (!evidence || evidence.requests.length + evidence.callbacks.length === 0) {
    return '<p class="title">No provider traffic or callbacks recorded.</p>';
  }
  const more = (n: number, what: string): string => (n > 0 ? `<p>… and ${n} more ${what}</p>` : '');
  const parts: string[] = [];
  if (evidence.requests.length > 0) {
    parts.push(
      `<h3>Requests to the provider</h3>${evidence.requests.map(requestBlock).join('')}${more(evidence.omitted.requests, 'request(s)')}`,
    );
  }
  if (evidence.callbacks.length > 0) {
    parts.push(
      `<h3>Callbacks fired at the gateway</h3>${evidence.callbacks.map(callbackBlock).join('')}${more(evidence.omitted.callbacks, 'callback(s)')}`,
    );
  }
  return parts.join('');
}

/** One case: verdict, what it checked, failures side by side, evidence. */
function caseBlock(result: CaseResult): string {
  const open = result.status === 'failed' || result.status === 'errored' ? ' open' : '';
  const reason = result.reason ? `<p class="reason">${escapeHtml(result.reason)}</p>` : '';
  const failures =
    result.failures.length > 0
      ? `<h3>Failures</h3>${result.failures.map(failureBlock).join('')}`
      : '';
  return `<details class="case ${result.status}" id="${escapeHtml(result.id)}"${open}><summary>${badge(result.status)} <code>${escapeHtml(
    result.id,
  )}</code> <span class="title">— ${escapeHtml(result.title)}</span> <small>(${result.durationMs} ms)</small></summary><p><strong>Checks:</strong> ${escapeHtml(
    result.title,
  )}</p>${reason}${failures}${evidenceBlock(result.evidence)}</details>`;
}

/**
 * The report as one self-contained HTML page (inline style, no scripts, nothing fetched): a summary
 * per provider, then each case with what it checked, its failures (expected beside actual) and its
 * evidence (requests, answers and callbacks, secrets redacted).
 */
export function formatHtmlReport(report: ContractReport, title: string): string {
  const groups = byProvider(report);
  const { summary } = report;
  const sections = [...groups].map(
    ([provider, results]) =>
      `<section class="provider" id="provider-${escapeHtml(provider)}"><h2>${escapeHtml(provider)}</h2>${results
        .map(caseBlock)
        .join('')}</section>`,
  );
  const line = `${summary.total} case(s): ${summary.passed} passed, ${summary.failed} failed, ${summary.errored} errored, ${summary.skipped} skipped — started ${report.startedAt}, ${(report.durationMs / 1000).toFixed(1)} s`;
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title><style>${STYLE}</style></head>
<body><header><h1>${escapeHtml(title)}</h1><p>${escapeHtml(line)}</p></header><main>
${summaryTable(report, groups)}
${sections.join('\n')}
</main></body></html>
`;
}
