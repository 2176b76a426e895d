import { resolveConfig } from '../config/load-config.js';
import type { SimConfig, SimConfigInput } from '../config/sim-config.js';
import { scaledClock, systemClock } from '../engine/clock.js';
import { Engine } from '../engine/engine.js';
import { createLogger } from '../engine/logger.js';
import { serveRequest } from '../engine/pipeline.js';
import type { AnyProviderDefinition } from '../engine/types.js';
import { SchemaRegistry } from '../engine/validation/schema-registry.js';
import { createHttpApp } from './http-app.js';
import { HttpServer } from './http-server.js';
import type { Simulator, SimulatorServices } from './simulator.js';

export type { Simulator, SimulatorServices, ShutdownReport } from './simulator.js';

/** The engine's services, chosen from config unless the caller injected them. */
function buildEngine(
  config: SimConfig,
  definitions: readonly AnyProviderDefinition[],
  services: SimulatorServices,
): Engine {
  const clock =
    services.clock ?? (config.clock.speed === 1 ? systemClock : scaledClock(config.clock.speed));
  const schemas = services.schemas ?? new SchemaRegistry();
  schemas.compileAll();
  return new Engine(config, definitions, {
    clock,
    // Request latency is felt by the gateway in real time, so only an injected clock (tests) slows it.
    sleepClock: services.clock ?? systemClock,
    logger: services.logger ?? createLogger(config.log.level),
    schemas,
  });
}

/** Builds a simulator of `definitions` from `input` (merged over the defaults and validated). */
export function createSimulator(
  input: SimConfigInput | SimConfig,
  definitions: readonly AnyProviderDefinition[],
  services: SimulatorServices = {},
): Simulator {
  const config = resolveConfig(input);
  const engine = buildEngine(config, definitions, services);
  const schemas = engine.services.schemas;
  // Provider requests skip express entirely (its per-request work is most of the overhead);
  // express serves only the admin API and unknown paths.
  const server = new HttpServer(
    (req, res) => serveRequest(engine.services, req, res, () => void app(req, res)),
    config.server,
  );
  const simulator: Omit<Simulator, 'app'> = {
    config,
    journal: engine.journal,
    schemas,
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
    reset: () => engine.reset(),
    async close({ drain = true } = {}) {
      const report = await server.close(() => engine.stop(drain));
      engine.close();
      return report;
    },
  };
  const app = createHttpApp(engine, simulator);
  // Object.assign keeps the `url` getter (a spread would freeze its current value).
  return Object.assign(simulator, { app });
}
