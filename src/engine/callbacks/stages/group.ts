import type { CallbackEvent } from '../../types.js';
import type {
  CallbackServices,
  CallbackStage,
  GroupedEvent,
  StatusFlow,
} from '../callback-flow.js';

/**
 * Hands the event to the grouping buffer once per target and copy (plus a storm's copies later);
 * a full or expired group continues through the request stages as one callback.
 */
export const group: CallbackStage<StatusFlow> = {
  name: 'group',
  run(flow: StatusFlow, services: CallbackServices): boolean {
    const { provider, kind, message, step, serveEventId, chaos, tamper } = flow;
    const event: CallbackEvent = { kind, message, step, at: services.clock.now(), serveEventId };
    const single = provider.definition.callbacks[kind]?.single === true;
    const settings = single
      ? { maxEvents: 1, windowMs: 0 }
      : (chaos?.group ?? provider.config.callbackBatch);
    for (const target of flow.targets) {
      const key = `${provider.definition.id}\u0000${kind}\u0000${target}${chaos?.group ? '\u0000chaos' : ''}`;
      const item: GroupedEvent = { provider, target, event, ...(tamper && { tamper }) };
      for (let i = 0; i < flow.copies; i++) services.batcher.add(key, item, settings);
      if (chaos?.storm) {
        const interval = 1000 / chaos.storm.perSecond;
        for (let i = 1; i <= chaos.storm.count; i++) {
          services.scheduler.after(i * interval, () => services.batcher.add(key, item, settings), {
            kind: 'callback-storm',
            descriptor: { messageId: message.id, kind, target },
          });
        }
      }
    }
    return true;
  },
};
