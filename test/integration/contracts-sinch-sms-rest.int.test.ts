import { describe, expect, it } from 'vitest';
import { sinchSmsRestContract } from '../../contracts/sinch-sms-rest.js';
import {
  GATEWAY_DEFECTS,
  type GatewayDefectName,
  type GatewayDefects,
} from '../../examples/reference-gateway/defects.js';
import { createReferenceGateway } from '../../examples/reference-gateway/gateway.js';
import { MODULE_DEFECTS } from '../../examples/reference-gateway/proof/defect-catalog.js';
import {
  PROOF_GATEWAY,
  PROOF_SETTINGS,
  PROOF_TIMEOUTS,
} from '../../examples/reference-gateway/proof/reference-run.js';
import {
  SINCH_SMS_REST_DEFECTS,
  type SinchSmsRestDefectName,
  type SinchSmsRestDefects,
} from '../../examples/reference-gateway/providers/sinch-sms-rest-defects.js';
import {
  createHttpGatewayAdapter,
  formatConsoleReport,
  runContract,
  type CaseStatus,
  type ContractReport,
} from '../../src/contracts/index.js';
import { startSimulator } from '../../src/index.js';

const PROVIDER = 'sinch-sms-rest';
const cases = sinchSmsRestContract;

/** One defect switch of the matrix: a shared core switch, or one of the module's own. */
interface DefectSwitch {
  name: string;
  description: string;
  core?: GatewayDefects;
  module?: SinchSmsRestDefects;
}

/** The core switches that can change this provider's traffic (not those living in another module), then the module's own. */
const SWITCHES: DefectSwitch[] = [
  ...(Object.keys(GATEWAY_DEFECTS) as GatewayDefectName[])
    .filter((name) => MODULE_DEFECTS[name] === undefined)
    .map((name) => ({ name, description: GATEWAY_DEFECTS[name], core: { [name]: true } })),
  ...(Object.keys(SINCH_SMS_REST_DEFECTS) as SinchSmsRestDefectName[]).map((name) => ({
    name: `${PROVIDER}.${name}`,
    description: SINCH_SMS_REST_DEFECTS[name],
    module: { [name]: true },
  })),
];

/** Runs the suite against a fresh reference gateway and a simulator whose callbacks go to it. */
async function runSuite(
  defect: Pick<DefectSwitch, 'core' | 'module'> = {},
  probe: 'with-probe' | 'without-probe' = 'with-probe',
): Promise<ContractReport> {
  const started: { simulator?: string } = {};
  const gateway = createReferenceGateway({
    ...PROOF_GATEWAY,
    ...(defect.core && { defects: defect.core }),
    simulatorUrl: () => started.simulator,
    providers: { [PROVIDER]: { defects: defect.module ?? {} } },
  });
  const gatewayUrl = await gateway.listen();
  const simulator = await startSimulator(
    {
      port: 0,
      seed: 'contracts-sinch-sms-rest',
      log: { level: 'silent' },
      providers: {
        [PROVIDER]: {
          callbacks: {
            'recipient-dlr': gateway.callbackUrl(PROVIDER, 'recipient-dlr'),
            'batch-dlr': gateway.callbackUrl(PROVIDER, 'batch-dlr'),
            mo: gateway.callbackUrl(PROVIDER, 'mo'),
          },
          settings: { dispatchDelayMs: { min: 2, max: 5 }, finalDelayMs: { min: 5, max: 15 } },
        },
      },
    },
    { providers: [PROVIDER] },
  );
  started.simulator = simulator.url;
  try {
    const adapter = createHttpGatewayAdapter({
      baseUrl: gatewayUrl,
      callbackUrl: (id, kind) => gateway.callbackUrl(id, kind),
      ...(probe === 'without-probe' && { statusPath: null }),
    });
    return await runContract(
      cases,
      { simulator, gateway: adapter },
      { settings: PROOF_SETTINGS, timeouts: PROOF_TIMEOUTS, caseTimeoutMs: 30_000 },
    );
  } finally {
    await simulator.close({ drain: false });
    await gateway.close();
  }
}

