import type { TargetCheck } from '../bench-result.js';
import type { LoadResult } from '../load.js';
import type { BenchSettings } from '../settings.js';

/** The four servers of the cluster bench, in the order they run. */
export type ClusterServerName = 'memory' | 'redis' | 'redis-workers-1' | 'redis-workers-2';

/** Everything measured for one server. */
export interface ClusterServerResult {
  name: ClusterServerName;
  /** How it was started, in a few words. */
  description: string;
  load: LoadResult;
  /** Callbacks the sink received per second during the measured run. */
  callbacksPerSec: number;
  /** CPU of all the server's processes during the measured run, as a share of one core. */
  serverCpuPercent?: number;
  /** CPU of each cluster worker during the measured run (workers > 1 only). */
  workerCpuPercent?: number[];
  /** redis-server CPU during the measured run, as a share of one core (Redis runs only). */
  redisCpuPercent?: number;
  /** RSS of all the server's processes at the end of the measured run, in bytes. */
  rssEnd?: number;
  /** Keys in Redis at the end of the measured run (Redis runs only). */
  redisKeys?: number;
}

/** The whole run, as written to `bench/results/cluster-latest.json`. */
export interface ClusterReport {
  generatedAt: string;
  node: string;
  cpu: string;
  cores: number;
  redisVersion: string;
  /** Where the processes run (no pinning here, see the report). */
  placement: string;
  settings: BenchSettings;
  servers: ClusterServerResult[];
  /** Ratios of mean req/s. */
  ratios: { redisToMemory: number; workers2ToWorkers1: number };
  /** Why the scaling ratio is a lower bound on this machine. */
  scalingNote: string;
  targets: TargetCheck[];
}
