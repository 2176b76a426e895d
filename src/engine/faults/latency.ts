import type { Random } from '../random.js';

/** A latency distribution, as written in config and scenario files (milliseconds). */
export type LatencySpec =
  | { type: 'fixed'; ms: number }
  | { type: 'uniform'; minMs: number; maxMs: number }
  | { type: 'normal'; meanMs: number; stddevMs: number }
  | { type: 'lognormal'; medianMs: number; sigma: number }
  | { type: 'percentiles'; p50: number; p90: number; p99: number };

/** A standard normal draw (Box–Muller) from two uniform draws. */
function standardNormal(random: Random): number {
  const u = 1 - random.next();
  const v = random.next();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}

/**
 * The inverse CDF of a percentile table, linear between the points (0, p50/2), (0.5, p50),
 * (0.9, p90), (0.99, p99) and (1, p99 + (p99 - p90)): the table's percentiles come out as given.
 */
function fromPercentiles(spec: { p50: number; p90: number; p99: number }, u: number): number {
  const points: [number, number][] = [
    [0, spec.p50 / 2],
    [0.5, spec.p50],
    [0.9, spec.p90],
    [0.99, spec.p99],
    [1, spec.p99 + (spec.p99 - spec.p90)],
  ];
  for (let i = 1; i < points.length; i++) {
    const [q1, v1] = points[i]!;
    const [q0, v0] = points[i - 1]!;
    if (u <= q1) return v0 + ((u - q0) / (q1 - q0)) * (v1 - v0);
  }
  return points[points.length - 1]![1];
}

/** One draw from `spec`, never negative. */
export function drawLatency(spec: LatencySpec, random: Random): number {
  switch (spec.type) {
    case 'fixed':
      return spec.ms;
    case 'uniform':
      return spec.minMs + random.next() * (spec.maxMs - spec.minMs);
    case 'normal':
      return Math.max(0, spec.meanMs + spec.stddevMs * standardNormal(random));
    case 'lognormal':
      return spec.medianMs * Math.exp(spec.sigma * standardNormal(random));
    case 'percentiles':
      return fromPercentiles(spec, random.next());
  }
}

/** The distribution in words, e.g. "delay lognormal(median 120 ms, sigma 0.5)". */
export function explainLatency(spec: LatencySpec): string {
  switch (spec.type) {
    case 'fixed':
      return `delay ${spec.ms} ms`;
    case 'uniform':
      return `delay uniform(${spec.minMs}–${spec.maxMs} ms)`;
    case 'normal':
      return `delay normal(mean ${spec.meanMs} ms, sd ${spec.stddevMs} ms)`;
    case 'lognormal':
      return `delay lognormal(median ${spec.medianMs} ms, sigma ${spec.sigma})`;
    case 'percentiles':
      return `delay p50 ${spec.p50} / p90 ${spec.p90} / p99 ${spec.p99} ms`;
  }
}
