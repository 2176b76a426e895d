import { Histogram, type Registry } from 'prom-client';

/** prom-client's own entry for one label set: what its `observe` updates and its export reads. */
interface Series {
  labels: Record<string, string>;
  /** Observations per bucket upper bound (not cumulative). */
  bucketValues: Record<number, number>;
  sum: number;
  count: number;
}

/**
 * A prom-client histogram observed without prom-client's per-call work: its `observe` validates
 * and hashes the labels and builds a closure every time, on every request served. Here
 * the caller names the label set with a key it already has, and an observation is one lookup and
 * three increments on prom-client's own entry for that set, so scraping, snapshots and reset stay
 * prom-client's (a test keeps the rendering equal to a histogram observed the usual way).
 */
export class LeanHistogram {
  private readonly bounds: readonly number[];
  readonly histogram: Histogram;

  constructor(config: {
    name: string;
    help: string;
    labelNames: string[];
    buckets: number[];
    registers: Registry[];
  }) {
    this.bounds = [...config.buckets].sort((a, b) => a - b);
    this.histogram = new Histogram(config);
  }

  /** Observes `value` for the label set `key` names; `labels` builds it the first time. */
  observe(key: string, labels: () => Record<string, string>, value: number): void {
    if (!Number.isFinite(value)) return;
    // Read each time: prom-client's reset replaces the whole map.
    const held = (this.histogram as unknown as { hashMap: Record<string, Series> }).hashMap;
    let series = held[key];
    if (!series) {
      const bucketValues: Record<number, number> = {};
      for (const bound of this.bounds) bucketValues[bound] = 0;
      series = held[key] = { labels: labels(), bucketValues, sum: 0, count: 0 };
    }
    const { bounds } = this;
    for (let i = 0; i < bounds.length; i++) {
      if (value <= bounds[i]!) {
        series.bucketValues[bounds[i]!]!++;
        break;
      }
    }
    series.sum += value;
    series.count++;
  }
}
