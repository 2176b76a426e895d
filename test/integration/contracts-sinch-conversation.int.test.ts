import { describe, expect, it } from 'vitest';
import { commonCases } from '../../contracts/common.js';
import {
  sinchConversationContract,
  sinchConversationDescriptor,
} from '../../contracts/sinch-conversation.js';
import { runAgainstReferenceGateway } from '../../examples/reference-gateway/proof/reference-run.js';
import {
  SINCH_CONVERSATION_DEFECTS,
  type SinchConversationDefectName,
} from '../../examples/reference-gateway/providers/sinch-conversation-defects.js';
import {
  formatConsoleReport,
  type CaseStatus,
  type ContractReport,
} from '../../src/contracts/index.js';

const PROVIDER = 'sinch-conversation';
const DEFECT_NAMES = Object.keys(SINCH_CONVERSATION_DEFECTS) as SinchConversationDefectName[];
const COMMON_IDS = new Set(commonCases(sinchConversationDescriptor).map((c) => c.id));
/** The cases only this provider has; the shared proof holds the common ones to the core's switches. */
const OWN_CASES = sinchConversationContract.filter((c) => !COMMON_IDS.has(c.id));

/** Suite runs at once, each on its own gateway and simulator (as the shared proof runs them). */
const PARALLEL = 4;

/** The suite against a fresh reference gateway with one of this module's switches on. */
const runDefect = (defect: SinchConversationDefectName): Promise<ContractReport> =>
  runAgainstReferenceGateway(sinchConversationContract, {
    gateway: { providers: { [PROVIDER]: { defects: { [defect]: true } } } },
  });

let allRuns: Map<SinchConversationDefectName, Promise<ContractReport>> | undefined;
/** The report for `defect`; the first call starts every defect's run, at most `PARALLEL` at once. */
function reportFor(defect: SinchConversationDefectName): Promise<ContractReport> {
  if (!allRuns) {
    const runs = new Map<SinchConversationDefectName, Promise<ContractReport>>();
    const slots: Promise<unknown>[] = [];
    for (const [i, name] of DEFECT_NAMES.entries()) {
      const previous = slots[i - PARALLEL] ?? Promise.resolve();
      const run = previous.then(
        () => runDefect(name),
        () => runDefect(name),
      );
      slots.push(run);
      runs.set(name, run);
    }
    allRuns = runs;
  }
  return allRuns.get(defect)!;
}

const statusOf = (report: ContractReport, caseId: string): CaseStatus | undefined =>
  report.results.find((r) => r.id === caseId)?.status;

describe('Sinch Conversation contract against the reference gateway', () => {
  it('passes every case, common and its own, against the clean gateway', async () => {
    const report = await runAgainstReferenceGateway(sinchConversationContract);
    expect(report.summary, formatConsoleReport(report, { title: 'clean gateway' })).toEqual({
      total: sinchConversationContract.length,
      passed: sinchConversationContract.length,
      failed: 0,
      errored: 0,
      skipped: 0,
    });
  }, 120_000);

  it('skips only the cases that need a status probe when the adapter has none, and passes the rest', async () => {
    const report = await runAgainstReferenceGateway(sinchConversationContract, {
      withoutProbe: true,
    });
    const needProbe = sinchConversationContract
      .filter((c) => c.requires?.includes('status-probe'))
      .map((c) => c.id);
    expect(report.results.filter((r) => r.status === 'skipped').map((r) => r.id)).toEqual(
      needProbe,
    );
    expect(report.summary.passed, formatConsoleReport(report)).toBe(
      sinchConversationContract.length - needProbe.length,
    );
  }, 120_000);

  describe.each(DEFECT_NAMES)('with the defect %s', (defect) => {
    it(`fails at least one case (the gateway ${SINCH_CONVERSATION_DEFECTS[defect]})`, async () => {
      const report = await reportFor(defect);
      const failed = report.results.filter((r) => r.status === 'failed');
      expect(failed.length, formatConsoleReport(report, { title: defect })).toBeGreaterThan(0);
      for (const result of failed) {
        for (const failure of result.failures) {
          expect(failure.message.length).toBeGreaterThan(0);
          expect(typeof failure.pointer).toBe('string');
        }
      }
    }, 120_000);
  });

  it('has each of its own cases catch at least one of its defects (kill matrix)', async () => {
    const byDefect = new Map<SinchConversationDefectName, ContractReport>();
    for (const defect of DEFECT_NAMES) byDefect.set(defect, await reportFor(defect));
    const mark: Record<CaseStatus, string> = {
      passed: '.',
      failed: 'X',
      errored: 'e',
      skipped: 's',
    };
    const width = Math.max(...sinchConversationContract.map((c) => c.id.length));
    const header = `${''.padEnd(width)}  ${DEFECT_NAMES.map((_, i) => String(i + 1).padStart(2)).join(' ')}`;
    const rows = sinchConversationContract.map(
      (c) =>
        `${c.id.padEnd(width)}  ${DEFECT_NAMES.map((d) => mark[statusOf(byDefect.get(d)!, c.id)!].padStart(2)).join(' ')}${COMMON_IDS.has(c.id) ? '' : '  (own)'}`,
    );
    const legend = DEFECT_NAMES.map(
      (d, i) => `${String(i + 1).padStart(2)} ${d}: ${SINCH_CONVERSATION_DEFECTS[d]}`,
    );
    // The table is shown only when the matrix has a hole: a passing run prints nothing.
    const matrix = [
      'kill matrix (X caught, . passed, e could not run, s skipped)',
      header,
      ...rows,
      '',
      ...legend,
    ].join('\n');
    const idle = OWN_CASES.filter((c) =>
      DEFECT_NAMES.every((d) => statusOf(byDefect.get(d)!, c.id) !== 'failed'),
    ).map((c) => c.id);
    expect(idle, `own cases that catch no defect\n${matrix}\n`).toEqual([]);
    const uncaught = DEFECT_NAMES.filter((d) => byDefect.get(d)!.summary.failed === 0);
    expect(uncaught, `defects no case catches\n${matrix}\n`).toEqual([]);
  }, 600_000);
});
