/** The numbers of a comma-separated `to`, trimmed, in order. */
export function splitRecipients(to: string): string[] {
  return to
    .split(',')
    .map((r) => r.trim())
    .filter((r) => r !== '');
}

/** An Indian mobile number: 10 digits from 6-9, optionally prefixed by 91, +91 or 0. */
export const INDIAN_MOBILE = /^(?:\+?91|0)?[6-9][0-9]{9}$/;
