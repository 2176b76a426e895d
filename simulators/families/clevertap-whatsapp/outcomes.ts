import type { MagicNumber } from '../../../src/engine/provider-api.js';
import { normalizeNumber } from './phone-numbers.js';
import { DLR_FAILURE_TITLES, SEND_FAILURE_MESSAGES } from './status-codes.js';
import type { ClevertapWhatsappSettings, OutcomeRule } from './settings.js';

/** What the recipient rules decide for one number. */
export interface Outcome {
  outcome: OutcomeRule['outcome'];
  code?: string;
}

/** The outcome of the first rule whose regex matches `recipient` (without `+`), else `read`. */
export function outcomeFor(recipient: string, settings: ClevertapWhatsappSettings): Outcome {
  const number = normalizeNumber(recipient);
  for (const rule of settings.outcomes) {
    const match = new RegExp(rule.recipient).exec(number);
    if (!match) continue;
    if (rule.code === undefined) return { outcome: rule.outcome };
    const code = rule.code.replace(/\$(\d)/g, (_, n: string) => match[Number(n)] ?? '');
    return { outcome: rule.outcome, code };
  }
  return { outcome: 'read' };
}

/** Test numbers and what the current rules make of each: one per documented code, and each stopping point. */
export function clevertapMagicNumbers(settings: ClevertapWhatsappSettings): MagicNumber[] {
  const codes = [
    '1000',
    '1001',
    '1002',
    '1003',
    '1004',
    '1005',
    '1006',
    '1007',
    '1008',
    '1009',
    '1010',
  ];
  const numbers = [
    '919800000001',
    '919800009001',
    '919800009002',
    ...codes.map((code) => `91980000${code}`),
    ...['2001', '2002', '2003', '2004'].map((code) => `91980000${code}`),
  ];
  return numbers.map((number) => {
    const { outcome, code } = outcomeFor(number, settings);
    const detail =
      code === undefined
        ? ''
        : ` ${code} (${DLR_FAILURE_TITLES[code] ?? SEND_FAILURE_MESSAGES[code] ?? 'see the docs'})`;
    return { number, outcome: `${outcome}${detail}` };
  });
}
