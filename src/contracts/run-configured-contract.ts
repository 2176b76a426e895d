import { loadProviders } from '../../simulators/registry.js';
import { loadContract } from '../../contracts/registry.js';
import type { SimConfigInput } from '../config/sim-config.js';
import { createSimulator, type Simulator } from '../app/create-simulator.js';
import type { ContractConfig } from './config/contract-config.js';
import { createConfiguredGatewayAdapter } from './gateway-adapters/configured-gateway-adapter.js';
import { connectSimulator } from './remote-simulator.js';
import { runContract } from './runner.js';
import type { CaseResult, ContractCase, ContractReport, ContractSimulator } from './types.js';

/** What a configured run reports while it goes. */
export interface ConfiguredRunEvents {
  /** One line about the set-up (simulator started or reached, gateway ready). */
  onInfo?: (line: string) => void;
  onCaseStart?: (contractCase: ContractCase, index: number, total: number) => void;
  onResult?: (result: CaseResult) => void;
}

/**
 * The simulator config with each provider's callbacks pointed at the gateway: kinds the config
 * names go to their URL, the provider's other kinds to its first URL.
 */
function withGatewayCallbacks(
  config: SimConfigInput,
  callbacks: ContractConfig['gateway']['callbacks'],
  callbackKinds: ReadonlyMap<string, readonly string[]>,
): SimConfigInput {
  const providers = { ...config.providers };
  for (const [provider, urls] of Object.entries(callbacks)) {
    const first = Object.values(urls)[0]!;
    const kinds = callbackKinds.get(provider) ?? Object.keys(urls);
    const targets = Object.fromEntries(kinds.map((kind) => [kind, urls[kind] ?? first]));
    const own = providers[provider];
    providers[provider] = { ...own, callbacks: { ...targets, ...own?.callbacks } };
  }
  return { ...config, providers };
}

/** Polls `url` until it answers 2xx; throws naming the URL and the last problem after `timeoutMs`. */
async function waitUntilReady(url: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last = 'no answer yet';
  for (;;) {
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(2000) });
      await response.arrayBuffer();
      if (response.ok) return;
      last = `answered ${response.status}`;
    } catch (error) {
      last = (error as Error).message;
    }
    if (Date.now() >= deadline) {
      throw new Error(`the gateway was not ready at ${url} within ${timeoutMs} ms (${last})`);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/**
 * Runs the contract a config describes: starts the simulator (or reaches the one at
 * `simulator.url`), waits for the gateway, drives it through its hooks with the cases of the
 * configured providers, and stops what it started. Bounded by `timeouts.totalMs`.
 */
export async function runConfiguredContract(
  config: ContractConfig,
  events: ConfiguredRunEvents = {},
): Promise<ContractReport> {
  let simulator: ContractSimulator & { url: string | undefined };
  let started: Simulator | undefined;
  if (config.simulator.url !== undefined) {
    const token = config.simulator.config.admin?.token;
    const remote = connectSimulator(config.simulator.url, {
      ...(token !== undefined && { adminToken: token }),
    });
    const health = await remote.health();
    const missing = config.providers.filter((p) => !health.providers.includes(p));
    if (missing.length > 0) {
      throw new Error(
        `the simulator at ${remote.url} does not serve ${missing.join(', ')}; it serves ${health.providers.join(', ')}`,
      );
    }
    events.onInfo?.(`simulator: ${remote.url} (running; seed "${health.seed}")`);
    simulator = remote;
  } else {
    const definitions = await loadProviders();
    const kinds = new Map(definitions.map((d) => [d.id, Object.keys(d.callbacks)]));
    started = createSimulator(
      withGatewayCallbacks(
        { seed: config.seed, log: { level: 'error' }, ...config.simulator.config },
        config.gateway.callbacks,
        kinds,
      ),
      definitions,
    );
    const url = await started.listen();
    events.onInfo?.(`simulator: ${url} (started; seed "${started.config.seed}")`);
    simulator = started;
  }
  let timer: NodeJS.Timeout | undefined;
  try {
    if (config.gateway.ready) {
      await waitUntilReady(config.gateway.ready.url, config.gateway.ready.timeoutMs);
      events.onInfo?.(`gateway: ready at ${config.gateway.ready.url}`);
    }
    const gateway = createConfiguredGatewayAdapter(config.gateway, {
      simulatorUrl: simulator.url!,
    });
    const cases: ContractCase[] = [];
    for (const provider of config.providers) cases.push(...(await loadContract(provider)));
    const run = runContract(
      cases,
      { simulator, gateway },
      {
        settings: {
          ...config.settings,
          seed: config.seed,
          ...(config.gateway.concurrency !== undefined && {
            concurrency: config.gateway.concurrency,
          }),
        },
        timeouts: { settleMs: config.timeouts.settleMs, graceMs: config.timeouts.graceMs },
        caseTimeoutMs: config.timeouts.caseMs,
        ...(config.cases.only && { only: config.cases.only }),
        ...(config.cases.skip && { skip: config.cases.skip }),
        ...(events.onCaseStart && { onCaseStart: events.onCaseStart }),
        ...(events.onResult && { onResult: events.onResult }),
      },
    );
    return await Promise.race([
      run,
      new Promise<never>((_, reject) => {
        timer = setTimeout(
          () =>
            reject(
              new Error(
                `the contract run took longer than ${config.timeouts.totalMs} ms (timeouts.totalMs)`,
              ),
            ),
          config.timeouts.totalMs,
        );
      }),
    ]);
  } finally {
    clearTimeout(timer);
    await started?.close({ drain: false });
  }
}
