import type { JournalStore } from '../stores/journal-store.js';
import { boundBody, estimateBytes, type BodyLimits } from './bound-body.js';
import { redactQuery, redactText, redactUrl } from './redact.js';
import type { ServeEvent, SubEvent } from './serve-event.js';

/** What `record` may be told beyond the entry itself. */
export interface RecordOptions {
  /** The request body as received: measured and excerpted instead of the parsed body. */
  rawBody?: Buffer;
  /** Provider-specific secret field names (lower-cased), redacted beyond the generic ones. */
  secrets?: ReadonlySet<string>;
}

/** Bytes an entry takes beyond its bodies and headers (ids, timings, summaries). */
const ENTRY_OVERHEAD_BYTES = 512;

/** Sub-event fields holding URLs (callback targets), whose userinfo and secret parameters are redacted. */
const URL_FIELDS = ['target', 'url'] as const;

/**
 * The one writer of the journal: requests, inbound injections and unmatched requests (as
 * entries), and everything that follows them (sub-events, status changes, callback attempts).
 * Readers go through `JournalReader`, which hands out entries they cannot change.
 */
export class JournalRecorder {
  private readonly recordListeners: ((entry: ServeEvent) => void)[] = [];

  constructor(
    private readonly store: JournalStore,
    /** What one entry keeps of a body (the journal's `maxBodyBytes` and the JSON depth limit). */
    private readonly limits: BodyLimits = {
      maxBodyBytes: Number.POSITIVE_INFINITY,
      maxDepth: Number.POSITIVE_INFINITY,
    },
  ) {}

  /**
   * Records one entry (a served request, an inbound injection or an unmatched request), bounded
   * and redacted: bodies over the limits are kept as truncated text, secrets in the path, query,
   * bodies and sub-events are replaced. Returns the stored entry: its message summaries are handed
   * to the message lifecycle, which keeps their status current.
   */
  record(entry: Omit<ServeEvent, 'seq'>, options: RecordOptions = {}): ServeEvent {
    const secrets = options.secrets ?? new Set<string>();
    const request = boundBody(entry.request.body, options.rawBody, this.limits, secrets);
    const response = entry.response
      ? boundBody(entry.response.body, undefined, this.limits, secrets)
      : { body: undefined, bytes: 0 };
    let bytes = ENTRY_OVERHEAD_BYTES + request.bytes + response.bytes + entry.request.path.length;
    // for...in, not Object.entries: no pair arrays per header on every request.
    const { headers, query } = entry.request;
    for (const key in headers) bytes += key.length + headers[key]!.length + 4;
    for (const key in query) bytes += key.length + query[key]!.length + 4;
    bytes += estimateBytes(entry.diagnostics, this.limits.maxBodyBytes);
    bytes += 128 * entry.messages.length;
    // In place: the request's context keeps the same array.
    entry.subEvents.forEach((sub, i) => {
      const bounded = this.boundSubEvent(sub);
      bytes += bounded.bytes;
      entry.subEvents[i] = bounded.event;
    });
    const bounded = Object.assign(entry, {
      request: {
        ...entry.request,
        path: redactUrl(entry.request.path, secrets),
        query: redactQuery(entry.request.query, secrets),
        body: request.body,
      },
      response: entry.response && { status: entry.response.status, body: response.body },
    });
    const stored = this.store.add(bounded, bytes);
    for (const listener of this.recordListeners) listener(stored);
    return stored;
  }

  /** Calls `listener` with every entry this process records (metrics count them). */
  onRecord(listener: (entry: ServeEvent) => void): void {
    this.recordListeners.push(listener);
  }

  /** A sub-event with its URLs redacted and its body bounded, and its estimated size. */
  private boundSubEvent(event: SubEvent): { event: SubEvent; bytes: number } {
    const out: SubEvent = { ...event };
    for (const field of URL_FIELDS) {
      const value = out[field];
      if (typeof value === 'string') out[field] = redactUrl(value);
    }
    if (typeof out.error === 'string') out.error = redactText(out.error);
    let bytes = 64;
    for (const field of ['body', 'answer'] as const) {
      if (out[field] === undefined) continue;
      const bounded = boundBody(out[field], undefined, this.limits);
      out[field] = bounded.body;
      bytes += bounded.bytes;
    }
    for (const key in out) {
      if (key === 'body' || key === 'answer') continue;
      const value = out[key];
      // Most fields are short strings and numbers: sized without a walk.
      if (typeof value === 'string') bytes += value.length + 2 + key.length;
      else if (value === null || typeof value !== 'object') bytes += 8 + key.length;
      else bytes += estimateBytes(value, 4096) + key.length;
    }
    return { event: out, bytes };
  }

  /** Appends `event` to the entry `serveEventId`; a no-op once the entry was evicted. */
  addSubEvent(serveEventId: string, event: SubEvent): void {
    if (!this.store.holds(serveEventId)) return;
    const bounded = this.boundSubEvent(event);
    this.store.addSubEvent(serveEventId, bounded.event, bounded.bytes);
  }

  /** Whether entry `serveEventId` still takes sub-events (see `JournalStore.holds`). */
  holds(serveEventId: string): boolean {
    return this.store.holds(serveEventId);
  }

  /** Sets the latest status of message `messageId` on the entry that created it. */
  setMessageStatus(serveEventId: string, messageId: string, status: string): void {
    this.store.setMessageStatus(serveEventId, messageId, status);
  }

  /** Epoch ms (injected clock) the entry was received, while it is held. */
  receivedAt(serveEventId: string): number | undefined {
    return this.store.get(serveEventId)?.receivedAtMs;
  }

  /** Forgets every entry (reset, or `DELETE /__admin/journal`). */
  clear(): void {
    this.store.clear();
  }
}
