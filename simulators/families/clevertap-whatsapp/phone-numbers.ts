/** A number as CleverTap may send it (with or without `+`) reduced to its digits, for comparisons. */
export function normalizeNumber(number: string): string {
  return number.trim().replace(/^\+/, '');
}

/** An international number: optional `+`, then 8 to 15 digits not starting with 0 (E.164). */
export const INTERNATIONAL_NUMBER = /^\+?[1-9][0-9]{7,14}$/;
