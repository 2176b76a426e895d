import type { ServeEvent } from '../engine/journal/serve-event.js';

/** The JSON body of a journaled request when it is an object, else undefined. */
export function bodyOf(entry: ServeEvent): Record<string, unknown> | undefined {
  const body = entry.request.body;
  return body !== null && typeof body === 'object' && !Array.isArray(body)
    ? (body as Record<string, unknown>)
    : undefined;
}

/** How reports name a journaled request: `request req_3 (POST /sinch-sms/v1/enterprises/messages.json)`. */
export function subjectOf(entry: ServeEvent): string {
  return `request ${entry.id} (${entry.request.method} ${entry.request.path})`;
}

/** The size of a journaled request's body in bytes: its declared Content-Length, else its JSON. */
export function bodyBytesOf(entry: ServeEvent): number {
  const declared = Number(entry.request.headers['content-length']);
  if (Number.isFinite(declared) && declared >= 0) return declared;
  return entry.request.body === undefined
    ? 0
    : Buffer.byteLength(JSON.stringify(entry.request.body));
}
