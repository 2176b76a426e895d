import { loadContract } from '../../../contracts/registry.js';
import type { ContractCase, ContractReport } from '../../../src/contracts/index.js';
import {
  defectSwitches,
  PROOF_PROVIDERS,
  proofProviders,
  providerDefectSwitches,
  type DefectSwitch,
} from './defect-catalog.js';
import type { ProofRuns } from './kill-matrix.js';
import { runAgainstReferenceGateway } from './reference-run.js';

/** Which part of the proof to run. */
export interface ProofOptions {
  /** Providers whose cases run; default every provider with contract cases. */
  providers?: readonly string[];
  /** Defect switches to run (by name); default all of them. */
  defects?: readonly string[];
  /** Suite runs at once, each with its own gateway and simulator; default 4. */
  parallel?: number;
  /** Called as each run ends (`clean` or a defect's name). */
  onRun?: (label: string, report: ContractReport) => void;
}

/** Runs `tasks` with at most `parallel` at once, keeping their order in the results. */
async function inParallel<T>(tasks: readonly (() => Promise<T>)[], parallel: number): Promise<T[]> {
  const results: T[] = new Array<T>(tasks.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < tasks.length) {
      const index = next++;
      results[index] = await tasks[index]!();
    }
  };
  await Promise.all(Array.from({ length: Math.min(parallel, tasks.length) }, worker));
  return results;
}

/**
 * Runs every case against the clean reference gateway and against the gateway with each defect
 * switch on (each run on a fresh gateway and simulator).
 */
export async function runProof(options: ProofOptions = {}): Promise<ProofRuns> {
  const providers = options.providers ?? PROOF_PROVIDERS;
  const cases: ContractCase[] = [];
  for (const provider of providers) cases.push(...(await loadContract(provider)));
  const all = defectSwitches(providers);
  const unknown = (options.defects ?? []).filter((name) => !all.some((d) => d.name === name));
  if (unknown.length > 0) {
    throw new Error(
      `runProof: no defect switch ${unknown.join(', ')}; known: ${all.map((d) => d.name).join(', ')}`,
    );
  }
  const defects: DefectSwitch[] = options.defects
    ? all.filter((d) => options.defects!.includes(d.name))
    : all;
  // A provider module's own switch can only change that provider's traffic: only its cases run.
  const runs: { label: string; gateway: DefectSwitch['options']; cases: ContractCase[] }[] = [
    { label: 'clean', gateway: {}, cases },
    ...defects.map((d) => ({
      label: d.name,
      gateway: d.options,
      cases: d.provider === undefined ? cases : cases.filter((c) => c.provider === d.provider),
    })),
  ];
  const reports = await inParallel(
    runs.map((run) => async () => {
      const report = await runAgainstReferenceGateway(run.cases, { gateway: run.gateway });
      options.onRun?.(run.label, report);
      return report;
    }),
    options.parallel ?? 4,
  );
  return {
    cases: cases.map((c) => ({ id: c.id, provider: c.provider })),
    clean: reports[0]!,
    defects,
    byDefect: new Map(defects.map((d, i) => [d.name, reports[i + 1]!])),
  };
}

/** One provider's kill matrix: its cases against the clean gateway and each switch that can reach it. */
export interface ProviderProof extends ProofRuns {
  provider: string;
}

/** Which providers `runProviderProofs` proves, and how. */
export interface ProviderProofOptions {
  /** Default every provider with contract cases and a gateway module (`proofProviders()`). */
  providers?: readonly string[];
  /** Suite runs at once over every provider, each with its own gateway and simulator; default 4. */
  parallel?: number;
  /** Called as each run ends. */
  onRun?: (provider: string, label: string, report: ContractReport) => void;
}

/**
 * One kill matrix per provider: the provider's cases against the clean gateway and against each
 * switch that can reach its traffic. Every provider's runs share one pool of `parallel` slots.
 */
export async function runProviderProofs(
  options: ProviderProofOptions = {},
): Promise<ProviderProof[]> {
  const providers = options.providers ?? proofProviders();
  const plans = await Promise.all(
    providers.map(async (provider) => ({
      provider,
      cases: await loadContract(provider),
      defects: providerDefectSwitches(provider),
    })),
  );
  const runs = plans.flatMap((plan) =>
    [{ name: 'clean', options: {} }, ...plan.defects].map((d) => ({
      plan,
      label: d.name,
      gateway: d.options,
    })),
  );
  const reports = await inParallel(
    runs.map((run) => async () => {
      const report = await runAgainstReferenceGateway(run.plan.cases, { gateway: run.gateway });
      options.onRun?.(run.plan.provider, run.label, report);
      return report;
    }),
    options.parallel ?? 4,
  );
  let at = 0;
  return plans.map((plan) => {
    const own = reports.slice(at, at + plan.defects.length + 1);
    at += plan.defects.length + 1;
    return {
      provider: plan.provider,
      cases: plan.cases.map((c) => ({ id: c.id, provider: c.provider })),
      clean: own[0]!,
      defects: plan.defects,
      byDefect: new Map(plan.defects.map((d, i) => [d.name, own[i + 1]!])),
    };
  });
}
