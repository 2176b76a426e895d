import type { MagicNumber } from '../../src/engine/provider-api.js';
import { bareNumber } from './message-text.js';
import { FINAL_CODES, reportCode } from './report-codes.js';
import type { SinchSmsRestSettings } from './settings.js';

const patterns = new Map<string, RegExp>();
const compiled = (source: string): RegExp => {
  let regex = patterns.get(source);
  if (!regex) patterns.set(source, (regex = new RegExp(source)));
  return regex;
};

/** The final report code the settings' recipient rules give `recipient` (`0` = delivered). */
export function outcomeFor(recipient: string, settings: SinchSmsRestSettings): string {
  const number = bareNumber(recipient);
  for (const rule of settings.outcomes) {
    const match = compiled(rule.recipient).exec(number);
    if (match) return rule.code.replace(/\$(\d)/g, (_, n: string) => match[Number(n)] ?? '');
  }
  return '0';
}

/** Test numbers and what the current rules give each: a delivered one, and one per final REST code. */
export function sinchSmsRestMagicNumbers(settings: SinchSmsRestSettings): MagicNumber[] {
  const numbers = [
    '46700000001',
    ...FINAL_CODES.filter((c) => c !== '0').map((code) => `4670000${code.padStart(4, '0')}`),
  ];
  return numbers.map((number) => {
    const code = outcomeFor(number, settings);
    const { status, description } = reportCode(code);
    return {
      number,
      outcome: code === '0' ? 'Delivered (0)' : `${status} ${code} (${description})`,
    };
  });
}
