import { describe, expect, it } from 'vitest';
import type { ServerName, ServerResult } from './bench-result.js';
import { readSettings } from './settings.js';
import { checkTargets, computeRatios } from './targets.js';

const MB = 1024 * 1024;

function server(name: ServerName, requestsPerSec: number, extra: Partial<ServerResult> = {}) {
  const load = {
    requestsPerSec,
    p50Ms: 5,
    p99Ms: 10,
    requests: requestsPerSec * 5,
    non2xx: 0,
    errors: 0,
    timeouts: 0,
    durationSec: 5,
    loadCpuPercent: 50,
  };
  const result: ServerResult = {
    name,
    load,
    serverCpuPercent: 99,
    rounds: [{ requestsPerSec, p99Ms: 10, serverCpuPercent: 99 }],
    rss: { idle: 100 * MB, afterWarmup: 130 * MB, end: 200 * MB },
    ...extra,
  };
  return result;
}

const servers = (sim: Partial<ServerResult>): ServerResult[] => [
  server('bare', 20_000),
  server('bare-dlr', 6_000),
  server('lean-dlr', 8_000),
  server('express', 3_000),
  server('provider-sim-no-dlr', 5_000),
  server('provider-sim', 4_000, sim),
];

const memory = (sim: Partial<ServerResult>) =>
  checkTargets(servers(sim), readSettings({})).find((t) => /memory|RSS/.test(t.target))!;

describe('the memory target', () => {
  it('judges the heap after a full collection, whatever RSS did meanwhile', () => {
    const check = memory({ liveHeap: { afterWarmup: 32 * MB, end: 33 * MB } });
    expect(check.pass).toBe(true);
    expect(check.target).toMatch(/heap after a full GC, end of run/);
    expect(check.detail).toBe('+3.1% (32.0 -> 33.0 MB; RSS 130.0 -> 200.0 MB)');
  });

  it('misses when what is kept grows', () => {
    expect(memory({ liveHeap: { afterWarmup: 32 * MB, end: 48 * MB } }).pass).toBe(false);
  });

  it('takes the end of the soak when there was one', () => {
    const soak = {
      load: server('provider-sim', 4_000).load,
      rssTrace: { start: 200 * MB, end: 210 * MB, max: 220 * MB, samples: [] },
      rssEnd: 210 * MB,
      liveHeapEnd: 60 * MB,
    };
    const check = memory({ liveHeap: { afterWarmup: 32 * MB, end: 33 * MB }, soak });
    expect(check.pass).toBe(false);
    expect(check.target).toMatch(/end of soak/);
  });

  it('falls back to RSS when the server could not be asked for its heap', () => {
    const check = memory({});
    expect(check.target).toMatch(/^provider-sim RSS flat/);
    expect(check.pass).toBe(false);
    expect(check.detail).toBe('+53.8% (RSS 130.0 -> 200.0 MB)');
  });
});

describe('the ratios', () => {
  it('set provider-sim against the floor server and the floor against bare', () => {
    const ratios = computeRatios(servers({}));
    expect(ratios.leanDlrToBare).toBe(0.4);
    expect(ratios.providerSimToLeanDlr).toBe(0.5);
    expect(ratios.providerSimToBare).toBe(0.2);
  });
});
