import http from 'node:http';

/** Latencies (ms) of requests sent on a fixed schedule, whatever the answers' timing. */
export interface OpenLoopResult {
  latenciesMs: number[];
  statuses: Map<number, number>;
  errors: number;
  /** Requests per second actually sent. */
  achievedPerSec: number;
}

/**
 * Sends `rate` POSTs a second for `durationSec` over keep-alive connections, each timed from its
 * own send to the end of its answer. Open loop: a slow answer never delays the next send (closed-
 * loop tools such as autocannon hide the latency they are asked to measure when they fall behind).
 */
export async function runOpenLoop(
  url: string,
  body: string,
  headers: Record<string, string>,
  rate: number,
  durationSec: number,
): Promise<OpenLoopResult> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: Math.ceil(rate) * 2 });
  const total = Math.round(rate * durationSec);
  const latenciesMs: number[] = [];
  const statuses = new Map<number, number>();
  let errors = 0;
  const one = (): Promise<void> =>
    new Promise((resolve) => {
      const started = performance.now();
      const request = http.request(
        url,
        {
          method: 'POST',
          agent,
          headers: { ...headers, 'content-length': String(Buffer.byteLength(body)) },
        },
        (response) => {
          response.resume();
          response.on('end', () => {
            latenciesMs.push(performance.now() - started);
            statuses.set(
              response.statusCode ?? 0,
              (statuses.get(response.statusCode ?? 0) ?? 0) + 1,
            );
            resolve();
          });
        },
      );
      request.on('error', () => {
        errors++;
        resolve();
      });
      request.end(body);
    });
  const pending: Promise<void>[] = [];
  const begin = performance.now();
  let sent = 0;
  while (sent < total) {
    const due = Math.min(total, Math.floor(((performance.now() - begin) / 1000) * rate) + 1);
    while (sent < due) {
      pending.push(one());
      sent++;
    }
    await new Promise((resolve) => setTimeout(resolve, 1));
  }
  const sendingSec = (performance.now() - begin) / 1000;
  await Promise.all(pending);
  agent.destroy();
  return {
    latenciesMs: latenciesMs.sort((a, b) => a - b),
    statuses,
    errors,
    achievedPerSec: total / sendingSec,
  };
}

/** The q-quantile (0–1) of sorted values. */
export function quantile(sorted: readonly number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? Number.NaN;
}
