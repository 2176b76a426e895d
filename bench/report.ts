import type { BenchReport, RssTrace, ServerResult } from './bench-result.js';
import type { LoadResult } from './load.js';
import { mb, roundRatios } from './targets.js';

const COLUMNS = [
  'server',
  'req/s',
  'p50 ms',
  'p99 ms',
  'non-2xx',
  'errors',
  'server CPU',
  'load CPU',
  'RSS MB idle/warm/end',
] as const;

const percent = (value: number): string => `${Math.round(value)}%`;

function row(result: ServerResult): string[] {
  const { load, rss } = result;
  return [
    result.name,
    Math.round(load.requestsPerSec).toLocaleString('en-US'),
    String(load.p50Ms),
    String(load.p99Ms),
    String(load.non2xx),
    String(load.errors),
    percent(result.serverCpuPercent),
    percent(load.loadCpuPercent),
    `${mb(rss.idle)} / ${mb(rss.afterWarmup)} / ${mb(rss.end)}`,
  ];
}

/** A plain-text table: a header row, a rule, then the rows; names left, numbers right. */
export function table(rows: readonly string[][]): string {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length)));
  // First column left-aligned (names), the rest right-aligned (numbers).
  const line = (cells: readonly string[]): string =>
    cells
      .map((cell, i) => (i === 0 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!)))
      .join('  ');
  return [line(rows[0]!), line(widths.map((w) => '-'.repeat(w))), ...rows.slice(1).map(line)].join(
    '\n',
  );
}

function traceLine(label: string, trace: RssTrace): string {
  return `${label}: start ${mb(trace.start)}, end ${mb(trace.end)}, max ${mb(trace.max)} MB (${trace.samples.length} samples, 1/s)`;
}

function soakLines(load: LoadResult, trace: RssTrace): string[] {
  return [
    `provider-sim soak ${load.durationSec} s: ${Math.round(load.requestsPerSec)} req/s, p50 ${load.p50Ms} ms, p99 ${load.p99Ms} ms, non-2xx ${load.non2xx}, errors ${load.errors}`,
    traceLine('provider-sim RSS during soak', trace),
  ];
}

function recipientsLine(report: BenchReport): string {
  const r = report.recipients;
  if (!r) return 'distinct recipients: skipped (BENCH_RECIPIENTS=0)';
  const n = (count: number): string => count.toLocaleString('en-US');
  return `distinct recipients: RSS ${mb(r.rssAtFirst)} MB at ${n(r.first)}, ${mb(r.rssAtSecond)} MB at ${n(r.second)}: +${mb(r.rssAtSecond - r.rssAtFirst)} MB`;
}

/** The two target ratios round by round, so their spread is in view. */
function perRoundLines(servers: readonly ServerResult[]): string[] {
  const named = (name: string): ServerResult | undefined => servers.find((s) => s.name === name);
  const sim = named('provider-sim');
  const pairs: [string, ServerResult | undefined][] = [
    ['bare', named('bare')],
    ['bare-dlr', named('bare-dlr')],
    ['lean-dlr', named('lean-dlr')],
  ];
  if (!sim) return [];
  return pairs.flatMap(([name, base]) => {
    if (!base) return [];
    const each = roundRatios(sim, base).map((ratio) => ratio.toFixed(2));
    return [`  provider-sim / ${name} by round: ${each.join(', ')}`];
  });
}

function ratioLines(ratios: BenchReport['ratios']): string[] {
  const rows: [string, number, string?][] = [
    ['provider-sim / express', ratios.providerSimToExpress],
    ['provider-sim / bare', ratios.providerSimToBare],
    ['provider-sim / bare-dlr', ratios.providerSimToBareDlr],
    ['provider-sim / lean-dlr', ratios.providerSimToLeanDlr, 'the pipeline beyond answer and post'],
    ['lean-dlr / bare', ratios.leanDlrToBare, 'the ceiling of provider-sim / bare here'],
    ['provider-sim-no-dlr / bare', ratios.providerSimNoDlrToBare, 'the send path alone'],
    ['express / bare', ratios.expressToBare],
  ];
  const width = Math.max(...rows.map(([name]) => name.length));
  return rows.map(
    ([name, value, note]) =>
      `  ${name.padEnd(width)} ${value.toFixed(2)}${note ? `  (${note})` : ''}`,
  );
}

/** The report as printable text: table, RSS traces, ratios and targets. */
export function formatReport(report: BenchReport): string {
  const { settings, ratios } = report;
  const lines = [
    'figures are provisional when the machine is shared (here: 2 cores, several users at once)',
    `POST ${settings.connections} connections; ${settings.rounds} rounds of ${settings.durationSec} s per server, taking turns, after a ${settings.warmupSec} s warm-up each; node ${report.node}; ${report.cpu}`,
    'req/s, p50 and p99 are medians of the rounds; ratios are medians of ratios taken round by round',
    `pinning: ${report.pinning}`,
    '',
    table([[...COLUMNS], ...report.servers.map(row)]),
    '',
  ];
  for (const result of report.servers) {
    if (result.rssTrace) lines.push(traceLine(`${result.name} RSS during run`, result.rssTrace));
    if (result.liveHeap) {
      const { afterWarmup, end } = result.liveHeap;
      const soakEnd = result.soak?.liveHeapEnd;
      lines.push(
        `${result.name} heap after a full GC: post-warm-up ${mb(afterWarmup)}, end of run ${mb(end)}${soakEnd === undefined ? '' : `, end of soak ${mb(soakEnd)}`} MB`,
      );
    }
    if (result.soak) lines.push(...soakLines(result.soak.load, result.soak.rssTrace));
  }
  if (settings.soakSec === 0) lines.push('soak: skipped (set BENCH_SOAK=<seconds> to run it)');
  lines.push(
    '',
    'ratios (req/s):',
    ...ratioLines(ratios),
    ...perRoundLines(report.servers),
    '',
    `callbacks/s dispatched: ${report.servers
      .filter((r) => r.callbacksPerSec !== undefined)
      .map(
        (r) =>
          `${r.name} ${Math.round(r.callbacksPerSec!).toLocaleString('en-US')} (sink CPU ${percent(r.sinkCpuPercent ?? 0)})`,
      )
      .join(', ')}`,
    recipientsLine(report),
    '',
    'targets:',
    ...report.targets.map((t) => `  ${t.pass ? 'PASS' : 'MISS'}  ${t.target}: ${t.detail}`),
  );
  return lines.join('\n');
}
