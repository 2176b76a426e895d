import { resolveConfig } from '../config/load-config.js';
import type { SimConfig, SimConfigInput } from '../config/sim-config.js';
import { scaledClock, systemClock, type Clock } from '../engine/clock.js';
import { Engine } from '../engine/engine.js';
import { createLogger, type Logger } from '../engine/logger.js';
import { serveRequest } from '../engine/pipeline.js';
import type { SharedState } from '../engine/stores/shared-state.js';
import type { AnyProviderDefinition } from '../engine/types.js';
import { SchemaRegistry } from '../engine/validation/schema-registry.js';
import { createHttpApp } from './http-app.js';
import { HttpServer } from './http-server.js';
import type { Simulator, SimulatorServices } from './simulator.js';

export type { Simulator, SimulatorServices, ShutdownReport } from './simulator.js';

/** The clock and logger chosen from config unless the caller injected them. */
function baseServices(
  config: SimConfig,
  services: SimulatorServices,
): { clock: Clock; logger: Logger } {
  const clock =
    services.clock ?? (config.clock.speed === 1 ? systemClock : scaledClock(config.clock.speed));
  return { clock, logger: services.logger ?? createLogger(config.log.level) };
}

/** The engine's services, chosen from config unless the caller injected them. */
function buildEngine(
  config: SimConfig,
  definitions: readonly AnyProviderDefinition[],
  services: SimulatorServices,
  shared?: { state: SharedState; clock: Clock; logger: Logger },
): Engine {
  const { clock, logger } = shared ?? baseServices(config, services);
  // Each schema compiles on first use (the first send to a route waits for its schema): compiling
  // all of them was most of every start, for the one or two routes a run often uses.
  // test/schemas.test.ts compiles every schema, so none can first fail in use.
  const schemas = services.schemas ?? new SchemaRegistry();
  return new Engine(config, definitions, {
    clock,
    // Request latency is felt by the gateway in real time, so only an injected clock (tests) slows it.
    sleepClock: services.clock ?? systemClock,
    logger,
    schemas,
    ...(shared && { shared: shared.state }),
  });
}

/** The simulator around a built engine: HTTP server, express app and admin API. */
function assemble(config: SimConfig, engine: Engine): Simulator {
  // Provider requests skip express entirely (its per-request work is most of the overhead);
  // express serves only the admin API and unknown paths.
  const server = new HttpServer(
    (req, res) => serveRequest(engine.services, req, res, () => void app(req, res)),
    config.server,
  );
  const simulator: Omit<Simulator, 'app'> = {
    config,
    journal: engine.journal,
    schemas: engine.services.schemas,
    providers: engine.providers,
    faults: engine.faults,
    get url() {
      return server.url;
    },
    listen: () => server.listen(config.port, config.host),
    describe: () => engine.describe(server.url ?? `http://${config.host}:${config.port}`),
    inbound: (body) => engine.inbound(body),
    forceStatus: (messageId, outcome) => engine.forceStatus(messageId, outcome),
    callbackStats: () => engine.callbackStats(),
    metrics: () => engine.renderMetrics(),
    reset: () => engine.reset(),
    async close({ drain = true } = {}) {
      const report = await server.close(() => engine.stop(drain));
      await engine.close();
      return report;
    },
  };
  const app = createHttpApp(engine, simulator);
  // Object.assign keeps the `url` getter (a spread would freeze its current value).
  return Object.assign(simulator, { app });
}

/**
 * Builds a simulator of `definitions` from `input` (merged over the defaults and validated), with
 * every store in this process. For state shared with other replicas (`state.redis`), use
 * `openSimulator`.
 */
export function createSimulator(
  input: SimConfigInput | SimConfig,
  definitions: readonly AnyProviderDefinition[],
  services: SimulatorServices = {},
): Simulator {
  const config = resolveConfig(input);
  return assemble(config, buildEngine(config, definitions, services));
}

/**
 * Builds a simulator as `createSimulator` does; when config names a Redis (`state.redis`,
 * `--redis`), first connects it (failing at once, naming the URL, when it cannot) and joins the
 * replicas sharing it: journal, provider state, counters, fault rules and scheduled work.
 */
export async function openSimulator(
  input: SimConfigInput | SimConfig,
  definitions: readonly AnyProviderDefinition[],
  services: SimulatorServices = {},
): Promise<Simulator> {
  const config = resolveConfig(input);
  const url = config.state.redis;
  if (!url) return assemble(config, buildEngine(config, definitions, services));
  const { clock, logger } = baseServices(config, services);
  // Loaded only here: a start without Redis need not load the Redis client and the job queue.
  const { openRedisState } = await import('../engine/stores/redis/redis-shared-state.js');
  const shared = await openRedisState({
    url,
    keyPrefix: config.state.keyPrefix,
    journalCapacity: config.journal.size,
    journalMaxBytes: config.journal.maxBytes,
    providerIds: definitions.map((d) => d.id),
    bounds: { maxKeys: config.state.maxKeysPerProvider, ttlMs: config.state.ttlMs },
    clock,
    logger,
  });
  const engine = buildEngine(config, definitions, services, { state: shared, clock, logger });
  await engine.joinCluster();
  return assemble(config, engine);
}
