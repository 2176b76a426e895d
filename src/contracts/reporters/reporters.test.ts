import { describe, expect, it } from 'vitest';
import type { ContractReport } from '../types.js';
import { formatConsoleReport, formatProgress } from './console.js';
import { formatJsonReport, JSON_REPORT_FORMAT } from './json.js';
import { formatJunitReport } from './junit.js';

const report: ContractReport = {
  startedAt: '2026-01-01T00:00:00.000Z',
  durationMs: 42,
  summary: { total: 3, passed: 1, failed: 1, errored: 1, skipped: 0 },
  results: [
    {
      id: 'quiet',
      provider: 'sinch-sms',
      title: 'does the right thing',
      status: 'passed',
      failures: [],
      durationMs: 3,
    },
    {
      id: 'batch-limit',
      provider: 'sinch-sms',
      title: 'sends at most 1,000 recipients per request',
      status: 'failed',
      failures: [
        {
          message: '/to names 1001 recipients; at most 1,000 are allowed per request',
          pointer: '/to',
          value: 'x'.repeat(500),
          subject: 'request req_1 (POST /sinch-sms/v1/enterprises/messages.json)',
          rule: 'sinch-sms: at most 1000 recipients per request',
        },
      ],
      durationMs: 20,
    },
    {
      id: 'broken',
      provider: 'sinch-sms',
      title: 'needs an accepted send',
      status: 'errored',
      failures: [],
      reason: 'precondition: the simulator refused the send',
      durationMs: 1,
    },
  ],
};

describe('reporters', () => {
  it('prints a summary line, a verdict per case, and each failure with where it is and a cut value', () => {
    const text = formatConsoleReport(report, { title: 'sinch-sms', maxValueChars: 20 });
    const lines = text.split('\n');
    expect(lines[0]).toBe('sinch-sms: 3 case(s), 1 passed, 1 failed, 1 errored in 42 ms');
    expect(text).toContain('  pass  quiet — does the right thing (3 ms)');
    expect(text).toContain(
      '  FAIL  batch-limit — sends at most 1,000 recipients per request (20 ms)',
    );
    expect(text).toContain(
      '        where: request req_1 (POST /sinch-sms/v1/enterprises/messages.json) at /to',
    );
    expect(text).toContain(`        value: "${'x'.repeat(18)}…`);
    expect(text).toContain(
      '  ERROR broken — needs an accepted send (1 ms)\n      error: precondition: the simulator refused the send',
    );
  });

  it('writes the report as JSON tagged with its format, which reads back to the same report', () => {
    const parsed = JSON.parse(formatJsonReport(report)) as ContractReport & { format: string };
    expect(parsed.format).toBe(JSON_REPORT_FORMAT);
    const { format: _format, ...rest } = parsed;
    expect(rest).toEqual(report);
  });

  it('prints the rule a failure broke, and a progress line numbered out of the total', () => {
    expect(formatConsoleReport(report)).toContain(
      '        rule: sinch-sms: at most 1000 recipients per request',
    );
    expect(formatProgress(report.results[0]!, 2, 17)).toBe(
      '[ 3/17] pass  quiet — does the right thing (3 ms)',
    );
  });

  it('writes JUnit XML with a suite per provider and failure, error and skipped elements, escaped', () => {
    const skipped = {
      ...report.results[0]!,
      id: 'probe-only',
      provider: 'kaleyra',
      status: 'skipped' as const,
      reason: 'needs a <probe> & more',
    };
    const xml = formatJunitReport({
      ...report,
      summary: { ...report.summary, total: 4, skipped: 1 },
      results: [...report.results, skipped],
    });
    expect(xml).toMatch(
      /^<\?xml version="1.0" encoding="UTF-8"\?>\n<testsuites name="provider-sim contract" tests="4" failures="1" errors="1" skipped="1" time="0.042">/,
    );
    expect(xml).toContain(
      '<testsuite name="sinch-sms" tests="3" failures="1" errors="1" skipped="0" time="0.024" timestamp="2026-01-01T00:00:00">',
    );
    expect(xml).toContain(
      '<testcase classname="provider-sim.sinch-sms" name="quiet: does the right thing" time="0.003"/>',
    );
    expect(xml).toContain(
      '<failure message="/to names 1001 recipients; at most 1,000 are allowed per request" type="contract">',
    );
    expect(xml).toContain('rule: sinch-sms: at most 1000 recipients per request');
    expect(xml).toContain(
      '<error message="precondition: the simulator refused the send" type="error">',
    );
    expect(xml).toContain('<skipped message="needs a &lt;probe&gt; &amp; more"/>');
    expect(xml.match(/<testsuite /g)).toHaveLength(2);
  });
});
