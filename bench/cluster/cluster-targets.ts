import type { TargetCheck } from '../bench-result.js';
import type { ClusterReport, ClusterServerName, ClusterServerResult } from './cluster-result.js';

/** provider-sim on Redis (one process) req/s as a share of provider-sim in memory. */
export const MIN_REDIS_SHARE_OF_MEMORY = 0.6;

function find(
  results: readonly ClusterServerResult[],
  name: ClusterServerName,
): ClusterServerResult {
  const result = results.find((r) => r.name === name);
  if (!result) throw new Error(`no result for ${name}`);
  return result;
}

const reqs = (r: ClusterServerResult): number => Math.round(r.load.requestsPerSec);

/** Ratios of mean req/s: Redis to memory, and 2 workers to 1. */
export function computeClusterRatios(
  results: readonly ClusterServerResult[],
): ClusterReport['ratios'] {
  const rate = (name: ClusterServerName): number => find(results, name).load.requestsPerSec;
  return {
    redisToMemory: rate('redis') / rate('memory'),
    workers2ToWorkers1: rate('redis-workers-2') / rate('redis-workers-1'),
  };
}

/** Checks the Redis target; a miss is reported, never a failure of the process. */
export function checkClusterTargets(results: readonly ClusterServerResult[]): TargetCheck[] {
  const memory = find(results, 'memory');
  const redis = find(results, 'redis');
  const { redisToMemory } = computeClusterRatios(results);
  return [
    {
      target: `provider-sim on Redis req/s >= ${MIN_REDIS_SHARE_OF_MEMORY} x in memory (one process each)`,
      pass: redisToMemory >= MIN_REDIS_SHARE_OF_MEMORY,
      detail: `${redisToMemory.toFixed(2)} x (${reqs(redis)} vs ${reqs(memory)} req/s)`,
    },
  ];
}

/** Says plainly why 2 workers / 1 worker is a lower bound here. */
export function scalingNote(cores: number): string {
  return (
    `on this ${cores}-core machine the load generator shares the cores with the workers ` +
    '(and Redis), so the ratio understates scaling'
  );
}
