import autocannon from 'autocannon';
import { SINCH_SMS_BODY, SINCH_SMS_HEADERS, SINCH_SMS_PATH } from './sinch-request.js';

/** What one fixed-duration autocannon run measured. */
export interface LoadResult {
  /** Mean of the per-second request counts. */
  requestsPerSec: number;
  p50Ms: number;
  p99Ms: number;
  /** Responses counted, all statuses. */
  requests: number;
  non2xx: number;
  /** Connection errors, timeouts included. */
  errors: number;
  timeouts: number;
  durationSec: number;
  /** CPU this process (the load generator) used, as a share of one core. */
  loadCpuPercent: number;
}

/** Runs autocannon against the benchmark route of `baseUrl` for `durationSec` seconds. */
export async function runLoad(
  baseUrl: string,
  connections: number,
  durationSec: number,
): Promise<LoadResult> {
  const cpuBefore = process.cpuUsage();
  const startedAt = performance.now();
  const result = await autocannon({
    url: new URL(SINCH_SMS_PATH, baseUrl).href,
    method: 'POST',
    headers: SINCH_SMS_HEADERS,
    body: SINCH_SMS_BODY,
    connections,
    duration: durationSec,
  });
  const elapsedMicros = (performance.now() - startedAt) * 1000;
  const cpu = process.cpuUsage(cpuBefore);
  return {
    requestsPerSec: result.requests.mean,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    requests: result.requests.total,
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
    durationSec: result.duration,
    loadCpuPercent: (100 * (cpu.user + cpu.system)) / elapsedMicros,
  };
}
