import type {
  AcceptedMessage,
  ForcedOutcome,
  LifecycleStep,
  ProviderContext,
} from '../../../src/engine/provider-api.js';
import type { ClevertapMessageData } from './accept.js';
import { outcomeFor } from './outcomes.js';
import type { ClevertapWhatsappSettings, DelayRange } from './settings.js';
import { DLR_FAILURE_TITLES } from './status-codes.js';

/** Status name of a click step; its `description` holds the URL clicked. */
export const CLICKED = 'clicked';

const draw = (range: DelayRange, context: ProviderContext<ClevertapWhatsappSettings>): number =>
  Math.round(range.min + context.random.next() * Math.max(0, range.max - range.min));

/**
 * The steps up to an outcome a fault rule (or the inbox) forces, all at `afterMs`: `failed` with
 * its code (1009 by default), or `sent`, then `delivered` and `read` as far as the forced status.
 */
function forcedSteps(forced: ForcedOutcome): LifecycleStep[] {
  const afterMs = forced.afterMs ?? 0;
  if (forced.status === 'failed') {
    const code =
      forced.code !== undefined && DLR_FAILURE_TITLES[forced.code] ? forced.code : '1009';
    return [
      { status: 'failed', afterMs, callback: 'dlr', code, description: DLR_FAILURE_TITLES[code]! },
    ];
  }
  const order = ['sent', 'delivered', 'read'];
  const last = Math.max(0, order.indexOf(forced.status));
  return order.slice(0, last + 1).map((status) => ({ status, afterMs, callback: 'dlr' }));
}

/**
 * The statuses of an accepted message, each after its own delay: `sent` -> `delivered` -> `read`
 * (as far as the recipient rules let it go; `read` may skip `delivered`), or one `failed` with a
 * 1000-1010 code, then an optional click on a URL button. All of them go out as `dlr` callbacks.
 * @see https://docs.clevertap.com/docs/generic-whatsapp
 */
export function clevertapWhatsappLifecycle(
  message: AcceptedMessage,
  context: ProviderContext<ClevertapWhatsappSettings>,
  forced?: ForcedOutcome,
): LifecycleStep[] {
  const { settings } = context;
  const data = message.data as unknown as ClevertapMessageData;
  if (forced) return forcedSteps(forced);
  const decided = outcomeFor(message.recipient, settings);
  const sentAt = draw(settings.delaysMs.sent, context);
  const failure = data.failWith ?? (decided.outcome === 'failed' ? (decided.code ?? '1009') : '');
  if (failure !== '') {
    return [
      {
        status: 'failed',
        afterMs: sentAt,
        callback: 'dlr',
        code: failure,
        description: DLR_FAILURE_TITLES[failure] ?? DLR_FAILURE_TITLES['1009']!,
      },
    ];
  }
  const steps: LifecycleStep[] = [{ status: 'sent', afterMs: sentAt, callback: 'dlr' }];
  if (decided.outcome === 'sent') return steps;
  const deliveredAt = sentAt + draw(settings.delaysMs.delivered, context);
  const readAt = deliveredAt + draw(settings.delaysMs.read, context);
  const reachesRead = decided.outcome === 'read';
  if (!(reachesRead && context.random.chance(settings.readWithoutDelivered))) {
    steps.push({ status: 'delivered', afterMs: deliveredAt, callback: 'dlr' });
  }
  if (reachesRead) steps.push({ status: 'read', afterMs: readAt, callback: 'dlr' });
  if (data.clickUrls.length > 0 && context.random.chance(settings.clicks.rate)) {
    const url = data.clickUrls[context.random.int(0, data.clickUrls.length - 1)]!;
    const after = reachesRead ? readAt : deliveredAt;
    steps.push({
      status: CLICKED,
      afterMs: after + settings.clicks.afterMs,
      callback: 'dlr',
      description: url,
    });
  }
  return steps;
}
