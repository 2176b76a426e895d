import type { CaseResult, ContractReport, FailureRecord } from '../types.js';

// XML 1.0 allows only these characters; anything else (control bytes) is dropped.
const INVALID_XML = /[^\t\n\r\x20-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

/** `text` escaped for an XML attribute or text node. */
function escapeXml(text: string): string {
  return text
    .replace(INVALID_XML, '')
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&apos;');
}

const seconds = (ms: number): string => (ms / 1000).toFixed(3);

/** One failure as plain text: message, where, rule, value. */
function failureText(failure: FailureRecord): string {
  const where = [failure.subject, failure.pointer === '' ? undefined : failure.pointer]
    .filter((p) => p !== undefined)
    .join(' at ');
  return [
    failure.message,
    ...(where !== '' ? [`where: ${where}`] : []),
    ...(failure.rule !== undefined ? [`rule: ${failure.rule}`] : []),
    ...(failure.value !== undefined
      ? [`value: ${JSON.stringify(failure.value)?.slice(0, 2000)}`]
      : []),
  ].join('\n');
}

function testcase(result: CaseResult, suite: string): string {
  const open = `    <testcase classname="${escapeXml(`provider-sim.${suite}`)}" name="${escapeXml(`${result.id}: ${result.title}`)}" time="${seconds(result.durationMs)}"`;
  if (result.status === 'passed') return `${open}/>`;
  const inner: string[] = [];
  if (result.status === 'failed') {
    const first = result.failures[0]?.message ?? 'failed';
    inner.push(
      `      <failure message="${escapeXml(first)}" type="contract">${escapeXml(result.failures.map(failureText).join('\n\n'))}</failure>`,
    );
  } else if (result.status === 'errored') {
    inner.push(
      `      <error message="${escapeXml(result.reason ?? 'errored')}" type="error">${escapeXml(result.reason ?? '')}</error>`,
    );
  } else {
    inner.push(`      <skipped message="${escapeXml(result.reason ?? 'skipped')}"/>`);
  }
  return [`${open}>`, ...inner, '    </testcase>'].join('\n');
}

/**
 * The report as JUnit XML (the Ant/Surefire dialect CI systems read): one `testsuite` per provider,
 * one `testcase` per case with `failure` (every finding with where, rule and value), `error` or
 * `skipped`.
 */
export function formatJunitReport(report: ContractReport, name = 'provider-sim contract'): string {
  const suites = new Map<string, CaseResult[]>();
  for (const result of report.results) {
    const list = suites.get(result.provider) ?? [];
    list.push(result);
    suites.set(result.provider, list);
  }
  const count = (results: CaseResult[], status: CaseResult['status']): number =>
    results.filter((r) => r.status === status).length;
  const body = [...suites].map(([provider, results]) => {
    const time = results.reduce((sum, r) => sum + r.durationMs, 0);
    return [
      `  <testsuite name="${escapeXml(provider)}" tests="${results.length}" failures="${count(results, 'failed')}" errors="${count(results, 'errored')}" skipped="${count(results, 'skipped')}" time="${seconds(time)}" timestamp="${escapeXml(report.startedAt.replace(/\.\d+Z$/, ''))}">`,
      ...results.map((r) => testcase(r, provider)),
      '  </testsuite>',
    ].join('\n');
  });
  const { summary } = report;
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="${escapeXml(name)}" tests="${summary.total}" failures="${summary.failed}" errors="${summary.errored}" skipped="${summary.skipped}" time="${seconds(report.durationMs)}">`,
    ...body,
    '</testsuites>',
    '',
  ].join('\n');
}
