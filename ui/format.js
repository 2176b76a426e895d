// @ts-check

/**
 * `HH:MM:SS` in local time, or the input unchanged when it is not a date.
 * @param {string | number} at ISO 8601 text or epoch milliseconds
 */
export function clockTime(at) {
  const date = new Date(at);
  if (Number.isNaN(date.getTime())) return String(at);
  return date.toLocaleTimeString(undefined, { hour12: false });
}

/**
 * Day and time for a tooltip: `2024-04-05 10:42:05.123`.
 * @param {string | number} at
 */
export function fullTime(at) {
  const date = new Date(at);
  if (Number.isNaN(date.getTime())) return String(at);
  const pad = (/** @type {number} */ n, width = 2) => String(n).padStart(width, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())} ${pad(
    date.getHours(),
  )}:${pad(date.getMinutes())}:${pad(date.getSeconds())}.${pad(date.getMilliseconds(), 3)}`;
}

/**
 * A time after the request: `+0.412 s`, `+12.4 s`, `+3 min 05 s`.
 * @param {number} ms
 */
export function offset(ms) {
  if (!Number.isFinite(ms)) return '';
  if (ms < 10_000) return `+${(ms / 1000).toFixed(3)} s`;
  if (ms < 60_000) return `+${(ms / 1000).toFixed(1)} s`;
  const seconds = Math.round(ms / 1000);
  return `+${Math.floor(seconds / 60)} min ${String(seconds % 60).padStart(2, '0')} s`;
}

/**
 * A duration: `12 ms`, `1.25 s`.
 * @param {number} ms
 */
export function duration(ms) {
  if (!Number.isFinite(ms)) return '';
  return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(2)} s`;
}

/**
 * A status name as people read it: `QUEUED_ON_CHANNEL` -> `queued on channel`.
 * @param {string} status
 */
export function statusLabel(status) {
  return status.toLowerCase().replace(/[_-]+/g, ' ');
}

/** @typedef {'good' | 'read' | 'pending' | 'bad' | 'inbound' | 'neutral'} Tone */

/**
 * The colour family of a status, whatever the provider's spelling.
 * @param {string} status
 * @returns {Tone}
 */
export function statusTone(status) {
  const s = status.toLowerCase();
  if (s === 'read' || s === 'clicked') return 'read';
  if (s === 'delivered') return 'good';
  if (/fail|reject|fault|error|expired|undeliver|dropped/.test(s)) return 'bad';
  if (s === 'inbound' || s === 'received' || s === 'replied') return 'inbound';
  if (/accepted|sent|queued|switching|pending/.test(s)) return 'pending';
  return 'neutral';
}

/**
 * A number compared without its leading `+`.
 * @param {string} number
 */
export function bareNumber(number) {
  return number.replace(/^\+/, '');
}

/**
 * `text` cut to `max` characters with an ellipsis.
 * @param {string} text
 * @param {number} max
 */
export function truncate(text, max) {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

/**
 * JSON for people: indented, or the text itself when it is already a string.
 * @param {unknown} value
 */
export function prettyJson(value) {
  if (typeof value === 'string') return value;
  try {
    return JSON.stringify(value, null, 2) ?? String(value);
  } catch {
    return String(value);
  }
}
