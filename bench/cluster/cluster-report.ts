import { measuredSeconds } from '../settings.js';
import { table } from '../report.js';
import { mb } from '../targets.js';
import type { ClusterReport, ClusterServerResult } from './cluster-result.js';

const COLUMNS = [
  'server',
  'req/s',
  'p50 ms',
  'p99 ms',
  'non-2xx',
  'errors',
  'callbacks/s',
  'server CPU',
  'Redis CPU',
  'load CPU',
  'RSS MB',
  'Redis keys',
] as const;

const percent = (value: number | undefined): string =>
  value === undefined ? '-' : `${Math.round(value)}%`;
const count = (value: number | undefined): string =>
  value === undefined ? '-' : Math.round(value).toLocaleString('en-US');

function row(result: ClusterServerResult): string[] {
  const { load } = result;
  return [
    result.name,
    count(load.requestsPerSec),
    String(load.p50Ms),
    String(load.p99Ms),
    String(load.non2xx),
    String(load.errors),
    count(result.callbacksPerSec),
    percent(result.serverCpuPercent),
    percent(result.redisCpuPercent),
    percent(load.loadCpuPercent),
    result.rssEnd === undefined ? '-' : mb(result.rssEnd),
    count(result.redisKeys),
  ];
}

function workerLines(servers: readonly ClusterServerResult[]): string[] {
  return servers
    .filter((s) => s.workerCpuPercent !== undefined)
    .map((s) => `${s.name} CPU per worker: ${s.workerCpuPercent!.map(percent).join(' / ')}`);
}

/** The report as printable text: servers, table, ratios and the target. */
export function formatClusterReport(report: ClusterReport): string {
  const { settings, ratios } = report;
  const lines = [
    'figures are provisional when the machine is shared (here: 2 cores, several users at once)',
    `POST ${settings.connections} connections, ${measuredSeconds(settings)} s per server after ${settings.warmupSec} s warm-up; node ${report.node}; ${report.cpu}; redis-server ${report.redisVersion}`,
    `placement: ${report.placement}`,
    '',
    ...report.servers.map((s) => `  ${s.name.padEnd(16)} ${s.description}`),
    '',
    table([[...COLUMNS], ...report.servers.map(row)]),
    '',
    ...workerLines(report.servers),
    // Below 1, DLRs fall behind the sends they answer (their scheduled work backs up).
    `callbacks per send during the run: ${report.servers
      .map(
        (s) =>
          `${s.name} ${s.load.requestsPerSec > 0 ? (s.callbacksPerSec / s.load.requestsPerSec).toFixed(2) : '-'}`,
      )
      .join(', ')}`,
    '',
    'ratios (req/s):',
    `  redis / memory (one process each)      ${ratios.redisToMemory.toFixed(2)}`,
    `  redis --workers 2 / --workers 1        ${ratios.workers2ToWorkers1.toFixed(2)}  (${report.scalingNote})`,
    '',
    'targets:',
    ...report.targets.map((t) => `  ${t.pass ? 'PASS' : 'MISS'}  ${t.target}: ${t.detail}`),
  ];
  return lines.join('\n');
}
