import { loadContract } from '../../../contracts/registry.js';
import type { ContractCase, ContractReport } from '../../../src/contracts/index.js';
import { proofProviders, providerDefectSwitches, type DefectSwitch } from './defect-catalog.js';
import type { ProofRuns } from './kill-matrix.js';
import { runAgainstReferenceGateway, type ReferenceRunOptions } from './reference-run.js';

/**
 * Lets at most `size` suite runs go at once, the rest waiting in the order they came. A run mostly
 * waits on sockets and timers, so many fit on one core.
 */
export class RunPool {
  private active = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(readonly size: number) {
    if (!(size >= 1)) throw new Error(`RunPool: size must be at least 1, got ${size}`);
  }

  /** Runs `task` once a slot is free; resolves or rejects as it does. */
  async run<T>(task: () => Promise<T>): Promise<T> {
    if (this.active < this.size) this.active++;
    // A run that ends hands its slot straight to the next in line.
    else await new Promise<void>((resolve) => this.waiting.push(resolve));
    try {
      return await task();
    } finally {
      const next = this.waiting.shift();
      if (next) next();
      else this.active--;
    }
  }
}

/**
 * Suite runs at once by default. A run mostly waits on timers, so many share a core; many more and
 * the event loop lags enough to break the suite's own timing checks (callback deadlines, backoff).
 */
export const DEFAULT_PROOF_PARALLEL = 12;

/**
 * Groups a defect's run is dealt into by default: the slowest defect (every callback answered
 * late) then takes about as long as the clean run.
 */
export const DEFAULT_DEFECT_GROUPS = 4;

/** `promise` with its rejection marked handled, so a run that fails before anyone awaits it is no crash. */
function settledLater<T>(promise: Promise<T>): Promise<T> {
  promise.catch(() => undefined);
  return promise;
}

/** One provider's kill matrix: its cases against the clean gateway and each switch that can reach it. */
export interface ProviderProof extends ProofRuns {
  provider: string;
}

/**
 * One report for `cases` out of the reports of groups of them (each group run on its own gateway
 * and simulator): results in case order, and the longest group's duration.
 */
export function mergeReports(
  cases: readonly ContractCase[],
  reports: readonly ContractReport[],
): ContractReport {
  const byId = new Map(reports.flatMap((r) => r.results.map((result) => [result.id, result])));
  const results = cases.flatMap((c) => byId.get(c.id) ?? []);
  const summary = { total: results.length, passed: 0, failed: 0, errored: 0, skipped: 0 };
  for (const r of results) summary[r.status]++;
  return {
    startedAt: reports.map((r) => r.startedAt).sort()[0] ?? new Date().toISOString(),
    durationMs: Math.max(0, ...reports.map((r) => r.durationMs)),
    summary,
    results,
  };
}

/** `cases` dealt into `count` groups in turn, so slow cases of a kind spread over the groups. */
function dealt<T>(cases: readonly T[], count: number): T[][] {
  const groups = Array.from({ length: Math.max(1, Math.min(count, cases.length)) }, (): T[] => []);
  cases.forEach((c, i) => groups[i % groups.length]!.push(c));
  return groups;
}

/** How `startProviderProof` runs one provider's suite. */
export interface StartProviderProofOptions {
  /** Where the runs wait for a slot; share one among providers to bound them together. */
  pool: RunPool;
  /** Also run the suite once through an adapter without the status probe (`withoutProbe`). */
  withoutProbe?: boolean;
  /**
   * Groups each defect's run is dealt into, each group on its own gateway and simulator, so one
   * slow defect (every callback late) does not outlast the rest; default 1. The clean run and the
   * run without a probe always run the whole suite on one gateway.
   */
  defectGroups?: number;
  /**
   * Start the provider's other runs only once its clean run has ended: the clean run then meets
   * every lazy first use (schema compiles, module loads) with few runs beside it to stall while they
   * time their callbacks, and the runs after it meet none.
   */
  cleanFirst?: boolean;
  /** Called as each run ends (`clean`, `without probe` or a defect's name). */
  onRun?: (label: string, report: ContractReport) => void;
}

