import { beforeAll, describe, expect, it } from 'vitest';
import { kaleyraContract } from '../../contracts/kaleyra.js';
import { msg91Contract } from '../../contracts/msg91.js';
import { sinchWhatsappContract } from '../../contracts/sinch-whatsapp.js';
import { createReferenceGateway } from '../../examples/reference-gateway/gateway.js';
import {
  CLEVERTAP_WHATSAPP_DEFECTS,
  type ClevertapWhatsappDefectName,
  type ClevertapWhatsappDefects,
} from '../../examples/reference-gateway/providers/clevertap-whatsapp-defects.js';
import type { GatewayProviderSettings } from '../../examples/reference-gateway/providers/index.js';
import {
  createHttpGatewayAdapter,
  formatConsoleReport,
  runContract,
  type CaseStatus,
  type ContractCase,
  type ContractReport,
} from '../../src/contracts/index.js';
import { startSimulator } from '../../src/index.js';

type WhatsappProvider = 'sinch-whatsapp' | 'kaleyra' | 'msg91';

const SUITES: Record<WhatsappProvider, ContractCase[]> = {
  'sinch-whatsapp': sinchWhatsappContract,
  kaleyra: kaleyraContract,
  msg91: msg91Contract,
};

const ALL_DEFECTS = Object.keys(CLEVERTAP_WHATSAPP_DEFECTS) as ClevertapWhatsappDefectName[];

/** The defects that apply to a provider (only Kaleyra has callback URL headers to swap). */
const defectsFor = (provider: WhatsappProvider): ClevertapWhatsappDefectName[] =>
  ALL_DEFECTS.filter((d) => d !== 'swapCallbackHeaders' || provider === 'kaleyra');

/** The gateway settings that give `provider` its defects (and Kaleyra the gateway's own URL). */
function gatewaySettings(
  provider: WhatsappProvider,
  defects: ClevertapWhatsappDefects,
  gatewayUrl: () => string | undefined,
): GatewayProviderSettings {
  switch (provider) {
    case 'sinch-whatsapp':
      return { 'sinch-whatsapp': { defects } };
    case 'kaleyra':
      return { kaleyra: { defects, gatewayUrl } };
    case 'msg91':
      return { msg91: { defects } };
  }
}

/**
 * Runs one provider's suite against a fresh reference gateway and a simulator of that provider,
 * whose callbacks go to the gateway's DLR and inbound URLs.
 */
async function runSuite(
  provider: WhatsappProvider,
  defects: ClevertapWhatsappDefects = {},
  probe: 'with-probe' | 'without-probe' = 'with-probe',
): Promise<ContractReport> {
  const started: { url?: string; simulator?: string } = {};
  const gateway = createReferenceGateway({
    simulatorUrl: () => started.simulator,
    providers: gatewaySettings(provider, defects, () => started.url),
  });
  started.url = await gateway.listen();
  const simulator = await startSimulator(
    {
      port: 0,
      log: { level: 'silent' },
      providers: {
        [provider]: {
          callbacks: {
            dlr: gateway.callbackUrl(provider, 'dlr'),
            inbound: gateway.callbackUrl(provider, 'inbound'),
          },
          settings: {
            delaysMs: {
              sent: { min: 5, max: 15 },
              delivered: { min: 5, max: 15 },
              read: { min: 5, max: 15 },
            },
          },
        },
      },
    },
    { providers: [provider] },
  );
  started.simulator = simulator.url;
  try {
    const adapter = createHttpGatewayAdapter({
      baseUrl: started.url,
      callbackUrl: (id, kind) => gateway.callbackUrl(id, kind),
      ...(probe === 'without-probe' && { statusPath: null }),
    });
    return await runContract(
      SUITES[provider],
      { simulator, gateway: adapter },
      { timeouts: { settleMs: 3000, graceMs: 50 } },
    );
  } finally {
    await simulator.close({ drain: false });
    await gateway.close();
  }
}

