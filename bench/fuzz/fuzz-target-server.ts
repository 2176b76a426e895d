import { loadProviders } from '../../simulators/registry.js';
import { createSimulator } from '../../src/app/create-simulator.js';
import { reportReady } from '../servers/serve-over-ipc.js';

// Every provider, defaults otherwise: what a gateway team would start in CI.
const simulator = createSimulator(
  { port: 0, host: '127.0.0.1', log: { level: 'silent' }, seed: 'fuzz' },
  await loadProviders(),
);
const url = await simulator.listen();
reportReady(Number(new URL(url).port));
