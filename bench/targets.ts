import type { BenchReport, ServerName, ServerResult, TargetCheck } from './bench-result.js';
import type { BenchSettings } from './settings.js';

const MIN_SHARE_OF_EXPRESS = 0.85;
const MAX_P99_MS = 40;
const MAX_RSS_GROWTH = 0.2;

function find(results: readonly ServerResult[], name: ServerName): ServerResult {
  const result = results.find((r) => r.name === name);
  if (!result) throw new Error(`no result for ${name}`);
  return result;
}

/** Ratios of mean req/s between the servers. */
export function computeRatios(results: readonly ServerResult[]): BenchReport['ratios'] {
  const bare = find(results, 'bare').load.requestsPerSec;
  const express = find(results, 'express').load.requestsPerSec;
  const sim = find(results, 'provider-sim').load.requestsPerSec;
  return {
    providerSimToExpress: sim / express,
    providerSimToBare: sim / bare,
    expressToBare: express / bare,
  };
}

/** Checks provider-sim against its throughput, latency and memory targets. */
export function checkTargets(
  results: readonly ServerResult[],
  settings: BenchSettings,
): TargetCheck[] {
  const sim = find(results, 'provider-sim');
  const express = find(results, 'express');
  const share = sim.load.requestsPerSec / express.load.requestsPerSec;
  // After a soak the last RSS is the soak's: that is the longer, more telling run.
  const lastRss = sim.soak?.rssEnd ?? sim.rss.end;
  const growth = lastRss / sim.rss.afterWarmup - 1;
  const lastPhase = sim.soak ? 'end of soak' : 'end of run';
  return [
    {
      target: `provider-sim req/s >= ${MIN_SHARE_OF_EXPRESS} x express`,
      pass: share >= MIN_SHARE_OF_EXPRESS,
      detail: `${share.toFixed(2)} x (${Math.round(sim.load.requestsPerSec)} vs ${Math.round(express.load.requestsPerSec)} req/s)`,
    },
    {
      target: `provider-sim p99 < ${MAX_P99_MS} ms at ${settings.connections} connections`,
      pass: sim.load.p99Ms < MAX_P99_MS,
      detail: `p99 ${sim.load.p99Ms} ms`,
    },
    {
      target: `provider-sim RSS flat (${lastPhase} within +${MAX_RSS_GROWTH * 100}% of post-warm-up)`,
      pass: growth <= MAX_RSS_GROWTH,
      detail: `${growth >= 0 ? '+' : ''}${(growth * 100).toFixed(1)}% (${mb(sim.rss.afterWarmup)} -> ${mb(lastRss)} MB)`,
    },
  ];
}

/** Bytes as megabytes with one decimal. */
export const mb = (bytes: number): string => (bytes / 1024 / 1024).toFixed(1);
