/** Benchmark knobs, read from the environment. */
export interface BenchSettings {
  /** Measured seconds per server in each round (`BENCH_DURATION`). */
  durationSec: number;
  /** Rounds in which the servers take turns (`BENCH_ROUNDS`); ratios are taken round by round. */
  rounds: number;
  /** Unmeasured run before each measured one, in seconds (`BENCH_WARMUP`). */
  warmupSec: number;
  /** Concurrent keep-alive connections (`BENCH_CONNECTIONS`). */
  connections: number;
  /** Extra provider-sim run watching RSS, in seconds; 0 skips it (`BENCH_SOAK`). */
  soakSec: number;
  /** Whether the provider-sim child runs under `--cpu-prof` (`BENCH_CPU_PROF=1`). */
  cpuProfile: boolean;
  /** Distinct recipients at the second RSS reading; 0 skips the section (`BENCH_RECIPIENTS`). */
  recipients: number;
  /** Quick mode (`BENCH_QUICK=1`): shorter runs, no memory or fault-accuracy sections. */
  quick: boolean;
}

function readInt(env: NodeJS.ProcessEnv, name: string, fallback: number, min: number): number {
  const raw = env[name];
  if (raw === undefined || raw.trim() === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min) {
    throw new Error(`${name} must be an integer >= ${min}, got "${raw}"`);
  }
  return value;
}

/** Reads the settings from `env`, failing on values that are not whole numbers in range. */
export function readSettings(env: NodeJS.ProcessEnv = process.env): BenchSettings {
  // Quick mode is for iterating on the hot path: every ratio is still measured in one run, and
  // explicitly set variables still win.
  const quick = env.BENCH_QUICK === '1';
  return {
    durationSec: readInt(env, 'BENCH_DURATION', quick ? 3 : 5, 1),
    rounds: readInt(env, 'BENCH_ROUNDS', 3, 1),
    // provider-sim's heap takes ~4 s at full load to reach its working size; a post-warm-up RSS
    // taken earlier would count that growth against the flat-RSS target.
    warmupSec: readInt(env, 'BENCH_WARMUP', quick ? 3 : 5, 1),
    connections: readInt(env, 'BENCH_CONNECTIONS', 50, 1),
    soakSec: readInt(env, 'BENCH_SOAK', 0, 0),
    cpuProfile: env.BENCH_CPU_PROF === '1',
    // The first reading is at a tenth of it: 100,000 -> 1,000,000 by default.
    recipients: readInt(env, 'BENCH_RECIPIENTS', quick ? 0 : 1_000_000, 0),
    quick,
  };
}

/** Seconds a single-run measurement takes (the cluster bench, fault accuracy): every round's worth. */
export function measuredSeconds(settings: BenchSettings): number {
  return settings.durationSec * settings.rounds;
}
