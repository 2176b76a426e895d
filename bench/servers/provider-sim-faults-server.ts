import type { FaultsConfig } from '../../src/config/sim-config.js';
import { createSimulator } from '../../src/app/create-simulator.js';
import { sinchSms } from '../../simulators/sinch-sms/index.js';
import { reportReady } from './serve-over-ipc.js';

// The faults under test come from the parent, so one server script serves every accuracy run.
const faults = JSON.parse(process.env.BENCH_FAULTS ?? '{}') as FaultsConfig;

const simulator = createSimulator(
  { port: 0, host: '127.0.0.1', log: { level: 'silent' }, seed: 'fault-accuracy', faults },
  [sinchSms],
);

const url = await simulator.listen();
reportReady(Number(new URL(url).port));
