import { describe, expect, it } from 'vitest';
import { sinchSmsContract } from '../../contracts/sinch-sms.js';
import {
  GATEWAY_DEFECTS,
  type GatewayDefectName,
  type GatewayDefects,
} from '../../examples/reference-gateway/defects.js';
import { startReferenceStack } from '../../examples/reference-gateway/start-stack.js';
import {
  createHttpGatewayAdapter,
  formatConsoleReport,
  runContract,
  type CaseStatus,
  type ContractReport,
} from '../../src/contracts/index.js';

const DEFECT_NAMES = Object.keys(GATEWAY_DEFECTS) as GatewayDefectName[];

/** Runs the whole Sinch SMS suite against a fresh reference gateway and simulator. */
async function runSuite(
  defects: GatewayDefects = {},
  probe: 'with-probe' | 'without-probe' = 'with-probe',
): Promise<ContractReport> {
  const stack = await startReferenceStack({
    gateway: { defects },
    simulator: {
      log: { level: 'silent' },
      providers: { 'sinch-sms': { settings: { dlrDelayMs: { min: 10, max: 30 } } } },
    },
  });
  try {
    const gateway = createHttpGatewayAdapter({
      baseUrl: stack.gateway.url!,
      callbackUrl: (provider, kind) => stack.gateway.callbackUrl(provider, kind),
      ...(probe === 'without-probe' && { statusPath: null }),
    });
    return await runContract(
      sinchSmsContract,
      { simulator: stack.simulator, gateway },
      { timeouts: { settleMs: 2000 } },
    );
  } finally {
    await stack.close();
  }
}

const reports = new Map<GatewayDefectName, Promise<ContractReport>>();
/** The suite's report against the gateway with one defect on (each run once). */
function reportFor(defect: GatewayDefectName): Promise<ContractReport> {
  let report = reports.get(defect);
  if (!report) {
    report = runSuite({ [defect]: true });
    reports.set(defect, report);
  }
  return report;
}

const statusOf = (report: ContractReport, caseId: string): CaseStatus | undefined =>
  report.results.find((r) => r.id === caseId)?.status;

describe('Sinch SMS contract against the reference gateway', () => {
  it('passes every case against the clean gateway', async () => {
    const report = await runSuite();
    expect(report.summary, formatConsoleReport(report, { title: 'clean gateway' })).toEqual({
      total: sinchSmsContract.length,
      passed: sinchSmsContract.length,
      failed: 0,
      errored: 0,
      skipped: 0,
    });
  });

  it('skips only the case that needs a status probe when the adapter has none, and passes the rest', async () => {
    const report = await runSuite({}, 'without-probe');
    const skipped = report.results.filter((r) => r.status === 'skipped').map((r) => r.id);
    expect(skipped).toEqual(['sinch-sms-final-status-kept']);
    expect(report.summary.passed, formatConsoleReport(report)).toBe(sinchSmsContract.length - 1);
  });

  describe.each(DEFECT_NAMES)('with the defect %s', (defect) => {
    it(`fails at least one case (the gateway ${GATEWAY_DEFECTS[defect]})`, async () => {
      const report = await reportFor(defect);
      const failed = report.results.filter((r) => r.status === 'failed');
      expect(failed.length, formatConsoleReport(report, { title: defect })).toBeGreaterThan(0);
      for (const result of failed) {
        for (const failure of result.failures) {
          expect(failure.message.length).toBeGreaterThan(0);
          expect(typeof failure.pointer).toBe('string');
        }
      }
    });
  });

  it('has every case catch at least one defect (kill matrix)', async () => {
    const byDefect = new Map<GatewayDefectName, ContractReport>();
    for (const defect of DEFECT_NAMES) byDefect.set(defect, await reportFor(defect));
    const mark: Record<CaseStatus, string> = {
      passed: '.',
      failed: 'X',
      errored: 'e',
      skipped: 's',
    };
    const caseWidth = Math.max(...sinchSmsContract.map((c) => c.id.length));
    const header = `${''.padEnd(caseWidth)}  ${DEFECT_NAMES.map((_, i) => String(i + 1).padStart(2)).join(' ')}`;
    const rows = sinchSmsContract.map(
      (c) =>
        `${c.id.padEnd(caseWidth)}  ${DEFECT_NAMES.map((d) => mark[statusOf(byDefect.get(d)!, c.id)!].padStart(2)).join(' ')}`,
    );
    const legend = DEFECT_NAMES.map(
      (d, i) => `${String(i + 1).padStart(2)} ${d}: ${GATEWAY_DEFECTS[d]}`,
    );
    console.log(
      [
        'kill matrix (X caught, . passed, e could not run, s skipped)',
        header,
        ...rows,
        '',
        ...legend,
      ].join('\n'),
    );

    const idle = sinchSmsContract
      .filter((c) => DEFECT_NAMES.every((d) => statusOf(byDefect.get(d)!, c.id) !== 'failed'))
      .map((c) => c.id);
    expect(idle, 'cases that catch no defect').toEqual([]);
    const uncaught = DEFECT_NAMES.filter((d) => byDefect.get(d)!.summary.failed === 0);
    expect(uncaught, 'defects no case catches').toEqual([]);
  }, 120_000);
});
