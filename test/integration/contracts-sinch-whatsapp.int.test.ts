import { describe, expect, it } from 'vitest';
import { kaleyraContract } from '../../contracts/kaleyra.js';
import { msg91Contract } from '../../contracts/msg91.js';
import { sinchWhatsappContract } from '../../contracts/sinch-whatsapp.js';
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

/** One defect switch of the matrix: a shared core switch, or one of the WhatsApp module's own. */
interface DefectSwitch {
  name: string;
  description: string;
  core?: GatewayDefects;
  module?: ClevertapWhatsappDefects;
}

/** The core switches that can change WhatsApp traffic (not those living in another provider's module). */
const CORE_SWITCHES: DefectSwitch[] = (Object.keys(GATEWAY_DEFECTS) as GatewayDefectName[])
  .filter((name) => MODULE_DEFECTS[name] === undefined)
  .map((name) => ({ name, description: GATEWAY_DEFECTS[name], core: { [name]: true } }));

/** The module's switches that apply to a provider (only Kaleyra has callback URL headers to swap). */
const moduleSwitches = (provider: WhatsappProvider): DefectSwitch[] =>
  (Object.keys(CLEVERTAP_WHATSAPP_DEFECTS) as ClevertapWhatsappDefectName[])
    .filter((d) => d !== 'swapCallbackHeaders' || provider === 'kaleyra')
    .map((name) => ({
      name: `${provider}.${name}`,
      description: CLEVERTAP_WHATSAPP_DEFECTS[name],
      module: { [name]: true },
    }));

const switchesFor = (provider: WhatsappProvider): DefectSwitch[] => [
  ...CORE_SWITCHES,
  ...moduleSwitches(provider),
];

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
 * Runs one provider's suite against a fresh reference gateway (with the shared proof's limits) and
 * a simulator of that provider with short lifecycle delays, whose callbacks go to the gateway.
 */
async function runSuite(
  provider: WhatsappProvider,
  defect: Pick<DefectSwitch, 'core' | 'module'> = {},
  probe: 'with-probe' | 'without-probe' = 'with-probe',
): Promise<ContractReport> {
  const started: { url?: string; simulator?: string } = {};
  const gateway = createReferenceGateway({
    ...PROOF_GATEWAY,
    ...(defect.core && { defects: defect.core }),
    simulatorUrl: () => started.simulator,
    providers: gatewaySettings(provider, defect.module ?? {}, () => started.url),
  });
  started.url = await gateway.listen();
  const simulator = await startSimulator(
    {
      port: 0,
      seed: 'contracts-whatsapp',
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
      { settings: PROOF_SETTINGS, timeouts: PROOF_TIMEOUTS, caseTimeoutMs: 30_000 },
    );
  } finally {
    await simulator.close({ drain: false });
    await gateway.close();
  }
}

const PROVIDERS = Object.keys(SUITES) as WhatsappProvider[];

/** Suite runs at once, each on its own gateway and simulator. */
const PARALLEL = 6;

let allRuns: Map<string, Promise<ContractReport>> | undefined;
/** The report of `provider` with `defect`; the first call starts every run, `PARALLEL` at once. */
function reportFor(provider: WhatsappProvider, defect: DefectSwitch): Promise<ContractReport> {
  if (!allRuns) {
    const runs = new Map<string, Promise<ContractReport>>();
    const slots: Promise<unknown>[] = [];
    for (const p of PROVIDERS) {
      for (const d of switchesFor(p)) {
        const previous = slots[slots.length - PARALLEL] ?? Promise.resolve();
        const run = previous.then(
          () => runSuite(p, d),
          () => runSuite(p, d),
        );
        slots.push(run);
        runs.set(`${p}:${d.name}`, run);
      }
    }
    allRuns = runs;
  }
  return allRuns.get(`${provider}:${defect.name}`)!;
}

const statusOf = (report: ContractReport, caseId: string): CaseStatus | undefined =>
  report.results.find((r) => r.id === caseId)?.status;

describe.each(PROVIDERS)('%s contract against the reference gateway', (provider) => {
  const cases = SUITES[provider];
  const switches = switchesFor(provider);

  it('passes every case, common and its own, against the clean gateway', async () => {
    const report = await runSuite(provider);
    expect(report.summary, formatConsoleReport(report, { title: `${provider}, clean` })).toEqual({
      total: cases.length,
      passed: cases.length,
      failed: 0,
      errored: 0,
      skipped: 0,
    });
  }, 120_000);

  it('skips only the cases that need a status probe when the adapter has none, and passes the rest', async () => {
    const report = await runSuite(provider, {}, 'without-probe');
    const needProbe = cases.filter((c) => c.requires?.includes('status-probe')).map((c) => c.id);
    expect(report.results.filter((r) => r.status === 'skipped').map((r) => r.id)).toEqual(
      needProbe,
    );
    expect(report.summary.passed, formatConsoleReport(report)).toBe(
      cases.length - needProbe.length,
    );
  }, 120_000);

  it.each(switches.map((d) => [d.name, d] as const))(
    'fails at least one case with the defect %s',
    async (_name, defect) => {
      const report = await reportFor(provider, defect);
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

  it('has every case catch at least one defect (kill matrix)', async () => {
    const byDefect = new Map<string, ContractReport>();
    for (const defect of switches) byDefect.set(defect.name, await reportFor(provider, defect));
    const mark: Record<CaseStatus, string> = {
      passed: '.',
      failed: 'X',
      errored: 'e',
      skipped: 's',
    };
    const width = Math.max(...cases.map((c) => c.id.length));
    const header = `${''.padEnd(width)}  ${switches.map((_, i) => String(i + 1).padStart(2)).join(' ')}`;
    const rows = cases.map(
      (c) =>
        `${c.id.padEnd(width)}  ${switches.map((d) => mark[statusOf(byDefect.get(d.name)!, c.id)!].padStart(2)).join(' ')}`,
    );
    const legend = switches.map(
      (d, i) => `${String(i + 1).padStart(2)} ${d.name}: ${d.description}`,
    );
    // The table is shown only when the matrix has a hole: a passing run prints nothing.
    const matrix = [
      `${provider} kill matrix (X caught, . passed, e could not run, s skipped)`,
      header,
      ...rows,
      '',
      ...legend,
    ].join('\n');
    const idle = cases
      .filter((c) => switches.every((d) => statusOf(byDefect.get(d.name)!, c.id) !== 'failed'))
      .map((c) => c.id);
    expect(idle, `cases that catch no defect\n${matrix}\n`).toEqual([]);
    const uncaught = switches.filter((d) => byDefect.get(d.name)!.summary.failed === 0);
    expect(
      uncaught.map((d) => d.name),
      `defects no case catches\n${matrix}\n`,
    ).toEqual([]);
  }, 900_000);
});
