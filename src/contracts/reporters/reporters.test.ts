import { describe, expect, it } from 'vitest';
import type { ContractReport } from '../types.js';
import { formatConsoleReport } from './console.js';
import { formatJsonReport, JSON_REPORT_FORMAT } from './json.js';

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
});
