import { readFile } from 'node:fs/promises';

/** The parts of a V8 `.cpuprofile` the summary reads. */
interface CpuProfile {
  nodes: {
    id: number;
    callFrame: { functionName: string; url: string; lineNumber: number };
    children?: number[];
  }[];
  samples: number[];
}

/** Share of the samples spent in one function. */
export interface ProfileRow {
  /** `name file:line`, file relative to the project. */
  fn: string;
  /** Samples with this function on top of the stack, as % of all samples. */
  selfPercent: number;
  /** Samples with this function anywhere on the stack, as % of all samples. */
  totalPercent: number;
}

const projectRoot = new URL('../../', import.meta.url).href;

function label(frame: CpuProfile['nodes'][number]['callFrame']): string {
  const name = frame.functionName || '(anonymous)';
  if (!frame.url) return name;
  const file = frame.url.startsWith(projectRoot) ? frame.url.slice(projectRoot.length) : frame.url;
  return `${name} ${file}:${frame.lineNumber + 1}`;
}

/** The heaviest functions of one profile. */
export interface ProfileSummary {
  bySelf: ProfileRow[];
  byTotal: ProfileRow[];
  samples: number;
}

/** Reads a `.cpuprofile` and returns the `top` functions by self time and by total time. */
export async function summarizeCpuProfile(path: string, top = 15): Promise<ProfileSummary> {
  const profile = JSON.parse(await readFile(path, 'utf8')) as CpuProfile;
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const node of profile.nodes)
    for (const child of node.children ?? []) parent.set(child, node.id);

  const self = new Map<string, number>();
  const total = new Map<string, number>();
  for (const id of profile.samples) {
    const node = byId.get(id);
    if (!node) continue;
    const key = label(node.callFrame);
    self.set(key, (self.get(key) ?? 0) + 1);
    // Each function counts once per sample, however deep it recurses.
    const seen = new Set<string>();
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
      const frame = byId.get(at);
      if (frame) seen.add(label(frame.callFrame));
    }
    for (const fn of seen) total.set(fn, (total.get(fn) ?? 0) + 1);
  }
  const n = profile.samples.length || 1;
  const rows: ProfileRow[] = [...total.entries()].map(([fn, count]) => ({
    fn,
    selfPercent: (100 * (self.get(fn) ?? 0)) / n,
    totalPercent: (100 * count) / n,
  }));
  return {
    bySelf: [...rows].sort((a, b) => b.selfPercent - a.selfPercent).slice(0, top),
    byTotal: [...rows].sort((a, b) => b.totalPercent - a.totalPercent).slice(0, top),
    samples: profile.samples.length,
  };
}

/** The summary as printable text. */
export function formatProfileSummary(summary: ProfileSummary): string {
  const line = (r: ProfileRow): string =>
    `  ${r.selfPercent.toFixed(1).padStart(5)}%  ${r.totalPercent.toFixed(1).padStart(5)}%  ${r.fn}`;
  return [
    `${summary.samples} samples`,
    'top self time:   self   total  function',
    ...summary.bySelf.map(line),
    'top total time:  self   total  function',
    ...summary.byTotal.map(line),
  ].join('\n');
}
