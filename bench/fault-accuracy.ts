import autocannon from 'autocannon';
import type { FaultsConfig } from '../src/config/sim-config.js';
import type { Pinning } from './cpu-pinning.js';
import { quantile, runOpenLoop } from './open-loop.js';
import { expectOk } from './probe.js';
import { startServer, type ServerProcess } from './server-process.js';
import { SINCH_SMS_BODY, SINCH_SMS_HEADERS, SINCH_SMS_PATH } from './sinch-request.js';

/** Configured fixed latency, and the rate it is checked at. */
const LATENCY_MS = 200;
const LATENCY_RATE = 500;
/** Configured error rate, and how many requests measure it. */
const ERROR_RATE = 0.1;
const ERROR_REQUESTS = 10_000;

/** What the fault accuracy runs observed. */
export interface FaultAccuracy {
  latency: {
    configuredMs: number;
    ratePerSec: number;
    achievedPerSec: number;
    p50Ms: number;
    p99Ms: number;
    requests: number;
  };
  errorRate: { configured: number; requests: number; errors: number; observed: number };
}

async function withServer<T>(
  pinning: Pinning,
  faults: FaultsConfig,
  run: (server: ServerProcess) => Promise<T>,
): Promise<T> {
  process.env.BENCH_FAULTS = JSON.stringify(faults);
  const server = await startServer({
    name: 'provider-sim (faults)',
    script: new URL('./servers/provider-sim-faults-server.js', import.meta.url),
    launcher: pinning.launcher,
  });
  try {
    return await run(server);
  } finally {
    await server.stop();
  }
}

const target = (url: string): Pick<autocannon.Options, 'url' | 'method' | 'headers' | 'body'> => ({
  url: new URL(SINCH_SMS_PATH, url).href,
  method: 'POST',
  headers: SINCH_SMS_HEADERS,
  body: SINCH_SMS_BODY,
});

/** Measures how closely configured latency and error rate are observed from outside. */
export async function measureFaultAccuracy(
  pinning: Pinning,
  durationSec: number,
): Promise<FaultAccuracy> {
  const latency = await withServer(
    pinning,
    { latency: { type: 'fixed', ms: LATENCY_MS } },
    async (server) => {
      await expectOk(server.name, server.url);
      const url = new URL(SINCH_SMS_PATH, server.url).href;
      const result = await runOpenLoop(
        url,
        SINCH_SMS_BODY,
        SINCH_SMS_HEADERS,
        LATENCY_RATE,
        durationSec,
      );
      const round = (ms: number): number => Math.round(ms * 10) / 10;
      return {
        configuredMs: LATENCY_MS,
        ratePerSec: LATENCY_RATE,
        achievedPerSec: result.achievedPerSec,
        p50Ms: round(quantile(result.latenciesMs, 0.5)),
        p99Ms: round(quantile(result.latenciesMs, 0.99)),
        requests: result.latenciesMs.length,
      };
    },
  );
  const errorRate = await withServer(
    pinning,
    { errorRate: { rate: ERROR_RATE, error: 'server_error' } },
    async (server) => {
      const result = await autocannon({
        ...target(server.url),
        connections: 20,
        amount: ERROR_REQUESTS,
      });
      const requests = result.requests.total;
      return {
        configured: ERROR_RATE,
        requests,
        errors: result.non2xx,
        observed: result.non2xx / requests,
      };
    },
  );
  return { latency, errorRate };
}

/** The accuracy figures and their targets, as text. */
export function formatFaultAccuracy(a: FaultAccuracy): string {
  const mark = (ok: boolean): string => (ok ? 'PASS' : 'MISS');
  const p50Off = a.latency.p50Ms - a.latency.configuredMs;
  const p99Off = a.latency.p99Ms - a.latency.configuredMs;
  const points = Math.abs(a.errorRate.observed - a.errorRate.configured) * 100;
  return [
    'fault accuracy:',
    `  fixed latency ${a.latency.configuredMs} ms at ${a.latency.ratePerSec} req/s (achieved ${a.latency.achievedPerSec.toFixed(0)}/s, ${a.latency.requests} requests): p50 ${a.latency.p50Ms} ms, p99 ${a.latency.p99Ms} ms`,
    `  error rate ${(a.errorRate.configured * 100).toFixed(0)}%: ${a.errorRate.errors} of ${a.errorRate.requests} requests failed = ${(a.errorRate.observed * 100).toFixed(2)}%`,
    `  ${mark(Math.abs(p50Off) <= 5)}  latency p50 within 5 ms of ${a.latency.configuredMs} ms: ${p50Off >= 0 ? '+' : ''}${p50Off.toFixed(1)} ms`,
    `  ${mark(p99Off >= 0 && p99Off <= 20)}  latency p99 within 20 ms of ${a.latency.configuredMs} ms: +${p99Off.toFixed(1)} ms`,
    `  ${mark(points <= 1)}  error rate within 1 percentage point: ${points.toFixed(2)} points off`,
  ].join('\n');
}
