import type { LoadResult } from './load.js';
import type { BenchSettings } from './settings.js';

/**
 * The servers, from the physical limit to the real simulator: `lean-dlr` answers as `bare` does and
 * posts one DLR per send through the simulator's own callback client (the floor of the simulator's
 * design); `provider-sim-no-dlr` is the whole pipeline with no callback target (its DLR steps run
 * and are journaled as skipped).
 */
export type ServerName =
  'bare' | 'bare-dlr' | 'lean-dlr' | 'express' | 'provider-sim-no-dlr' | 'provider-sim';

/** RSS samples (bytes) taken once a second during a run. */
export interface RssTrace {
  start: number;
  end: number;
  max: number;
  samples: number[];
}

/** What one measured round of one server gave. */
export interface RoundResult {
  requestsPerSec: number;
  p99Ms: number;
  /** Server CPU during the round, as a share of one core. */
  serverCpuPercent: number;
  /** Callbacks the sink received per second during the round (servers that send DLRs). */
  callbacksPerSec?: number;
  sinkCpuPercent?: number;
}

/**
 * Everything measured for one server. Servers are measured in rounds, taking turns (so a change in
 * the machine's load touches every server alike); `load` holds the medians of the rounds' rates and
 * latencies and the sums of their counts.
 */
export interface ServerResult {
  name: ServerName;
  load: LoadResult;
  /** Server CPU during the rounds (median), as a share of one core. */
  serverCpuPercent: number;
  /** Each round, in order. */
  rounds: RoundResult[];
  /** RSS in bytes: after start-up, after warm-up, after the measured run. */
  rss: { idle: number; afterWarmup: number; end: number };
  /** RSS during the measured run (servers that watch RSS only). */
  rssTrace?: RssTrace;
  /**
   * Heap in use right after a full collection, in bytes, after warm-up and after the rounds
   * (servers that watch memory only): retention, free of the collector's sawtooth that RSS follows.
   */
  liveHeap?: { afterWarmup: number; end: number };
  /** Callbacks the sink received per second (median of the rounds; servers that send DLRs). */
  callbacksPerSec?: number;
  /** CPU of the callback sink (median of the rounds), as a share of one core. */
  sinkCpuPercent?: number;
  /** The optional long run (provider-sim only, `BENCH_SOAK`). */
  soak?: { load: LoadResult; rssTrace: RssTrace; rssEnd: number; liveHeapEnd?: number };
}

/** One target, checked as text: a miss is reported, never a failure of the process. */
export interface TargetCheck {
  target: string;
  pass: boolean;
  detail: string;
}

/** The whole run, as written to `bench/results/latest.json`. */
export interface BenchReport {
  generatedAt: string;
  node: string;
  cpu: string;
  pinning: string;
  settings: BenchSettings;
  servers: ServerResult[];
  /** Ratios of req/s: the median of the ratios taken round by round. */
  ratios: {
    providerSimToExpress: number;
    providerSimToBare: number;
    providerSimToBareDlr: number;
    /** The floor server to bare: the most provider-sim / bare can be on this machine. */
    leanDlrToBare: number;
    /** provider-sim to the floor server: what the whole pipeline costs beyond answer and post. */
    providerSimToLeanDlr: number;
    /** provider-sim with no callback target, to bare: the send path alone. */
    providerSimNoDlrToBare: number;
    expressToBare: number;
  };
  targets: TargetCheck[];
  /** RSS growth with distinct recipients, when that section ran. */
  recipients?: RecipientsMemory;
}

/** RSS of provider-sim after sending to a growing number of distinct recipients. */
export interface RecipientsMemory {
  /** Distinct recipients at the first and second reading. */
  first: number;
  second: number;
  rssAtFirst: number;
  rssAtSecond: number;
}
