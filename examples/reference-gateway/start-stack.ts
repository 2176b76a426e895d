import { startSimulator, type SimConfigInput, type Simulator } from '../../src/index.js';
import {
  createReferenceGateway,
  type ReferenceGateway,
  type ReferenceGatewayOptions,
} from './gateway.js';

/** How to start a reference gateway wired to a simulator. */
export interface ReferenceStackOptions {
  /** Gateway options; the simulator URL is filled in. */
  gateway?: Omit<ReferenceGatewayOptions, 'simulatorUrl'>;
  /** Simulator config (port 0 unless given); `callbackUrl` is set to the gateway's. */
  simulator?: SimConfigInput;
}

/** A gateway and the simulator it sends to, each posting to the other. */
export interface ReferenceStack {
  gateway: ReferenceGateway;
  simulator: Simulator;
  /** Closes the simulator (dropping pending callbacks) and then the gateway. */
  close(): Promise<void>;
}

/**
 * Starts the gateway first (its callback URL goes into the simulator's config), then the simulator,
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
    simulator = await startSimulator({
      port: 0,
      ...options.simulator,
      callbackUrl: gateway.callbackUrl('sinch-sms', 'dlr'),
    });
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
