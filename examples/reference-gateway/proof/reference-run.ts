import {
  createHttpGatewayAdapter,
  runContract,
  type CallbackFirer,
  type CaseResult,
  type CaseTimeouts,
  type ContractCase,
  type ContractReport,
  type ContractSettings,
  type ContractSimulator,
} from '../../../src/contracts/index.js';
import { SchemaRegistry, type SimConfigInput, type Simulator } from '../../../src/index.js';
import type { ReferenceGatewayOptions } from '../gateway.js';
import { startReferenceStack } from '../start-stack.js';

/** Gateway limits the proof runs with: fast timeouts and retries, so every case stays short. */
export const PROOF_GATEWAY: Readonly<Omit<ReferenceGatewayOptions, 'simulatorUrl'>> = {
  // Well above any answer under load (a timed-out request still counts as in flight at the
  // provider), yet under the hold of the timeout case.
  requestTimeoutMs: 1000,
  concurrency: 3,
  retry: { maxAttempts: 4, initialDelayMs: 100, factor: 2 },
  // Past the suite's callback deadline (1000 ms) by a margin no timer can miss; every callback
  // the slowCallbackAnswer defect delays costs this much, so no more.
  slowAnswerMs: 1200,
};

/** What the suite is told about the gateway, matching `PROOF_GATEWAY`. */
export const PROOF_SETTINGS: Readonly<Partial<ContractSettings>> = {
  seed: 'contract-proof',
  concurrency: 3,
  callbackDeadlineMs: 1000,
  retryWindowMs: 700,
  minRetryDelayMs: 50,
  retryAfterSeconds: 1,
  timeoutHoldMs: 2000,
  concurrencyHoldMs: 200,
  robustnessSamples: 2,
};

/** Short WhatsApp status delays (sent, delivered, read), so the WhatsApp suites stay quick. */
const WHATSAPP_DELAYS = {
  sent: { min: 5, max: 15 },
  delivered: { min: 5, max: 15 },
  read: { min: 5, max: 15 },
};

/**
 * The simulator the proof runs against: seeded, quiet, and with short lifecycle delays (one row
 * per provider whose defaults would make its cases slow).
 */
export const PROOF_SIMULATOR: Readonly<SimConfigInput> = {
  seed: 'contract-proof',
  log: { level: 'silent' },
  providers: {
    'sinch-sms': { settings: { dlrDelayMs: { min: 10, max: 30 } } },
    'sinch-whatsapp': { settings: { delaysMs: WHATSAPP_DELAYS } },
    kaleyra: { settings: { delaysMs: WHATSAPP_DELAYS } },
    msg91: { settings: { delaysMs: WHATSAPP_DELAYS } },
    'sinch-sms-rest': {
      settings: { dispatchDelayMs: { min: 2, max: 5 }, finalDelayMs: { min: 5, max: 15 } },
    },
  },
};

/**
 * How long the proof waits for traffic to show up. A clean gateway's requests, statuses and
 * callbacks come within milliseconds; a defect's never come, and each case waiting for one waits
 * all of `settleMs`, so it is short, yet many times what a loaded machine takes.
 */
export const PROOF_TIMEOUTS: Readonly<Partial<CaseTimeouts>> = { settleMs: 1500, graceMs: 100 };

/** How one run against the reference gateway is set up. */
export interface ReferenceRunOptions {
  /** Gateway options over `PROOF_GATEWAY` (defect switches, provider settings). */
  gateway?: Omit<ReferenceGatewayOptions, 'simulatorUrl'>;
  /** Drive the gateway without its status probe. */
  withoutProbe?: boolean;
  /** Called with each result as soon as its case ends. */
  onResult?: (result: CaseResult) => void;
  /** Run only these case ids. */
  only?: readonly string[];
  /** Settings over `PROOF_SETTINGS`. */
  settings?: Partial<ContractSettings>;
  /** How the suite sees the simulator; default the simulator itself. */
  simulator?: (simulator: Simulator) => ContractSimulator;
  /** How callbacks are posted; default a JSON POST. */
  fireCallback?: CallbackFirer;
}

let schemas: SchemaRegistry | undefined;
/**
 * One schema registry for every simulator the proof starts in this process: compiling every schema
 * is most of a simulator's start, and a proof starts dozens. The registry only reads its schemas.
 * Large values (the size case sends a megabyte) are checked by validators compiled on their first
 * use; they are compiled here too, so no run stalls the others in the middle of timing a callback.
 */
function sharedSchemas(): SchemaRegistry {
  if (!schemas) {
    schemas = new SchemaRegistry();
    const large = { text: 'x'.repeat(256 * 1024) };
    for (const id of schemas.ids()) schemas.validate(id, large);
  }
  return schemas;
}

/** Runs `cases` against a fresh reference gateway and simulator, and closes both. */
export async function runAgainstReferenceGateway(
  cases: readonly ContractCase[],
  options: ReferenceRunOptions = {},
): Promise<ContractReport> {
  const providerIds = [...new Set(cases.map((c) => c.provider))];
  const stack = await startReferenceStack({
    gateway: {
      ...PROOF_GATEWAY,
      ...options.gateway,
      providers: { ...PROOF_GATEWAY.providers, ...options.gateway?.providers },
    },
    simulator: PROOF_SIMULATOR,
    // The simulator needs only the providers the cases speak to (every one when there is none).
    ...(providerIds.length > 0 && { providers: providerIds }),
    schemas: sharedSchemas(),
  });
  try {
    const gateway = createHttpGatewayAdapter({
      baseUrl: stack.gateway.url!,
      callbackUrl: (provider, kind) => stack.gateway.callbackUrl(provider, kind),
      ...(options.withoutProbe && { statusPath: null }),
    });
    return await runContract(
      cases,
      {
        simulator: options.simulator ? options.simulator(stack.simulator) : stack.simulator,
        gateway,
        ...(options.fireCallback && { fireCallback: options.fireCallback }),
      },
      {
        settings: { ...PROOF_SETTINGS, ...options.settings },
        timeouts: PROOF_TIMEOUTS,
        caseTimeoutMs: 30_000,
        ...(options.only && { only: options.only }),
        ...(options.onResult && { onResult: options.onResult }),
      },
    );
  } finally {
    await stack.close();
  }
}
