import type {
  AcceptedMessage,
  LifecycleStep,
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

/** One DLR per recipient after a random delay: delivered, or failed with a 900-series code. */
export function smsLifecycle(
  message: AcceptedMessage,
  context: ProviderContext<SinchSmsSettings>,
): LifecycleStep[] {
  const { min, max } = context.settings.dlrDelayMs;
  const afterMs = Math.round(min + context.random.next() * Math.max(0, max - min));
  const outcome = outcomeFor(message.recipient, context.settings);
  if (outcome.status === 'delivered') {
    return [{ status: 'delivered', afterMs, callback: 'dlr', description: DELIVERED_DESCRIPTION }];
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
