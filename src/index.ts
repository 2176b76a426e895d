/**
 * provider-sim as a library: start simulators from a test suite, inspect the journal, load providers.
 * @example
 *   const sim = await startSimulator({ port: 0, callbackUrl: 'http://127.0.0.1:3000/dlr' });
 *   // ... drive your gateway against sim.url ...
 *   await sim.close();
 */
import { openSimulator, type Simulator, type SimulatorServices } from './app/create-simulator.js';
import type { SimConfigInput } from './config/sim-config.js';
import { loadProviders } from '../simulators/registry.js';

export { createSimulator, openSimulator } from './app/create-simulator.js';
export type { Simulator, SimulatorServices, ShutdownReport } from './app/create-simulator.js';
export type { JournalReader } from './engine/journal/journal-reader.js';
export type {
  SimConfig,
  SimConfigInput,
  ProviderConfig,
  FaultsConfig,
  LogLevel,
} from './config/sim-config.js';
export { loadConfig, resolveConfig } from './config/load-config.js';
export { loadProviders, PROVIDER_REGISTRY } from '../simulators/registry.js';
export { SchemaRegistry } from './engine/validation/schema-registry.js';
export { SampleGenerator } from './engine/generation/sample-generator.js';
export { ManualClock, systemClock, type Clock } from './engine/clock.js';
export { createRandom, type Random } from './engine/random.js';
export { SimError } from './engine/errors.js';
export type { ServeEvent, SubEvent, JournaledMessage } from './engine/journal/serve-event.js';
export type { JournalQuery } from './engine/journal/query.js';
export type { ProviderSummary } from './engine/describe-providers.js';
export type * from './engine/provider-api.js';

/** Creates a simulator of the providers in `config` (all by default; joined to its Redis when `state.redis` is set) and starts listening. */
export async function startSimulator(
  config: SimConfigInput = {},
  options: SimulatorServices & { providers?: string[] } = {},
): Promise<Simulator> {
  const simulator = await openSimulator(config, await loadProviders(options.providers), options);
  await simulator.listen();
  return simulator;
}
