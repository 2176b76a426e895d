import type { CallbackServices, CallbackStage, RequestFlow } from '../callback-flow.js';

/** The provider builds the request body from the grouped events; a failing builder is logged and the flow ends. */
export const buildBody: CallbackStage<RequestFlow> = {
  name: 'build-body',
  run(flow: RequestFlow, services: CallbackServices): boolean {
    const { provider, kind, target } = flow;
    try {
      flow.prepared = provider.definition.callbacks[kind]!.build(
        flow.items.map((i) => i.event),
        services.providerContext(provider),
        target,
      );
    } catch (error) {
      services.logger.error('callback builder failed', {
        provider: provider.definition.id,
        kind,
        error: (error as Error).message,
      });
      return false;
    }
    flow.payload = JSON.stringify(flow.prepared.body);
    return true;
  },
};
