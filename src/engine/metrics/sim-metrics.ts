import { AggregatorRegistry, Counter, Gauge, Histogram, Registry } from 'prom-client';

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

/**
 * The simulator's Prometheus metrics, in a registry of its own (never prom-client's global one,
 * so two simulators in one process do not mix). Every series carries an `instance` label; with
 * several workers or replicas each instance's series appear side by side.
 */
export class SimMetrics {
  /** The registry scraped at `GET /__admin/metrics`. */
  readonly registry = new Registry();
  private readonly requests: Counter;
  private readonly latency: Histogram;
  private readonly faults: Counter;
  private readonly callbacks: Counter;
  private readonly retries: Counter;

  constructor(
    readonly instance: string,
    gauges: MetricsGauges,
  ) {
    this.registry.setDefaultLabels({ instance });
    const registers = [this.registry];
    this.requests = new Counter({
      name: 'provider_sim_requests_total',
      help: 'Provider requests served, by provider, route, HTTP status and outcome.',
      labelNames: ['provider', 'route', 'status', 'outcome'],
      registers,
    });
    this.latency = new Histogram({
      name: 'provider_sim_request_duration_seconds',
      help: 'Time to answer a provider request (fault delays included).',
      labelNames: ['provider', 'route'],
      buckets: LATENCY_BUCKETS,
      registers,
    });
    this.faults = new Counter({
      name: 'provider_sim_faults_applied_total',
      help: 'Fault rule actions applied, by rule id.',
      labelNames: ['rule'],
      registers,
    });
    this.callbacks = new Counter({
      name: 'provider_sim_callback_attempts_total',
      help: 'Callback attempts, by provider, kind and verdict.',
      labelNames: ['provider', 'kind', 'verdict'],
      registers,
    });
    this.retries = new Counter({
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
    const { provider, route } = request;
    this.requests.inc({
      provider,
      route,
      status: String(request.status),
      outcome: request.outcome,
    });
    this.latency.observe({ provider, route }, request.durationMs / 1000);
    for (const rule of request.rules) this.faults.inc({ rule });
  }

  /** Counts one callback attempt. */
  observeAttempt(attempt: AttemptObservation): void {
    const { provider, kind } = attempt;
    this.callbacks.inc({ provider, kind, verdict: attempt.verdict });
    if (attempt.attempt > 1) this.retries.inc({ provider, kind });
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