/** Suite runs at once, each on its own gateway and simulator. */
const PARALLEL = 3;

let allRuns: Map<string, Promise<ContractReport>> | undefined;
/** The report with `defect`; the first call starts every run, `PARALLEL` at once. */
function reportFor(defect: DefectSwitch): Promise<ContractReport> {
  if (!allRuns) {
    const runs = new Map<string, Promise<ContractReport>>();
    const slots: Promise<unknown>[] = [];
    for (const d of SWITCHES) {
      const previous = slots[slots.length - PARALLEL] ?? Promise.resolve();
      const run = previous.then(
        () => runSuite(d),
        () => runSuite(d),
      );
      slots.push(run);
      runs.set(d.name, run);
    }
    allRuns = runs;
  }
  return allRuns.get(defect.name)!;
}

const statusOf = (report: ContractReport, caseId: string): CaseStatus | undefined =>
  report.results.find((r) => r.id === caseId)?.status;

describe('sinch-sms-rest contract against the reference gateway', () => {
  it('passes every case, common and its own, against the clean gateway', async () => {
    const report = await runSuite();
    expect(report.summary, formatConsoleReport(report, { title: `${PROVIDER}, clean` })).toEqual({
      total: cases.length,
      passed: cases.length,
      failed: 0,
      errored: 0,
      skipped: 0,
    });
  }, 180_000);

  it('skips only the cases that need a status probe when the adapter has none, and passes the rest', async () => {
    const report = await runSuite({}, 'without-probe');
    const needProbe = cases.filter((c) => c.requires?.includes('status-probe')).map((c) => c.id);
    expect(report.results.filter((r) => r.status === 'skipped').map((r) => r.id)).toEqual(
      needProbe,
    );
    expect(report.summary.passed, formatConsoleReport(report)).toBe(
      cases.length - needProbe.length,
    );
  }, 180_000);

  it.each(SWITCHES.map((d) => [d.name, d] as const))(
    'fails at least one case with the defect %s',
    async (_name, defect) => {
      const report = await reportFor(defect);
      const failed = report.results.filter((r) => r.status === 'failed');
      expect(failed.length, formatConsoleReport(report, { title: defect.name })).toBeGreaterThan(0);
      for (const result of failed) {
        for (const failure of result.failures) {
          expect(failure.message.length).toBeGreaterThan(0);
          expect(typeof failure.pointer).toBe('string');
        }
      }
    },
    900_000,
  );

  it('has every case catch at least one defect (kill matrix, printed when it does not)', async () => {
    const byDefect = new Map<string, ContractReport>();
    for (const defect of SWITCHES) byDefect.set(defect.name, await reportFor(defect));
    const idle = cases
      .filter((c) => SWITCHES.every((d) => statusOf(byDefect.get(d.name)!, c.id) !== 'failed'))
      .map((c) => c.id);
    const uncaught = SWITCHES.filter((d) => byDefect.get(d.name)!.summary.failed === 0);
    const mark: Record<CaseStatus, string> = {
      passed: '.',
      failed: 'X',
      errored: 'e',
      skipped: 's',
    };
    const width = Math.max(...cases.map((c) => c.id.length));
    const matrix = [
      `${PROVIDER} kill matrix (X caught, . passed, e could not run, s skipped)`,
      `${''.padEnd(width)}  ${SWITCHES.map((_, i) => String(i + 1).padStart(2)).join(' ')}`,
      ...cases.map(
        (c) =>
          `${c.id.padEnd(width)}  ${SWITCHES.map((d) => mark[statusOf(byDefect.get(d.name)!, c.id)!].padStart(2)).join(' ')}`,
      ),
      '',
      ...SWITCHES.map((d, i) => `${String(i + 1).padStart(2)} ${d.name}: ${d.description}`),
    ].join('\n');
    expect(idle, `cases that catch no defect\n${matrix}`).toEqual([]);
    expect(
      uncaught.map((d) => d.name),
      `defects no case catches\n${matrix}`,
    ).toEqual([]);
  }, 900_000);
});
