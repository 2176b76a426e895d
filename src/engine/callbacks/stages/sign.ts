import type { CallbackServices, CallbackStage, RequestFlow } from '../callback-flow.js';

/** Signs the exact bytes for providers that sign callbacks; a failing signer is logged and the callback goes unsigned. */
export const sign: CallbackStage<RequestFlow> = {
  name: 'sign',
  run(flow: RequestFlow, services: CallbackServices): boolean {
    const { provider, kind, target } = flow;
    const definition = provider.definition.callbacks[kind]!;
    flow.signature = {};
    try {
      flow.signature =
        definition.sign?.(
          flow.payload!,
          services.providerContext(provider),
          target,
          flow.items.find((i) => i.tamper)?.tamper,
        ) ?? {};
    } catch (error) {
      services.logger.error('callback signing failed', {
        provider: provider.definition.id,
        kind,
        error: (error as Error).message,
      });
    }
    return true;
  },
};