const PROVIDERS = Object.keys(SUITES) as WhatsappProvider[];
const reports = new Map<string, Promise<ContractReport>>();

/** Each provider's defect runs, one after another, started once for every test that needs them. */
function defectRuns(provider: WhatsappProvider): Promise<void> {
  return defectsFor(provider).reduce<Promise<void>>(async (previous, defect) => {
    await previous;
    const run = runSuite(provider, { [defect]: true });
    reports.set(`${provider}:${defect}`, run);
    await run.catch(() => undefined);
  }, Promise.resolve());
}

const matrixRuns = new Map<WhatsappProvider, Promise<void>>();
beforeAll(() => {
  for (const provider of PROVIDERS) matrixRuns.set(provider, defectRuns(provider));
});

async function reportFor(
  provider: WhatsappProvider,
  defect: ClevertapWhatsappDefectName,
): Promise<ContractReport> {
  for (;;) {
    const report = reports.get(`${provider}:${defect}`);
    if (report) return report;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

const statusOf = (report: ContractReport, caseId: string): CaseStatus | undefined =>
  report.results.find((r) => r.id === caseId)?.status;

describe.each(PROVIDERS)('%s contract against the reference gateway', (provider) => {
  const cases = SUITES[provider];

  it('passes every case against the clean gateway', async () => {
    const report = await runSuite(provider);
    expect(report.summary, formatConsoleReport(report, { title: `${provider}, clean` })).toEqual({
      total: cases.length,
      passed: cases.length,
      failed: 0,
      errored: 0,
      skipped: 0,
    });
  }, 60_000);

  it('passes every case against the clean gateway without a status probe', async () => {
    const report = await runSuite(provider, {}, 'without-probe');
    expect(report.summary.passed, formatConsoleReport(report)).toBe(cases.length);
  }, 60_000);

  it.each(defectsFor(provider))(
    'fails at least one case with the defect %s',
    async (defect) => {
      const report = await reportFor(provider, defect);
      const failed = report.results.filter((r) => r.status === 'failed');
      expect(failed.length, formatConsoleReport(report, { title: defect })).toBeGreaterThan(0);
      for (const result of failed) {
        for (const failure of result.failures) {
          expect(failure.message.length).toBeGreaterThan(0);
          expect(typeof failure.pointer).toBe('string');
        }
      }
    },
    120_000,
  );

  it('has every case catch at least one defect (kill matrix)', async () => {
    await matrixRuns.get(provider);
    const defects = defectsFor(provider);
    const byDefect = new Map<ClevertapWhatsappDefectName, ContractReport>();
    for (const defect of defects) byDefect.set(defect, await reportFor(provider, defect));
    const mark: Record<CaseStatus, string> = {
      passed: '.',
      failed: 'X',
      errored: 'e',
      skipped: 's',
    };
    const width = Math.max(...cases.map((c) => c.id.length));
    const header = `${''.padEnd(width)}  ${defects.map((_, i) => String(i + 1).padStart(2)).join(' ')}`;
    const rows = cases.map(
      (c) =>
        `${c.id.padEnd(width)}  ${defects.map((d) => mark[statusOf(byDefect.get(d)!, c.id)!].padStart(2)).join(' ')}`,
    );
    const legend = defects.map(
      (d, i) => `${String(i + 1).padStart(2)} ${d}: ${CLEVERTAP_WHATSAPP_DEFECTS[d]}`,
    );
    console.log(
      [
        `${provider} kill matrix (X caught, . passed, e could not run, s skipped)`,
        header,
        ...rows,
        '',
        ...legend,
      ].join('\n'),
    );
    const idle = cases
      .filter((c) => defects.every((d) => statusOf(byDefect.get(d)!, c.id) !== 'failed'))
      .map((c) => c.id);
    expect(idle, 'cases that catch no defect').toEqual([]);
    const uncaught = defects.filter((d) => byDefect.get(d)!.summary.failed === 0);
    expect(uncaught, 'defects no case catches').toEqual([]);
  }, 300_000);
});
