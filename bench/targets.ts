import type { BenchReport, ServerName, ServerResult, TargetCheck } from './bench-result.js';
import { median } from './measure-server.js';
import type { BenchSettings } from './settings.js';

/** provider-sim req/s as a share of the bare server that parses the JSON and answers. */
const MIN_SHARE_OF_BARE = 0.5;
/** provider-sim req/s (DLRs on) as a share of the bare server that also posts one DLR per send. */
const MIN_SHARE_OF_BARE_DLR = 0.7;
const MAX_P99_MS = 20;
const MIN_CALLBACKS_PER_SEC = 10_000;
const MAX_RSS_GROWTH = 0.2;

function find(results: readonly ServerResult[], name: ServerName): ServerResult {
  const result = results.find((r) => r.name === name);
  if (!result) throw new Error(`no result for ${name}`);
  return result;
}

/** `a`'s req/s over `b`'s in each round both ran in (under the same load of the machine). */
export function roundRatios(a: ServerResult, b: ServerResult): number[] {
  const count = Math.min(a.rounds.length, b.rounds.length);
  return Array.from(
    { length: count },
    (_, i) => a.rounds[i]!.requestsPerSec / b.rounds[i]!.requestsPerSec,
  );
}

/** The median of `roundRatios` (the overall ratio when no rounds were recorded). */
export function roundRatio(a: ServerResult, b: ServerResult): number {
  const ratios = roundRatios(a, b);
  return ratios.length > 0 ? median(ratios) : a.load.requestsPerSec / b.load.requestsPerSec;
}

/** Ratios of req/s between the servers (median of the per-round ratios). */
export function computeRatios(results: readonly ServerResult[]): BenchReport['ratios'] {
  const bare = find(results, 'bare');
  const bareDlr = find(results, 'bare-dlr');
  const leanDlr = find(results, 'lean-dlr');
  const express = find(results, 'express');
  const sim = find(results, 'provider-sim');
  const sends = find(results, 'provider-sim-no-dlr');
  return {
    providerSimToExpress: roundRatio(sim, express),
    providerSimToBare: roundRatio(sim, bare),
    providerSimToBareDlr: roundRatio(sim, bareDlr),
    leanDlrToBare: roundRatio(leanDlr, bare),
    providerSimToLeanDlr: roundRatio(sim, leanDlr),
    providerSimNoDlrToBare: roundRatio(sends, bare),
    expressToBare: roundRatio(express, bare),
  };
}

const reqs = (r: ServerResult): number => Math.round(r.load.requestsPerSec);

/** Checks provider-sim against its throughput, latency, callback and memory targets. */
export function checkTargets(
  results: readonly ServerResult[],
  settings: BenchSettings,
): TargetCheck[] {
  const sim = find(results, 'provider-sim');
  const bare = find(results, 'bare');
  const bareDlr = find(results, 'bare-dlr');
  const ratios = computeRatios(results);
  const callbacks = sim.callbacksPerSec ?? 0;
  const lastPhase = sim.soak ? 'end of soak' : 'end of run';
  return [
    {
      target: `provider-sim req/s >= ${MIN_SHARE_OF_BARE} x bare (parse JSON, answer)`,
      pass: ratios.providerSimToBare >= MIN_SHARE_OF_BARE,
      detail: `${ratios.providerSimToBare.toFixed(2)} x (${reqs(sim)} vs ${reqs(bare)} req/s)`,
    },
    {
      target: `provider-sim req/s >= ${MIN_SHARE_OF_BARE_DLR} x bare-dlr (answer, post one DLR)`,
      pass: ratios.providerSimToBareDlr >= MIN_SHARE_OF_BARE_DLR,
      detail: `${ratios.providerSimToBareDlr.toFixed(2)} x (${reqs(sim)} vs ${reqs(bareDlr)} req/s)`,
    },
    {
      target: `provider-sim p99 < ${MAX_P99_MS} ms at ${settings.connections} connections`,
      pass: sim.load.p99Ms < MAX_P99_MS,
      detail: `p99 ${sim.load.p99Ms} ms`,
    },
    {
      target: `provider-sim callbacks dispatched >= ${MIN_CALLBACKS_PER_SEC.toLocaleString('en-US')}/s`,
      pass: callbacks >= MIN_CALLBACKS_PER_SEC,
      detail: `${Math.round(callbacks).toLocaleString('en-US')}/s received by the sink`,
    },
    memoryFlat(sim, lastPhase),
  ];
}

const percent = (growth: number): string =>
  `${growth >= 0 ? '+' : ''}${(growth * 100).toFixed(1)}%`;

/**
 * Memory stays flat: the heap in use after a full collection, when the server could be asked for
 * it, else RSS. RSS alone follows the collector's sawtooth (the heap grows well past what is live
 * before a full collection), so two readings of the same build differed by tens of percent.
 */
function memoryFlat(sim: ServerResult, lastPhase: string): TargetCheck {
  // After a soak the last reading is the soak's: that is the longer, more telling run.
  const lastRss = sim.soak?.rssEnd ?? sim.rss.end;
  const rss = `RSS ${mb(sim.rss.afterWarmup)} -> ${mb(lastRss)} MB`;
  const live = sim.liveHeap;
  const lastLive = sim.soak ? sim.soak.liveHeapEnd : live?.end;
  if (live && lastLive !== undefined) {
    const growth = lastLive / live.afterWarmup - 1;
    return {
      target: `provider-sim memory flat (heap after a full GC, ${lastPhase} within +${MAX_RSS_GROWTH * 100}% of post-warm-up)`,
      pass: growth <= MAX_RSS_GROWTH,
      detail: `${percent(growth)} (${mb(live.afterWarmup)} -> ${mb(lastLive)} MB; ${rss})`,
    };
  }
  const growth = lastRss / sim.rss.afterWarmup - 1;
  return {
    target: `provider-sim RSS flat (${lastPhase} within +${MAX_RSS_GROWTH * 100}% of post-warm-up)`,
    pass: growth <= MAX_RSS_GROWTH,
    detail: `${percent(growth)} (${rss})`,
  };
}

/** Bytes as megabytes with one decimal. */
export const mb = (bytes: number): string => (bytes / 1024 / 1024).toFixed(1);
