import { createSimulator } from '../../src/app/create-simulator.js';
import { sinchSms } from '../../simulators/sinch-sms/index.js';
import { reportReady } from './serve-over-ipc.js';

// The whole pipeline: a zero-millisecond latency rule still sends every request through fault
// evaluation; auth, validation, journal and lifecycle run as always; with BENCH_SINK_URL set,
// every accepted send's DLR is dispatched to the benchmark's sink.
const sink = process.env.BENCH_SINK_URL;
const simulator = createSimulator(
  {
    port: 0,
    host: '127.0.0.1',
    log: { level: 'silent' },
    faults: { latency: { type: 'fixed', ms: 0 } },
    ...(sink && { callbackUrl: sink }),
  },
  [sinchSms],
);

const url = await simulator.listen();
reportReady(Number(new URL(url).port));
