import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import express, { type Express, type NextFunction, type Request, type Response } from 'express';
import { createAdminRouter } from '../admin/routes.js';
import { resolveConfig } from '../config/load-config.js';
import type { SimConfig, SimConfigInput } from '../config/sim-config.js';
import { scaledClock, systemClock, type Clock } from './clock.js';
import { describeProviders, type ProviderSummary } from './describe-providers.js';
import { CallbackPipeline } from './callbacks/callback-pipeline.js';
import { RingCallbackJournal } from './callbacks/ring-callback-journal.js';
import { undeliveredWriter } from './callbacks/undelivered-writer.js';
import { CallbackDispatcher, type DispatcherStats } from './dispatcher/callback-dispatcher.js';
import { configuredTargetHosts } from './dispatcher/target-allowlist.js';
import { SimError } from './errors.js';
import { FaultRegistry } from './faults/fault-registry.js';
import { RingJournal } from './journal/ring-journal.js';
import { injectInbound, type InboundResult } from './lifecycle/inject-inbound.js';
import { MessageLifecycle, type ForceResult } from './lifecycle/message-lifecycle.js';
import { createLogger, type Logger } from './logger.js';
import { runPipeline } from './pipeline.js';
import {
  configFaultSpecs,
  createProviderRuntime,
  type ProviderRuntime,
} from './provider-runtime.js';
import { answerError, type EngineServices, type RequestContext } from './request-context.js';
import { Scheduler } from './scheduler.js';
import { createSeededStreams, type SeededStreams } from './seeded-streams.js';
import { recordUnmatched } from './record-unmatched.js';
import type { AnyProviderDefinition, ForcedOutcome, ProviderContext } from './types.js';
import { SchemaRegistry } from './validation/schema-registry.js';

