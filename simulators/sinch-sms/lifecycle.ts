import type {
  AcceptedMessage,
  ForcedOutcome,
  LifecycleStep,
  MagicNumber,
  ProviderContext,
} from '../../src/engine/provider-api.js';
import { DELIVERED_DESCRIPTION, SMS_FAILURE_CODES } from './dlr-codes.js';
import type { SinchSmsSettings } from './settings.js';

const patterns = new Map<string, RegExp>();
const compiled = (source: string): RegExp => {
  let regex = patterns.get(source);
  if (!regex) patterns.set(source, (regex = new RegExp(source)));
  return regex;
};

/** The outcome the settings' recipient rules choose for `recipient` (first match wins). */
export function outcomeFor(
  recipient: string,
  settings: SinchSmsSettings,
): { status: 'delivered' } | { status: 'failed'; code: string } {
  const number = recipient.replace(/^\+/, '');
  for (const rule of settings.outcomes) {
    const match = compiled(rule.recipient).exec(number);
    if (!match) continue;
    if (rule.status === 'delivered') return { status: 'delivered' };
    const code = (rule.code ?? '900').replace(/\$(\d)/g, (_, n: string) => match[Number(n)] ?? '');
    return { status: 'failed', code };
  }
  return { status: 'delivered' };
}

/** The outcome a fault rule forces, in this provider's terms (any status but `failed` means delivered). */
function forcedOutcome(
  forced: ForcedOutcome,
): { status: 'delivered' } | { status: 'failed'; code: string } {
  return forced.status === 'failed'
    ? { status: 'failed', code: forced.code ?? '900' }
    : { status: 'delivered' };
}

/** Status name of a click step; its `description` holds the original URL clicked. */
export const CLICKED = 'clicked';

const draw = (range: { min: number; max: number }, context: ProviderContext<SinchSmsSettings>) =>
  Math.round(range.min + context.random.next() * Math.max(0, range.max - range.min));

/** What the lifecycle reads from an accepted message's `data`. */
interface SmsMessageData {
  dltCode?: string;
  dltDescription?: string;
  links?: string[];
}

/**
 * One DLR per recipient after a random delay: delivered, or failed with a 900-series code (a DLT
 * code when the send failed DLT scrubbing under `dlt: dlr`). A delivered message sent with URL
 * shortening may be clicked afterwards (probability and delay from `settings.clicks`, seeded).
 * @see https://docs.clevertap.com/docs/generic-sms
 */
export function smsLifecycle(
  message: AcceptedMessage,
  context: ProviderContext<SinchSmsSettings>,
  forced?: ForcedOutcome,
): LifecycleStep[] {
  const { settings } = context;
  const data = (message.data ?? {}) as SmsMessageData;
  const afterMs = forced?.afterMs ?? draw(settings.dlrDelayMs, context);
  if (!forced && data.dltCode !== undefined) {
    return [
      {
        status: 'failed',
        afterMs,
        callback: 'dlr',
        code: data.dltCode,
        description: data.dltDescription ?? SMS_FAILURE_CODES[data.dltCode] ?? 'DLT failure',
      },
    ];
  }
  const outcome = forced ? forcedOutcome(forced) : outcomeFor(message.recipient, settings);
  if (outcome.status === 'delivered') {
    const steps: LifecycleStep[] = [
      { status: 'delivered', afterMs, callback: 'dlr', description: DELIVERED_DESCRIPTION },
    ];
    const links = data.links ?? [];
    if (!forced && links.length > 0 && context.random.chance(settings.clicks.rate)) {
      const url = links[context.random.int(0, links.length - 1)]!;
      const clickedAt = afterMs + draw(settings.clicks.delayMs, context);
      steps.push({ status: CLICKED, afterMs: clickedAt, callback: 'dlr', description: url });
    }
    return steps;
  }
  return [
    {
      status: 'failed',
      afterMs,
      callback: 'dlr',
      code: outcome.code,
      description: SMS_FAILURE_CODES[outcome.code] ?? 'Any other error',
    },
  ];
}

/** Test numbers and the outcome the current rules give each: one per failure code, and a delivered one. */
export function smsMagicNumbers(settings: SinchSmsSettings): MagicNumber[] {
  const numbers = [
    '919800000001',
    ...Object.keys(SMS_FAILURE_CODES).map((code) => `919800000${code}`),
  ];
  return numbers.map((number) => {
    const outcome = outcomeFor(number, settings);
    return {
      number,
      outcome:
        outcome.status === 'delivered'
          ? 'delivered'
          : `failed ${outcome.code} (${SMS_FAILURE_CODES[outcome.code] ?? 'Any other error'})`,
    };
  });
}
