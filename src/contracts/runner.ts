import type { ServeEvent } from '../engine/journal/serve-event.js';
import { EvidenceRecorder } from './case-evidence.js';
import { ContractFailure } from './contract-failure.js';
import { DEFAULT_CONTRACT_SETTINGS } from './contract-settings.js';
import { postJson } from './post-json.js';
import type {
  CallbackFirer,
  CaseContext,
  CaseResult,
  CaseStatus,
  CaseTimeouts,
  ContractCase,
  ContractReport,
  ContractSettings,
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
  /** What the suite knows about the gateway and how patient it is (defaults in `DEFAULT_CONTRACT_SETTINGS`). */
  settings?: Partial<ContractSettings>;
  /** Run only the cases with these ids. */
  only?: readonly string[];
  /** Leave out the cases with these ids. */
  skip?: readonly string[];
  /** Called with each case before it starts. */
  onCaseStart?: (contractCase: ContractCase, index: number, total: number) => void;
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

/** Why `contractCase` cannot run against `target`, or undefined. */
function missingRequirement(
  contractCase: ContractCase,
  target: ContractTarget,
  settings: ContractSettings,
): string | undefined {
  const requires = contractCase.requires ?? [];
  if (requires.includes('status-probe') && target.gateway.status === undefined) {
    return 'needs a status probe (GatewayAdapter.status), which this gateway adapter lacks';
  }
  if (requires.includes('faults') && target.simulator.faults === undefined) {
    return 'needs fault rules (ContractSimulator.faults), which this simulator lacks';
  }
  if (requires.includes('concurrency-limit') && settings.concurrency === undefined) {
    return "needs the gateway's concurrency limit (settings.concurrency, gateway.concurrency in the config)";
  }
  return undefined;
}

/** Hands out integers unique within one run. */
class RunSequence {
  private next = 1;
  take(count: number): number {
    const first = this.next;
    this.next += Math.max(1, Math.floor(count));
    return first;
  }
}

/** One sequence per target, so runs against the same target (a case at a time) never reuse a recipient. */
const sequences = new WeakMap<ContractTarget, RunSequence>();

/** Keeps rule ids of different runs against one simulator apart. */
const runTag = (): string =>
  `${Date.now().toString(36)}${Math.floor(Math.random() * 36 ** 4).toString(36)}`;

interface RunSettings {
  journal: 'scope' | 'clear';
  caseTimeoutMs: number;
  timeouts: CaseTimeouts;
  settings: ContractSettings;
  sequence: RunSequence;
  tag: string;
}

/** What one running case has gathered: its failures, its fault rules and its evidence. */
interface CaseState {
  failures: FailureRecord[];
  ruleIds: string[];
  ruleCount: number;
  /** Journal entries recorded before the case started (scope mode). */
  before: Set<string>;
  /**
   * The newest `seq` among them: the case's queries ask only for later entries, so a poll copies
   * (or, from a remote simulator, transfers) the case's own traffic, not the whole journal.
   */
  beforeSeq?: number;
  recorder: EvidenceRecorder;
}

/** The context one case runs with, recording into `state`. */
function createCaseContext(
  contractCase: ContractCase,
  target: ContractTarget,
  options: RunSettings,
  state: CaseState,
): CaseContext {
  const { journal } = target.simulator;
  const post: CallbackFirer =
    target.fireCallback ??
    ((url, body, headers) =>
      postJson(url, body, headers, Math.max(5000, options.settings.callbackDeadlineMs * 2)));
  return {
    simulator: target.simulator,
    gateway: target.gateway,
    timeouts: options.timeouts,
    settings: options.settings,
    sequence: (count = 1) => options.sequence.take(count),
    async addFaults(rules) {
      const faults = target.simulator.faults;
      if (!faults) throw new Error('this simulator has no fault rules (ContractSimulator.faults)');
      const withIds = rules.map((rule) => ({
        ...rule,
        id: `contract-${options.tag}-${contractCase.id}-${++state.ruleCount}`,
      }));
      await faults.addRules(withIds);
      const ids = withIds.map((r) => r.id);
      state.ruleIds.push(...ids);
      return ids;
    },
    async requests(query) {
      const after = state.beforeSeq;
      const scoped =
        after === undefined ? query : { ...query, after: Math.max(query?.after ?? 0, after) };
      // Still filtered by key: a journal that ignores `after` gives the same answer, only slower.
      const entries = (await journal.list(scoped)).filter((e) => !state.before.has(entryKey(e)));
      state.recorder.sawRequests(entries);
      return entries;
    },
    async fireCallback(url, body, headers) {
      try {
        const answer = await post(url, body, headers);
        state.recorder.firedCallback(url, body, headers, answer);
        return answer;
      } catch (error) {
        state.recorder.firedCallback(url, body, headers, undefined, (error as Error).message);
        throw error;
      }
    },
    fail(failure) {
      state.failures.push(failure);
    },
    waitFor(what, check, timeoutMs = options.timeouts.settleMs) {
      return waitFor(what, check, timeoutMs);
    },
  };
}

/** Removes the case's fault rules; one that cannot be removed must not hide the verdict. */
async function removeRules(target: ContractTarget, ruleIds: string[]): Promise<void> {
  for (const id of ruleIds.splice(0)) {
    try {
      await target.simulator.faults?.remove(id);
    } catch {
      // The simulator went away: nothing left to clean.
    }
  }
}

/** Runs `contractCase` until it ends or `caseTimeoutMs` passes; resolves to the error text, if any. */
async function runBounded(
  contractCase: ContractCase,
  ctx: CaseContext,
  state: CaseState,
  caseTimeoutMs: number,
): Promise<string | undefined> {
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      contractCase.run(ctx),
      new Promise<never>((_, reject) => {
        timer = setTimeout(
          () => reject(new Error(`did not finish within ${caseTimeoutMs} ms`)),
          caseTimeoutMs,
        );
      }),
    ]);
    return undefined;
  } catch (thrown) {
    if (thrown instanceof ContractFailure) {
      state.failures.push(thrown.toRecord());
      return undefined;
    }
    return thrown instanceof Error ? thrown.message : String(thrown);
  } finally {
    clearTimeout(timer);
  }
}

