import type { CallbackChaos } from '../../faults/actions.js';
import type { LifecycleStep, SignatureTamper } from '../../types.js';
import type { CallbackServices, CallbackStage, StatusFlow } from '../callback-flow.js';
import { journalOffset } from '../journal-offset.js';

const TAMPER: Record<
  NonNullable<CallbackChaos['signature']>,
  (chaos: CallbackChaos) => SignatureTamper
> = {
  bad: () => ({ badSignature: true }),
  'replayed-nonce': () => ({ replayNonce: true }),
  'skewed-timestamp': (chaos) => ({ skewSeconds: chaos.skewSeconds ?? 600 }),
};

/** Step times reversed: the last status is reported first (out-of-order callbacks). */
function reversedTimes(steps: LifecycleStep[]): LifecycleStep[] {
  const times = steps.map((s) => s.afterMs).sort((a, b) => a - b);
  return [...steps]
    .sort((a, b) => a.afterMs - b.afterMs)
    .map((step, i) => ({ ...step, afterMs: times[times.length - 1 - i]! }));
}

/** The chaos that acts on when statuses happen: reorder reverses the step times, delay shifts them. */
export function chaosSchedule(
  steps: LifecycleStep[],
  chaos: CallbackChaos | undefined,
): LifecycleStep[] {
  if (!chaos) return steps;
  let out = chaos.reorder ? reversedTimes(steps) : steps;
  if (chaos.delayMs) out = out.map((step) => ({ ...step, afterMs: step.afterMs + chaos.delayMs! }));
  return out;
}

/**
 * The chaos that acts on each callback: a drop (journaled, flow ends), duplicates and a spoiled
 * signature (read by the later stages). Storms are started by the group stage.
 */
export const chaos: CallbackStage<StatusFlow> = {
  name: 'chaos',
  run(flow: StatusFlow, services: CallbackServices): boolean {
    const rule = flow.chaos;
    if (!rule) return true;
    if (rule.drop && services.random().chance(rule.drop)) {
      services.journal.addSubEvent(flow.serveEventId, {
        type: 'callback-dropped',
        offsetMs: journalOffset(services.journal, flow.serveEventId, services.clock.now()),
        kind: flow.kind,
        messageId: flow.message.id,
        status: flow.step.status,
      });
      return false;
    }
    if (rule.signature) flow.tamper = TAMPER[rule.signature](rule);
    flow.copies = 1 + (rule.duplicate ?? 0);
    return true;
  },
};
