import { createSimulator } from '../../src/app/create-simulator.js';
import { sinchSms } from '../../simulators/sinch-sms/index.js';
import { reportReady } from './serve-over-ipc.js';

// A zero-millisecond latency rule still sends every request through fault evaluation.
const simulator = createSimulator(
  {
    port: 0,
    host: '127.0.0.1',
    log: { level: 'silent' },
    faults: { latency: { type: 'fixed', ms: 0 } },
  },
  [sinchSms],
);

const url = await simulator.listen();
reportReady(Number(new URL(url).port));
