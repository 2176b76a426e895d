import { systemClock, type Clock } from './clock.js';
import { describeProviders, type ProviderSummary } from './describe-providers.js';
import { CallbackPipeline } from './callbacks/callback-pipeline.js';
import { undeliveredWriter } from './callbacks/undelivered-writer.js';
import { CallbackDispatcher, type DispatcherStats } from './dispatcher/callback-dispatcher.js';
import { configuredTargetHosts } from './dispatcher/target-allowlist.js';
import type { EngineConfig } from './engine-config.js';
import { SimError } from './errors.js';
import { FaultRegistry } from './faults/fault-registry.js';
import type { ScenarioSpec } from './faults/scenario.js';
import { serveInbound } from './inbound-pipeline.js';
import { JournalReader } from './journal/journal-reader.js';
import { JournalRecorder } from './journal/recorder.js';
import type { InboundResult } from './lifecycle/inject-inbound.js';
import { MessageLifecycle, type ForceResult } from './lifecycle/message-lifecycle.js';
import type { Logger } from './logger.js';
import {
  configFaultSpecs,
  createProviderRuntimes,
  type ProviderRuntime,
} from './provider-runtime.js';
import type { EngineServices } from './request-context.js';
import { Scheduler } from './scheduler.js';
import { SeededStreams } from './seeded-streams.js';
import { MemoryCounterStore } from './stores/memory/memory-counter-store.js';
import { RingJournal } from './stores/memory/ring-journal-store.js';
import type { JournalStore } from './stores/journal-store.js';
import type { SharedState } from './stores/shared-state.js';
import { DurableRetries, durableSteps, joinCluster } from './shared-wiring.js';
import type { SimMetrics } from './metrics/sim-metrics.js';
import { observeMetrics, publishPeriodically } from './metrics/observe-metrics.js';
import type { AnyProviderDefinition, ForcedOutcome, ProviderContext } from './types.js';
import type { SchemaRegistry } from './validation/schema-registry.js';

/** The services an engine is built with (the app layer picks them from config and the caller). */
export interface EngineOptions {
  /** Simulated time: DLR delays, retries, windows. */
  clock: Clock;
  /** Real time for request latency (the injected clock in tests). */
  sleepClock?: Clock;
  logger: Logger;
  schemas: SchemaRegistry;
  /** State shared with other replicas (Redis); unset keeps everything in this process. */
  shared?: SharedState;
}

/** What shutting down did with the work still pending. */
export interface ShutdownReport {
  /** Scheduled steps and retries run early so their callbacks were not lost. */
  flushed: number;
  /** Callbacks the gateway never took. */
  undelivered: number;
  /** Callback attempts still without an answer when the drain timeout passed. */
  unfinished: number;
}

/** Loads config's scenarios, naming the failing field by its place in the config. */
function loadConfigScenarios(faults: FaultRegistry, scenarios: readonly ScenarioSpec[]): void {
  scenarios.forEach((scenario, i) => {
    try {
      faults.loadScenario(scenario);
    } catch (error) {
      if (!(error instanceof SimError)) throw error;
      const pointer = `/scenarios/${i}${error.pointer === '/' ? '' : error.pointer}`;
      throw new SimError(
        error.code,
        pointer,
        `config ${pointer}: ${error.message.slice(error.message.indexOf(':') + 1).trim()}`,
      );
    }
  });
}

/**
 * The simulator's engine: every service, each built once and reset in place, and the operations
 * on them (inbound, forced statuses, reset, drain). It knows no HTTP server and no admin API.
 */
export class Engine {
  readonly providers: readonly ProviderRuntime[];
  readonly streams: SeededStreams;
  /** The in-memory journal store; written only through `recorder`. */
  private readonly journalStore: JournalStore;
  /** Prometheus metrics of this instance. */
  readonly metrics: SimMetrics;
  readonly recorder: JournalRecorder;
  /** Read access to the journal: frozen copies. */
  readonly journal: JournalReader;
  readonly scheduler: Scheduler;
  readonly counters = new MemoryCounterStore();
  readonly faults: FaultRegistry;
  readonly dispatcher: CallbackDispatcher;
  /** Status changes to callbacks: targets, chaos, grouping, build, sign, dispatch, record. */
  readonly callbacks: CallbackPipeline;
  readonly lifecycle: MessageLifecycle;
  /** What the pipeline stages see. */
  readonly services: EngineServices;
  private readonly contexts = new Map<ProviderRuntime, ProviderContext>();
  /** Callback retries as jobs every replica runs, when state is shared. */
  private readonly retries: DurableRetries | undefined;

