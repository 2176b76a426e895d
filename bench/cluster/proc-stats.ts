import { spawnSync } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';

/** CPU time and RSS of one process, read from /proc (Linux only). */
export interface ProcSample {
  pid: number;
  /** User plus system CPU time so far, in microseconds. */
  cpuMicros: number;
  /** Resident set size, in bytes. */
  rss: number;
}

const ticksPerSec = ((): number => {
  const out = spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).stdout;
  const value = Number(out?.trim());
  return Number.isInteger(value) && value > 0 ? value : 100;
})();

/** The fields of /proc/<pid>/stat after the command name (which may hold spaces). */
function statFields(pid: number): string[] | undefined {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return text.slice(text.lastIndexOf(')') + 2).split(' ');
  } catch {
    return undefined;
  }
}

/** One process's CPU and RSS, or undefined when it is gone or /proc is absent. */
export function sampleProcess(pid: number): ProcSample | undefined {
  const fields = statFields(pid);
  if (!fields) return undefined;
  // After the name: state(3) ppid(4) ... utime(14) stime(15); here 0-based from field 3.
  const ticks = Number(fields[11]) + Number(fields[12]);
  let rss = 0;
  try {
    const kb = /VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
    rss = Number(kb ?? 0) * 1024;
  } catch {
    return undefined;
  }
  return { pid, cpuMicros: (ticks * 1e6) / ticksPerSec, rss };
}

/** Direct children of `pid` (the cluster workers of a primary). */
export function childrenOf(pid: number): number[] {
  let entries: string[];
  try {
    entries = readdirSync('/proc').filter((name) => /^\d+$/.test(name));
  } catch {
    return [];
  }
  return entries
    .map(Number)
    .filter((candidate) => statFields(candidate)?.[1] === String(pid))
    .sort((a, b) => a - b);
}