async function runOne(
  contractCase: ContractCase,
  target: ContractTarget,
  options: RunSettings,
): Promise<CaseResult> {
  const base = { id: contractCase.id, provider: contractCase.provider, title: contractCase.title };
  const skip = missingRequirement(contractCase, target, options.settings);
  if (skip !== undefined)
    return { ...base, status: 'skipped', failures: [], reason: skip, durationMs: 0 };

  const { journal } = target.simulator;
  const state: CaseState = {
    failures: [],
    ruleIds: [],
    ruleCount: 0,
    before: new Set<string>(),
    recorder: new EvidenceRecorder(),
  };
  if (options.journal === 'clear') {
    if (!journal.clear)
      throw new Error('runContract: journal "clear" needs a journal with clear()');
    await journal.clear();
  } else {
    const before = await journal.list();
    state.before = new Set(before.map(entryKey));
    for (const { seq } of before) {
      if (Number.isInteger(seq)) state.beforeSeq = Math.max(state.beforeSeq ?? 0, seq);
    }
  }
  const ctx = createCaseContext(contractCase, target, options, state);
  const started = performance.now();
  const error = await runBounded(contractCase, ctx, state, options.caseTimeoutMs);
  await removeRules(target, state.ruleIds);
  const { failures } = state;
  const status: CaseStatus =
    failures.length > 0 ? 'failed' : error !== undefined ? 'errored' : 'passed';
  return {
    ...base,
    status,
    // A copy: a case that timed out may still be running and recording.
    failures: [...failures],
    ...(error !== undefined && { reason: error }),
    durationMs: Math.round(performance.now() - started),
    evidence: state.recorder.evidence(),
  };
}

/** `settings` without the keys whose value is undefined, so they do not hide defaults. */
function definedOnly(settings: Partial<ContractSettings>): Partial<ContractSettings> {
  return Object.fromEntries(Object.entries(settings).filter(([, value]) => value !== undefined));
}

/** Runs `cases` one after another against `target` and reports each one's verdict. */
export async function runContract(
  cases: readonly ContractCase[],
  target: ContractTarget,
  options: RunContractOptions = {},
): Promise<ContractReport> {
  checkCaseIds(cases);
  for (const [name, ids] of [
    ['only', options.only],
    ['skip', options.skip],
  ] as const) {
    const unknown = (ids ?? []).filter((id) => !cases.some((c) => c.id === id));
    if (unknown.length > 0) {
      throw new Error(
        `runContract: ${name} names no case with id ${unknown.map((id) => `"${id}"`).join(', ')}; known: ${cases.map((c) => c.id).join(', ')}`,
      );
    }
  }
  const selected = cases.filter(
    (c) => (!options.only || options.only.includes(c.id)) && !options.skip?.includes(c.id),
  );
  const settings: RunSettings = {
    journal: options.journal ?? 'scope',
    caseTimeoutMs: options.caseTimeoutMs ?? 60_000,
    timeouts: { ...DEFAULT_TIMEOUTS, ...options.timeouts },
    settings: { ...DEFAULT_CONTRACT_SETTINGS, ...definedOnly(options.settings ?? {}) },
    sequence: sequences.get(target) ?? new RunSequence(),
    tag: runTag(),
  };
  sequences.set(target, settings.sequence);
  const startedAt = new Date();
  const started = performance.now();
  const results: CaseResult[] = [];
  for (const [index, contractCase] of selected.entries()) {
    options.onCaseStart?.(contractCase, index, selected.length);
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

/**
 * Runs one case against `target` and resolves to its result: for a test runner's own `it` per
 * case (`expect(result.status, formatCaseResult(result)).toBe('passed')`).
 */
export async function runContractCase(
  contractCase: ContractCase,
  target: ContractTarget,
  options: Omit<RunContractOptions, 'only' | 'skip'> = {},
): Promise<CaseResult> {
  return (await runContract([contractCase], target, options)).results[0]!;
}
