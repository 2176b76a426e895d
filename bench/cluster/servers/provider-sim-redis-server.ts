import { openSimulator } from '../../../src/app/create-simulator.js';
import { sinchSms } from '../../../simulators/sinch-sms/index.js';
import { reportReady } from '../../servers/serve-over-ipc.js';
import { BENCH_FAULTS } from '../bench-faults.js';

// The main bench's provider-sim server with its state on Redis (BENCH_REDIS_URL): the same
// zero-millisecond latency rule, the same pipeline, DLRs to BENCH_SINK_URL.
const redis = process.env.BENCH_REDIS_URL;
if (!redis) throw new Error('BENCH_REDIS_URL is not set');
const sink = process.env.BENCH_SINK_URL;
const simulator = await openSimulator(
  {
    port: 0,
    host: '127.0.0.1',
    log: { level: 'silent' },
    faults: BENCH_FAULTS,
    state: { redis },
    ...(sink && { callbackUrl: sink }),
  },
  [sinchSms],
);

const url = await simulator.listen();
reportReady(Number(new URL(url).port));