/** Services a caller may inject (tests use a manual clock and a captured logger). */
export interface SimulatorServices {
  clock?: Clock;
  logger?: Logger;
  schemas?: SchemaRegistry;
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

/** A running (or ready to run) simulator of one or more providers. */
export interface Simulator {
  readonly config: SimConfig;
  /** The express app: mount it elsewhere, or call `listen()`. */
  readonly app: Express;
  readonly journal: RingJournal;
  readonly schemas: SchemaRegistry;
  readonly providers: readonly ProviderRuntime[];
  /** The live fault rules: list, add, load scenarios, remove. */
  readonly faults: FaultRegistry;
  /** `http://host:port` once listening. */
  readonly url: string | undefined;
  /** Listens on the configured host and port; resolves to the base URL. */
  listen(): Promise<string>;
  /** Summaries of the providers with URLs under the listening address (or the configured one). */
  describe(): ProviderSummary[];
  /** Clears the journal, drops pending callbacks and restarts every random stream from the seed. */
  reset(): void;
  /** Injects a customer's message (`{provider, from, text, ...}`): the provider's inbound callback goes out now. */
  inbound(input: unknown): InboundResult;
  /** Moves an accepted message to a status now (`delivered`, `read`, `failed` with a code), with its callback. */
  forceStatus(messageId: string, outcome: ForcedOutcome): ForceResult;
  /** Callbacks pending, delivered, given up and refused (for the health endpoint). */
  callbackStats(): DispatcherStats;
  /** Stops listening; with `drain` (default) pending callbacks are sent now, within the drain timeout. */
  close(options?: { drain?: boolean }): Promise<ShutdownReport>;
}

/** Builds a simulator of `definitions` from `input` (merged over the defaults and validated). */
export function createSimulator(
  input: SimConfigInput | SimConfig,
  definitions: readonly AnyProviderDefinition[],
  services: SimulatorServices = {},
): Simulator {
  const config = resolveConfig(input);
  const clock =
    services.clock ?? (config.clock.speed === 1 ? systemClock : scaledClock(config.clock.speed));
  // Request latency is felt by the gateway in real time, so only an injected clock (tests) slows it.
  const sleepClock = services.clock ?? systemClock;
  const logger = services.logger ?? createLogger(config.log.level);
  const schemas = services.schemas ?? new SchemaRegistry();
  schemas.compileAll();
  const providers = definitions
    .map((d) => createProviderRuntime(d, config))
    .filter((p) => p.config.enabled);
  for (const id of Object.keys(config.providers)) {
    if (!definitions.some((d) => d.id === id)) {
      throw new SimError(
        'invalid-config',
        `/providers/${id}`,
        `config /providers/${id}: unknown provider; known: ${definitions.map((d) => d.id).join(', ')}`,
      );
    }
  }
  const byBasePath = new Map(providers.map((p) => [p.basePath.slice(1), p]));
  if (byBasePath.size !== providers.length) throw new Error('two providers share a base path');
  const journal = new RingJournal(config.journal.size);
  const scheduler = new Scheduler(clock);
  let streams: SeededStreams = createSeededStreams(config.seed);
  let startedAt = clock.now();
  const faults = new FaultRegistry({ providers, clock, schemas, random: () => streams.faults });
  faults.setConfigRules(configFaultSpecs(providers, config));
  config.scenarios.forEach((scenario, i) => {
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

  let contexts = new Map<ProviderRuntime, ProviderContext>();
  const buildContext = <S>(provider: ProviderRuntime<S>): ProviderContext<S> => ({
    providerId: provider.definition.id,
    settings: provider.settings,
    clock,
    random: streams.provider(provider.definition.id),
    ids: streams.ids,
    validateSchema: (schemaId, value) => schemas.validate(schemaId, value),
    store: provider.state.store,
  });
  /** One context per provider, rebuilt on reset (when the random streams restart). */
  const providerContext = <S>(provider: ProviderRuntime<S>): ProviderContext<S> => {
    let context = contexts.get(provider);
    if (!context) {
      context = buildContext(provider);
      contexts.set(provider, context);
    }
    return context as ProviderContext<S>;
  };

  const callbackJournal = new RingCallbackJournal(journal);
  const dispatcher = new CallbackDispatcher({
    clock,
    random: () => streams.dispatcher,
    scheduler,
    timeoutMs: config.callbacks.timeoutMs,
    allowedHosts: [
      ...config.callbacks.allowedHosts,
      ...configuredTargetHosts([
        config.callbackUrl,
        ...providers.flatMap((p) => Object.values(p.config.callbacks)),
      ]),
    ],
    undelivered: undeliveredWriter(config.callbacks.undeliveredFile),
  });
  const callbacks = new CallbackPipeline({
    clock,
    scheduler,
    journal: callbackJournal,
    logger,
    dispatcher,
    defaultCallbackUrl: config.callbackUrl,
    nextId: (prefix) => streams.ids.next(prefix),
    providerContext,
    random: () => streams.chaos,
  });
  const lifecycle = new MessageLifecycle({
    clock,
    scheduler,
    journal: callbackJournal,
    callbacks,
    providerContext,
  });

  const engine: EngineServices = {
    config,
    clock,
    logger,
    journal,
    schemas,
    get streams() {
      return streams;
    },
    faults,
    get startedAt() {
      return startedAt;
    },
    sleep: (ms) => new Promise<void>((resolve) => sleepClock.setTimer(ms, resolve)),
    lifecycle,
    providerContext,
  };

  /** Serves a provider request, or calls `next` for anything else (admin API, unknown paths). */
  const handleProvider = (req: IncomingMessage, res: ServerResponse, next: () => void): void => {
    const url = req.url ?? '/';
    const method = req.method ?? 'GET';
    const queryAt = url.indexOf('?');
    const pathname = queryAt < 0 ? url : url.slice(0, queryAt);
    const slash = pathname.indexOf('/', 1);
    const provider = byBasePath.get(slash < 0 ? pathname.slice(1) : pathname.slice(1, slash));
    if (!provider) {
      next();
      return;
    }
    const ctx: RequestContext = {
      engine,
      provider,
      req,
      res,
      request: {
        id: streams.ids.next('req_'),
        method,
        path: slash < 0 ? '/' : pathname.slice(slash),
        fullPath: pathname,
        query: new URLSearchParams(queryAt < 0 ? '' : url.slice(queryAt + 1)),
        headers: req.headers,
        params: {},
        rawBody: Buffer.alloc(0),
        body: undefined,
        receivedAt: clock.now(),
      },
      recipients: [],
      diagnostics: [],
      faults: [],
      outcome: 'rejected',
      messages: [],
      subEvents: [],
      trace: [],
      startedAt: performance.now(),
      releases: [],
      faultDelayMs: 0,
    };
    const state = provider.state;
    state.inFlight++;
    if (state.inFlight > state.peakInFlight) state.peakInFlight = state.inFlight;
    const max = provider.config.maxConcurrent;
    if (max !== undefined && state.inFlight > max) {
      req.resume();
      answerError(
        ctx,
        'throttled',
        `more than ${max} concurrent requests (providers.${provider.definition.id}.maxConcurrent)`,
      );
      ctx.subEvents.push({ type: 'concurrency-cap', offsetMs: 0, inFlight: state.inFlight, max });
    }
    void runPipeline(ctx).finally(() => {
      state.inFlight--;
      for (const release of ctx.releases) release();
    });
  };

  let server: http.Server | undefined;
  let listeningUrl: string | undefined;

  const simulator: Simulator = {
    config,
    app: express(),
    journal,
    schemas,
    providers,
    faults,
    get url() {
      return listeningUrl;
    },
    describe() {
      return describeProviders(
        providers,
        lifecycle,
        listeningUrl ?? `http://${config.host}:${config.port}`,
      );
    },
    inbound(input) {
      return injectInbound(input, {
        providers,
        schemas,
        journal,
        clock,
        lifecycle,
        nextId: (prefix) => streams.ids.next(prefix),
        providerContext,
        logger,
      });
    },
    callbackStats() {
      return dispatcher.stats();
    },
    forceStatus(messageId, outcome) {
      return lifecycle.force(messageId, outcome);
    },
    reset() {
      lifecycle.forget();
      journal.clear();
      scheduler.cancelAll();
      dispatcher.forget();
      for (const provider of providers) {
        provider.state.store.clear();
        provider.state.peakInFlight = provider.state.inFlight;
      }
      streams = createSeededStreams(config.seed);
      contexts = new Map();
      faults.reset();
      startedAt = clock.now();
    },
    listen() {
      return new Promise((resolve, reject) => {
        // Provider requests skip express entirely (its per-request work is most of the overhead);
        // express serves only the admin API and unknown paths.
        const created = http.createServer((req, res) =>
          handleProvider(req, res, () => void app(req, res)),
        );
        created.keepAliveTimeout = 65_000;
        created.once('error', reject);
        created.listen(config.port, config.host, () => {
          created.off('error', reject);
          const address = created.address() as AddressInfo;
          const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
          listeningUrl = `http://${host}:${address.port}`;
          server = created;
          resolve(listeningUrl);
        });
      });
    },
    async close({ drain = true } = {}) {
      const closing = server
        ? new Promise<void>((resolve) => server!.close(() => resolve()))
        : Promise.resolve();
      server?.closeIdleConnections();
      let report: ShutdownReport;
      if (drain) {
        dispatcher.startDraining();
        const flushed = scheduler.flushAll();
        const { undelivered, unfinished } = await dispatcher.drain(config.callbacks.drainTimeoutMs);
        report = { flushed, undelivered, unfinished };
      } else {
        scheduler.cancelAll();
        report = {
          flushed: 0,
          undelivered: dispatcher.undelivered,
          unfinished: dispatcher.pending,
        };
      }
      server?.closeAllConnections();
      await closing;
      dispatcher.close();
      server = undefined;
      return report;
    },
  };

  const app = simulator.app;
  app.disable('x-powered-by');
  app.set('etag', false);
  app.use((req: Request, res: Response, next: NextFunction) => handleProvider(req, res, next));
  app.get('/', (_req: Request, res: Response) => res.redirect(302, '/__admin/ui/'));
  app.use('/__admin', createAdminRouter(simulator));
  app.use((req: Request, res: Response) =>
    recordUnmatched(req, res, {
      journal,
      clock,
      nextId: () => streams.ids.next('req_'),
      providers,
    }),
  );
  return simulator;
}
