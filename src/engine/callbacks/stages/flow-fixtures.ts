import type { ProviderRuntime } from '../../provider-runtime.js';
import type { CallbackChaos } from '../../faults/actions.js';
import type { RequestFlow, StatusFlow } from '../callback-flow.js';

/** A status flow for message `m1` of entry `req_1` reaching `delivered` with a `dlr` callback. */
export function statusFlow(
  provider: ProviderRuntime,
  overrides: Partial<StatusFlow> & { chaos?: CallbackChaos } = {},
): StatusFlow {
  return {
    provider,
    message: { id: 'm1', recipient: '+15550001' },
    step: { status: 'delivered', afterMs: 20, callback: 'dlr' },
    kind: 'dlr',
    serveEventId: 'req_1',
    targets: [],
    copies: 1,
    ...overrides,
  };
}

/** A request flow of one `dlr` event for `m1` to `target`. */
export function requestFlow(provider: ProviderRuntime, target: string): RequestFlow {
  const flow = statusFlow(provider);
  return {
    provider,
    kind: 'dlr',
    target,
    items: [
      {
        provider,
        target,
        event: {
          kind: 'dlr',
          message: flow.message,
          step: flow.step,
          at: 0,
          serveEventId: 'req_1',
        },
      },
    ],
  };
}