  constructor(
    readonly config: EngineConfig,
    definitions: readonly AnyProviderDefinition[],
    private readonly options: EngineOptions,
  ) {
    const { clock, schemas } = options;
    this.providers = createProviderRuntimes(definitions, config, clock);
    this.streams = new SeededStreams(config.seed, { deterministicIds: config.deterministicIds });
    const shared = options.shared;
    this.journalStore =
      shared?.journal ?? new RingJournal(config.journal.size, config.journal.maxBytes);
    if (shared) {
      for (const provider of this.providers) {
        provider.state.store = shared.providerStore(provider.definition.id, {
          maxKeys: config.state.maxKeysPerProvider,
          ttlMs: config.state.ttlMs,
        });
      }
    }
    this.recorder = new JournalRecorder(this.journalStore, {
      maxBodyBytes: config.journal.maxBodyBytes,
      maxDepth: config.limits.maxJsonDepth,
    });
    this.journal = new JournalReader(this.journalStore, () => this.recorder.clear());
    this.scheduler = new Scheduler(clock);
    this.faults = new FaultRegistry({
      providers: this.providers,
      clock,
      schemas,
      random: this.streams.faults,
    });
    this.faults.setConfigRules(configFaultSpecs(this.providers, config));
    loadConfigScenarios(this.faults, config.scenarios);
    this.retries =
      shared && new DurableRetries(shared, config.clock.speed, this.scheduler, options.logger);
    this.dispatcher = this.createDispatcher();
    this.callbacks = this.createCallbacks();
    this.lifecycle = new MessageLifecycle({
      clock,
      scheduler: this.scheduler,
      journal: this.recorder,
      callbacks: this.callbacks,
      providerContext: (provider) => this.providerContext(provider),
      ...(shared && { durable: durableSteps(shared, config.clock.speed, options.logger) }),
    });
    this.services = this.createServices();
    this.metrics = observeMetrics(this, shared?.instance);
  }

  private createDispatcher(): CallbackDispatcher {
    const { config } = this;
    const dispatcher = this.streams.dispatcher;
    return new CallbackDispatcher({
      clock: this.options.clock,
      random: () => dispatcher,
      scheduler: this.scheduler,
      timeoutMs: config.callbacks.timeoutMs,
      // Targets the operator configured are trusted; targets computed at run time (request
      // headers, webhooks, Incoming URLs) must pass `callbacks.allowedHosts`.
      allowedHosts: [
        ...config.callbacks.allowedHosts,
        ...configuredTargetHosts([
          config.callbackUrl,
          ...this.providers.flatMap((p) => Object.values(p.config.callbacks)),
        ]),
      ],
      undelivered: undeliveredWriter(config.callbacks.undeliveredFile),
      ...(this.retries && { retries: this.retries }),
      // Looked up from the job's data, so a retry another replica stored is authorized here too.
      authorize: (job) => {
        const provider = this.providers.find((p) => p.definition.id === job.provider);
        const kind = provider?.definition.callbacks[job.kind];
        return provider && kind?.authorize
          ? kind.authorize(job.kind, job.target, job.body, this.providerContext(provider))
          : undefined;
      },
    });
  }

  private createCallbacks(): CallbackPipeline {
    const chaos = this.streams.chaos;
    return new CallbackPipeline({
      clock: this.options.clock,
      scheduler: this.scheduler,
      journal: this.recorder,
      logger: this.options.logger,
      dispatcher: this.dispatcher,
      defaultCallbackUrl: this.config.callbackUrl,
      nextId: (prefix) => this.streams.ids.next(prefix),
      providerContext: (provider) => this.providerContext(provider),
      random: () => chaos,
    });
  }

  private createServices(): EngineServices {
    const { clock, logger, schemas } = this.options;
    const sleepClock = this.options.sleepClock ?? systemClock;
    const byBasePath = new Map(this.providers.map((p) => [p.basePath.slice(1), p]));
    return {
      config: this.config,
      clock,
      logger,
      recorder: this.recorder,
      schemas,
      streams: this.streams,
      faults: this.faults,
      counters: this.counters,
      providers: this.providers,
      providerAt: (segment) => byBasePath.get(segment),
      sleep: (ms) => new Promise<void>((resolve) => sleepClock.setTimer(ms, resolve)),
      lifecycle: this.lifecycle,
      providerContext: (provider) => this.providerContext(provider),
      ...(this.options.shared && { shared: this.options.shared }),
    };
  }

