import { AggregatorRegistry, Counter, Gauge, Registry } from 'prom-client';
import { LeanHistogram } from './lean-histogram.js';

/** What a served request contributes to the metrics. */
export interface RequestObservation {
  provider: string;
  route: string;
  status: number;
  outcome: string;
  durationMs: number;
  /** Ids of the fault rules that acted on the request. */
  rules: readonly string[];
}

/** What one callback attempt contributes. */
export interface AttemptObservation {
  provider: string;
  kind: string;
  /** `delivered`, `retrying`, `gave-up`, `dropped`, `refused`, ... */
  verdict: string;
  attempt: number;
}

/** Gauges read when metrics are scraped. */
export interface MetricsGauges {
  scheduledPending(): number;
  journalEntries(): number;
  callbacksInFlight(): number;
}

/** Buckets of the request latency histogram, in seconds: 1 ms to 30 s. */
const LATENCY_BUCKETS = [
  0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30,
];

/** Most label sets gathered before they are handed over anyway (statuses from fault rules vary). */
const MAX_GATHERED = 1000;

/**
 * Counter increments gathered per label set and handed to the prom-client counter when the
 * registry is read (a scrape or a snapshot): one map lookup per event instead of prom-client's
 * label hashing and checks on every request.
 */
class GatheredCounter {
  private readonly pending = new Map<string, { labels: Record<string, string>; count: number }>();
  readonly counter: Counter;

  constructor(config: { name: string; help: string; labelNames: string[]; registers: Registry[] }) {
    const pending = this.pending;
    this.counter = new Counter({
      ...config,
      collect() {
        for (const { labels, count } of pending.values()) this.inc(labels, count);
        pending.clear();
      },
    });
  }

  /** Counts one event of the label set `key` names; `labels` builds it the first time. */
  inc(key: string, labels: () => Record<string, string>): void {
    const entry = this.pending.get(key);
    if (entry) {
      entry.count++;
      return;
    }
    if (this.pending.size >= MAX_GATHERED) {
      for (const { labels: held, count } of this.pending.values()) this.counter.inc(held, count);
      this.pending.clear();
    }
    this.pending.set(key, { labels: labels(), count: 1 });
  }
}

/**
 * The simulator's Prometheus metrics, in a registry of its own (never prom-client's global one,
 * so two simulators in one process do not mix). Every series carries an `instance` label; with
 * several workers or replicas each instance's series appear side by side.
 */
export class SimMetrics {
  /** The registry scraped at `GET /__admin/metrics`. */
  readonly registry = new Registry();
  private readonly requests: GatheredCounter;
  private readonly latency: LeanHistogram;
  private readonly faults: GatheredCounter;
  private readonly callbacks: GatheredCounter;
  private readonly retries: GatheredCounter;

  constructor(
    readonly instance: string,
    gauges: MetricsGauges,
  ) {
    this.registry.setDefaultLabels({ instance });
    const registers = [this.registry];
    this.requests = new GatheredCounter({
      name: 'provider_sim_requests_total',
      help: 'Provider requests served, by provider, route, HTTP status and outcome.',
      labelNames: ['provider', 'route', 'status', 'outcome'],
      registers,
    });
    this.latency = new LeanHistogram({
      name: 'provider_sim_request_duration_seconds',
      help: 'Time to answer a provider request (fault delays included).',
      labelNames: ['provider', 'route'],
      buckets: LATENCY_BUCKETS,
      registers,
    });
    this.faults = new GatheredCounter({
      name: 'provider_sim_faults_applied_total',
      help: 'Fault rule actions applied, by rule id.',
      labelNames: ['rule'],
      registers,
    });
    this.callbacks = new GatheredCounter({
      name: 'provider_sim_callback_attempts_total',
      help: 'Callback attempts, by provider, kind and verdict.',
      labelNames: ['provider', 'kind', 'verdict'],
      registers,
    });
    this.retries = new GatheredCounter({
      name: 'provider_sim_callback_retries_total',
      help: 'Callback attempts after the first, by provider and kind.',
      labelNames: ['provider', 'kind'],
      registers,
    });
    new Gauge({
      name: 'provider_sim_scheduled_work_pending',
      help: 'Lifecycle steps and callback retries waiting to run.',
      registers,
      collect() {
        this.set(gauges.scheduledPending());
      },
    });
    new Gauge({
      name: 'provider_sim_callbacks_in_flight',
      help: 'Callback requests sent and not yet answered.',
      registers,
      collect() {
        this.set(gauges.callbacksInFlight());
      },
    });
    new Gauge({
      name: 'provider_sim_journal_entries',
      help: 'Entries the journal holds.',
      registers,
      collect() {
        this.set(gauges.journalEntries());
      },
    });
  }

  /** Counts one served request. */
  observeRequest(request: RequestObservation): void {
    const { provider, route, status, outcome } = request;
    this.requests.inc(`${provider}\u0000${route}\u0000${status}\u0000${outcome}`, () => ({
      provider,
      route,
      status: String(status),
      outcome,
    }));
    this.latency.observe(
      `${provider}\u0000${route}`,
      () => ({ provider, route }),
      request.durationMs / 1000,
    );
    for (const rule of request.rules) this.faults.inc(rule, () => ({ rule }));
  }

  /** Counts one callback attempt. */
  observeAttempt(attempt: AttemptObservation): void {
    const { provider, kind, verdict } = attempt;
    this.callbacks.inc(`${provider}\u0000${kind}\u0000${verdict}`, () => ({
      provider,
      kind,
      verdict,
    }));
    if (attempt.attempt > 1)
      this.retries.inc(`${provider}\u0000${kind}`, () => ({ provider, kind }));
  }

  private stopper: (() => void) | undefined;

  /** Keeps `stop` to call on close (periodic publishing). */
  onStop(stopper: () => void): void {
    this.stopper = stopper;
  }

  /** Stops anything running for these metrics. */
  stop(): void {
    this.stopper?.();
  }

  /** This instance's figures as JSON, for sharing with the other instances. */
  snapshot(): Promise<object[]> {
    return this.registry.getMetricsAsJSON();
  }

  /** The Prometheus text of this instance and of `others` (snapshots of the other instances). */
  async render(others: object[][] = []): Promise<{ contentType: string; text: string }> {
    if (others.length === 0) {
      return { contentType: this.registry.contentType, text: await this.registry.metrics() };
    }
    const merged = AggregatorRegistry.aggregate([await this.snapshot(), ...others]);
    return { contentType: merged.contentType, text: await merged.metrics() };
  }
}
