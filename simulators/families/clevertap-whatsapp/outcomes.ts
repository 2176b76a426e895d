import { normalizeNumber } from './phone-numbers.js';
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
