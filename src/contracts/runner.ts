import type { ServeEvent } from '../engine/journal/serve-event.js';
import { ContractFailure } from './contract-failure.js';
import { postJson } from './post-json.js';
import type {
  CallbackFirer,
  CaseContext,
  CaseResult,
  CaseStatus,
  CaseTimeouts,
  ContractCase,
  ContractReport,
  ContractSimulator,
  FailureRecord,
  GatewayAdapter,
} from './types.js';
import { waitFor } from './wait-for.js';

/** What a suite runs against. */
export interface ContractTarget {
  simulator: ContractSimulator;
  gateway: GatewayAdapter;
  /** How callbacks are posted to the gateway; default a JSON POST with fetch. */
  fireCallback?: CallbackFirer;
}

/** Runner options; every field has a default. */
export interface RunContractOptions {
  /**
   * How each case gets only its own traffic: `scope` (default) hides entries recorded before the
   * case started and leaves the journal alone; `clear` empties the journal before each case.
   */
  journal?: 'scope' | 'clear';
  /** Limits handed to each case; default settle 10 s, grace 100 ms. */
  timeouts?: Partial<CaseTimeouts>;
  /** Longest a case may run before it counts as errored; default 60 s. */
  caseTimeoutMs?: number;
  /** Run only the cases with these ids. */
  only?: readonly string[];
  /** Called with each result as soon as its case ends. */
  onResult?: (result: CaseResult) => void;
}

const DEFAULT_TIMEOUTS: CaseTimeouts = { settleMs: 10_000, graceMs: 100 };
const KEBAB_CASE = /^[a-z0-9]+(-[a-z0-9]+)*$/;

const entryKey = (entry: ServeEvent): string => `${entry.id}\u0000${entry.receivedAtMs}`;

/** Throws naming the first case whose id is not kebab-case or not unique. */
function checkCaseIds(cases: readonly ContractCase[]): void {
  const seen = new Set<string>();
  for (const c of cases) {
    if (!KEBAB_CASE.test(c.id)) throw new Error(`contract case id "${c.id}" must be kebab-case`);
    if (seen.has(c.id)) throw new Error(`contract case id "${c.id}" is used twice`);
    seen.add(c.id);
  }
}

/** Why `contractCase` cannot run against `gateway`, or undefined. */
function missingRequirement(
  contractCase: ContractCase,
  gateway: GatewayAdapter,
): string | undefined {
  if (contractCase.requires?.includes('status-probe') && gateway.status === undefined) {
    return 'needs a status probe (GatewayAdapter.status), which this gateway adapter lacks';
  }
  return undefined;
}

async function runOne(
  contractCase: ContractCase,
  target: ContractTarget,
  options: Required<Pick<RunContractOptions, 'journal' | 'caseTimeoutMs'>> & {
    timeouts: CaseTimeouts;
  },
): Promise<CaseResult> {
  const base = { id: contractCase.id, provider: contractCase.provider, title: contractCase.title };
  const skip = missingRequirement(contractCase, target.gateway);
  if (skip !== undefined)
    return { ...base, status: 'skipped', failures: [], reason: skip, durationMs: 0 };

  const { journal } = target.simulator;
  let before = new Set<string>();
  if (options.journal === 'clear') {
    if (!journal.clear)
      throw new Error('runContract: journal "clear" needs a journal with clear()');
    await journal.clear();
  } else {
    before = new Set((await journal.list()).map(entryKey));
  }

  const failures: FailureRecord[] = [];
  const ctx: CaseContext = {
    simulator: target.simulator,
    gateway: target.gateway,
    timeouts: options.timeouts,
    async requests(query) {
      return (await journal.list(query)).filter((e) => !before.has(entryKey(e)));
    },
    fireCallback: target.fireCallback ?? ((url, body, headers) => postJson(url, body, headers)),
    fail(failure) {
      failures.push(failure);
    },
    waitFor(what, check, timeoutMs = options.timeouts.settleMs) {
      return waitFor(what, check, timeoutMs);
    },
  };

  const started = performance.now();
  let timer: NodeJS.Timeout | undefined;
  let error: string | undefined;
  try {
    await Promise.race([
      contractCase.run(ctx),
      new Promise<never>((_, reject) => {
        timer = setTimeout(
          () => reject(new Error(`did not finish within ${options.caseTimeoutMs} ms`)),
          options.caseTimeoutMs,
        );
      }),
    ]);
  } catch (thrown) {
    if (thrown instanceof ContractFailure) failures.push(thrown.toRecord());
    else error = thrown instanceof Error ? thrown.message : String(thrown);
  } finally {
    clearTimeout(timer);
  }
  const status: CaseStatus =
    failures.length > 0 ? 'failed' : error !== undefined ? 'errored' : 'passed';
  return {
    ...base,
    status,
    // A copy: a case that timed out may still be running and recording.
    failures: [...failures],
    ...(error !== undefined && { reason: error }),
    durationMs: Math.round(performance.now() - started),
  };
}

/** Runs `cases` one after another against `target` and reports each one's verdict. */
export async function runContract(
  cases: readonly ContractCase[],
  target: ContractTarget,
  options: RunContractOptions = {},
): Promise<ContractReport> {
  checkCaseIds(cases);
  if (options.only) {
    const unknown = options.only.filter((id) => !cases.some((c) => c.id === id));
    if (unknown.length > 0) {
      throw new Error(
        `runContract: no case with id ${unknown.map((id) => `"${id}"`).join(', ')}; known: ${cases.map((c) => c.id).join(', ')}`,
      );
    }
  }
  const selected = options.only ? cases.filter((c) => options.only!.includes(c.id)) : cases;
  const settings = {
    journal: options.journal ?? 'scope',
    caseTimeoutMs: options.caseTimeoutMs ?? 60_000,
    timeouts: { ...DEFAULT_TIMEOUTS, ...options.timeouts },
  };
  const startedAt = new Date();
  const started = performance.now();
  const results: CaseResult[] = [];
  for (const contractCase of selected) {
    const result = await runOne(contractCase, target, settings);
    results.push(result);
    options.onResult?.(result);
  }
  const summary = { total: results.length, passed: 0, failed: 0, errored: 0, skipped: 0 };
  for (const r of results) summary[r.status]++;
  return {
    startedAt: startedAt.toISOString(),
    durationMs: Math.round(performance.now() - started),
    summary,
    results,
  };
}
