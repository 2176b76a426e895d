/** http(s) links in a text, as a reader would copy them (trailing punctuation left out). */
const LINK = /https?:\/\/[^\s<>"']+/g;

/**
 * The links of an SMS text, in order, without duplicates: what URL shortening (`s: "1"`) rewrites
 * and a customer can click (CleverTap's `clicked` event carries the original `url`).
 * @see https://docs.clevertap.com/docs/generic-sms
 */
export function linksOf(text: string): string[] {
  const found = (text.match(LINK) ?? []).map((url) => url.replace(/[.,;:!?)\]]+$/, ''));
  return [...new Set(found)];
}

/** A short, stable link code for a clicked URL (the same msgid, recipient and URL give the same code). */
export function shortCode(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return (h >>> 0).toString(36).padStart(7, '0');
}
