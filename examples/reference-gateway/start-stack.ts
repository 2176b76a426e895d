import {
  createSimulator,
  loadProviders,
  type SchemaRegistry,
  type SimConfigInput,
  type Simulator,
} from '../../src/index.js';
import {
  createReferenceGateway,
  type ReferenceGateway,
  type ReferenceGatewayOptions,
} from './gateway.js';

/** How to start a reference gateway wired to a simulator. */
export interface ReferenceStackOptions {
  /** Gateway options; the simulator URL is filled in. */
  gateway?: Omit<ReferenceGatewayOptions, 'simulatorUrl'>;
  /**
   * Simulator config (port 0 unless given). Each provider the gateway speaks gets every callback
   * kind pointed at the gateway (`providers.<id>.callbacks`), unless this config sets it.
   */
  simulator?: SimConfigInput;
  /** Ids of the providers the simulator serves; default every registered provider. */
  providers?: readonly string[];
  /** Compiled schemas shared between simulators (compiling them is most of a start). */
  schemas?: SchemaRegistry;
}

/** A gateway and the simulator it sends to, each posting to the other. */
export interface ReferenceStack {
  gateway: ReferenceGateway;
  simulator: Simulator;
  /** Closes the simulator (dropping pending callbacks) and then the gateway. */
  close(): Promise<void>;
}

/** The gateway's URL for callbacks of `kind` from `provider`: its own kind, else its first; undefined when it does not speak `provider`. */
function gatewayUrlFor(
  gateway: ReferenceGateway,
  provider: string,
  kind: string,
): string | undefined {
  try {
    return gateway.callbackUrl(provider, kind);
  } catch {
    try {
      return gateway.callbackUrl(provider);
    } catch {
      return undefined;
    }
  }
}

/**
 * Starts the gateway first (its callback URLs go into the simulator's config), then the simulator,
 * whose URL the gateway reads at each send.
 */
export async function startReferenceStack(
  options: ReferenceStackOptions = {},
): Promise<ReferenceStack> {
  const started: { simulator?: Simulator } = {};
  const gateway = createReferenceGateway({
    ...options.gateway,
    simulatorUrl: () => started.simulator?.url,
  });
  await gateway.listen();
  let simulator: Simulator;
  try {
    const definitions = await loadProviders(options.providers);
    const providers: NonNullable<SimConfigInput['providers']> = {};
    for (const definition of definitions) {
      const configured = options.simulator?.providers?.[definition.id];
      if (configured) providers[definition.id] = configured;
      const callbacks: Record<string, string> = {};
      for (const kind of Object.keys(definition.callbacks)) {
        const url = gatewayUrlFor(gateway, definition.id, kind);
        if (url !== undefined) callbacks[kind] = url;
      }
      if (Object.keys(callbacks).length === 0) continue;
      const own = providers[definition.id];
      providers[definition.id] = { ...own, callbacks: { ...callbacks, ...own?.callbacks } };
    }
    simulator = createSimulator(
      { port: 0, ...options.simulator, providers },
      definitions,
      options.schemas && { schemas: options.schemas },
    );
    await simulator.listen();
  } catch (error) {
    await gateway.close();
    throw error;
  }
  started.simulator = simulator;
  return {
    gateway,
    simulator,
    async close() {
      await simulator.close({ drain: false });
      await gateway.close();
    },
  };
}
