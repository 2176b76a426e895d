import type { ServeEvent } from './serve-event.js';

/** Journal filters; all given filters must match. */
export interface JournalQuery {
  provider?: string;
  route?: string;
  /** Matches a recipient of the request (digits compared without a leading `+`). */
  recipient?: string;
  /** Matches a provider message id or the gateway's reference id, exactly. */
  messageId?: string;
  outcome?: ServeEvent['outcome'];
  /** Only entries recorded after the entry with this `seq`. */
  after?: number;
  /** Keep only the newest `limit` matches. */
  limit?: number;
}

const normalise = (msisdn: string): string => msisdn.replace(/^\+/, '');

/** True when `event` passes every filter in `query`. */
export function matchesQuery(event: ServeEvent, query: JournalQuery): boolean {
  if (query.after !== undefined && event.seq <= query.after) return false;
  if (query.provider !== undefined && event.provider !== query.provider) return false;
  if (query.route !== undefined && event.route !== query.route) return false;
  if (query.outcome !== undefined && event.outcome !== query.outcome) return false;
  if (query.recipient !== undefined) {
    const wanted = normalise(query.recipient);
    if (!event.recipients.some((r) => normalise(r) === wanted)) return false;
  }
  if (query.messageId !== undefined) {
    const id = query.messageId;
    if (!event.messages.some((m) => m.id === id || m.reference === id)) return false;
  }
  return true;
}