  /** The context handed to a provider's functions: one per provider, for the engine's life. */
  providerContext<S>(provider: ProviderRuntime<S>): ProviderContext<S> {
    let context = this.contexts.get(provider);
    if (!context) {
      context = {
        providerId: provider.definition.id,
        settings: provider.settings,
        clock: this.options.clock,
        random: this.streams.provider(provider.definition.id),
        ids: this.streams.ids,
        validateSchema: (schemaId, value) => this.options.schemas.validate(schemaId, value),
        store: provider.state.store,
      };
      this.contexts.set(provider, context);
    }
    return context as ProviderContext<S>;
  }

  /** Callbacks pending, delivered, given up and refused (for the health endpoint). */
  callbackStats(): DispatcherStats {
    return this.dispatcher.stats();
  }

  /** Summaries of the providers with URLs under `origin`. */
  describe(origin: string): ProviderSummary[] {
    return describeProviders(this.providers, this.lifecycle, origin);
  }

  /** Injects a customer's message: the provider's inbound callback goes out now. */
  inbound(input: unknown): InboundResult {
    return serveInbound(this.services, input);
  }

  /** Moves an accepted message to a status now, with its callback. */
  forceStatus(messageId: string, outcome: ForcedOutcome): ForceResult {
    return this.lifecycle.force(messageId, outcome);
  }

  /** Joins the other replicas sharing `options.shared` (durable steps, fault rules, resets). */
  async joinCluster(): Promise<void> {
    const { shared } = this.options;
    const retries = this.retries;
    if (!shared || !retries) return;
    await joinCluster({
      shared,
      lifecycle: this.lifecycle,
      dispatcher: this.dispatcher,
      retries,
      faults: this.faults,
      providers: this.providers,
      logger: this.options.logger,
      resetLocal: () => this.resetProcess(),
    });
    const publish = async (): Promise<object[][]> =>
      shared.exchangeMetrics(await this.metrics.snapshot());
    this.metrics.onStop(publishPeriodically(publish));
  }

  /** Prometheus text of this instance, and of every live replica when state is shared. */
  async renderMetrics(): Promise<{ contentType: string; text: string }> {
    const shared = this.options.shared;
    const others = shared
      ? await shared.exchangeMetrics(await this.metrics.snapshot()).catch(() => [])
      : [];
    return this.metrics.render(others);
  }

  /** Clears the journal, drops pending callbacks and restarts every stream and rule in place (on every replica). */
  reset(): void {
    const shared = this.options.shared;
    if (shared) {
      shared
        .resetAll()
        .catch((error: Error) =>
          this.options.logger.error('cluster reset through redis failed', { error: error.message }),
        );
      this.resetProcess();
      return;
    }
    this.recorder.clear();
    for (const provider of this.providers) provider.state.store.clear();
    this.resetProcess();
  }

  /** Resets what this process holds alone: scheduled work, tracked messages, streams, rules. */
  private resetProcess(): void {
    this.lifecycle.forget();
    this.scheduler.cancelAll();
    this.dispatcher.forget();
    for (const provider of this.providers) {
      const inFlight = this.counters.getNow(`in-flight:${provider.definition.id}`);
      provider.state.peakInFlight = inFlight;
    }
    this.streams.reset();
    this.faults.reset();
  }

  /** With `drain`, pending callbacks are sent now within the drain timeout; else they are dropped. */
  async stop(drain: boolean): Promise<ShutdownReport> {
    if (!drain) {
      this.scheduler.cancelAll();
      return {
        flushed: 0,
        undelivered: this.dispatcher.undelivered,
        unfinished: this.dispatcher.pending,
      };
    }
    this.dispatcher.startDraining();
    const flushed = this.scheduler.flushAll();
    const { undelivered, unfinished } = await this.dispatcher.drain(
      this.config.callbacks.drainTimeoutMs,
    );
    return { flushed, undelivered, unfinished };
  }

  /** Releases the dispatcher's connections and the shared state (after the server closed). */
  async close(): Promise<void> {
    this.dispatcher.close();
    this.metrics.stop();
    await this.options.shared?.close();
  }
}