/** One provider's runs, each started at once on the pool: await any of them, or `proof()` for all. */
export interface ProviderProofRuns {
  provider: string;
  cases: readonly ContractCase[];
  defects: readonly DefectSwitch[];
  clean: Promise<ContractReport>;
  /** The run without a status probe, when asked for. */
  withoutProbe?: Promise<ContractReport>;
  /** The run with each defect switch on, by switch name. */
  byDefect: ReadonlyMap<string, Promise<ContractReport>>;
  /** The kill matrix once every run has ended. */
  proof(): Promise<ProviderProof>;
}

/**
 * Starts `provider`'s cases against the clean gateway and against each switch that can reach its
 * traffic (`providerDefectSwitches`), every run on a fresh gateway and simulator.
 */
export async function startProviderProof(
  provider: string,
  options: StartProviderProofOptions,
): Promise<ProviderProofRuns> {
  const cases = await loadContract(provider);
  const defects = providerDefectSwitches(provider);
  const runOn = (group: readonly ContractCase[], run: ReferenceRunOptions) =>
    options.pool.run(() => runAgainstReferenceGateway(group, run));
  const start = (
    label: string,
    run: ReferenceRunOptions,
    groups: readonly (readonly ContractCase[])[] = [cases],
    after: Promise<unknown> = Promise.resolve(),
  ): Promise<ContractReport> =>
    settledLater(
      after
        .then(() => Promise.all(groups.map((group) => runOn(group, run))))
        .then((reports) => {
          const report = reports.length === 1 ? reports[0]! : mergeReports(cases, reports);
          options.onRun?.(label, report);
          return report;
        }),
    );
  const clean = start('clean', {});
  const afterClean = options.cleanFirst ? clean.catch(() => undefined) : Promise.resolve();
  const withoutProbe = options.withoutProbe
    ? start('without probe', { withoutProbe: true }, [cases], afterClean)
    : undefined;
  const groups = dealt(cases, options.defectGroups ?? 1);
  const byDefect = new Map(
    defects.map((d) => [d.name, start(d.name, { gateway: d.options }, groups, afterClean)]),
  );
  return {
    provider,
    cases,
    defects,
    clean,
    ...(withoutProbe && { withoutProbe }),
    byDefect,
    async proof() {
      const [cleanReport, ...reports] = await Promise.all([clean, ...byDefect.values()]);
      return {
        provider,
        cases: cases.map((c) => ({ id: c.id, provider: c.provider })),
        clean: cleanReport,
        defects,
        byDefect: new Map(defects.map((d, i) => [d.name, reports[i]!])),
      };
    },
  };
}

/** Which providers `runProviderProofs` proves, and how. */
export interface ProviderProofOptions {
  /** Default every provider with contract cases and a gateway module (`proofProviders()`). */
  providers?: readonly string[];
  /** Suite runs at once over every provider, each with its own gateway and simulator; default `DEFAULT_PROOF_PARALLEL`. */
  parallel?: number;
  /** Groups each defect's run is dealt into (`StartProviderProofOptions.defectGroups`); default `DEFAULT_DEFECT_GROUPS`. */
  defectGroups?: number;
  /** Called as each run ends. */
  onRun?: (provider: string, label: string, report: ContractReport) => void;
}

/**
 * One kill matrix per provider: the provider's cases against the clean gateway and against each
 * switch that can reach its traffic. Every provider's runs share one pool of `parallel` slots; a
 * provider's other runs start once its clean run has ended (`cleanFirst`).
 */
export async function runProviderProofs(
  options: ProviderProofOptions = {},
): Promise<ProviderProof[]> {
  const pool = new RunPool(options.parallel ?? DEFAULT_PROOF_PARALLEL);
  const started = await Promise.all(
    (options.providers ?? proofProviders()).map((provider) =>
      startProviderProof(provider, {
        pool,
        defectGroups: options.defectGroups ?? DEFAULT_DEFECT_GROUPS,
        cleanFirst: true,
        ...(options.onRun && {
          onRun: (label: string, report: ContractReport) => options.onRun!(provider, label, report),
        }),
      }),
    ),
  );
  return Promise.all(started.map((runs) => runs.proof()));
}
