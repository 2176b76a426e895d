import type { ServeEvent } from '../engine/journal/serve-event.js';
import type { CallbackAnswer } from './types.js';

/** One provider request a case saw: what the gateway sent and what the simulator answered. */
export interface RequestEvidence {
  /** Journal id, e.g. `req_12`. */
  id: string;
  method: string;
  path: string;
  /** Request headers, secrets redacted. */
  headers: Record<string, string>;
  /** The request body as JSON text, cut at `EXCERPT_CHARS`. */
  body: string;
  /** The simulator's answer status; null when the connection was broken on purpose. */
  status: number | null;
  /** The answer body as JSON text, cut at `EXCERPT_CHARS`. */
  response: string;
  /** Callbacks the simulator sent after this request (`<type> <status>`), in order. */
  callbacks: string[];
}

/** One callback the case fired at the gateway, and the gateway's answer. */
export interface CallbackEvidence {
  url: string;
  /** Headers sent, secrets (signatures, tokens) redacted. */
  headers: Record<string, string>;
  body: string;
  /** The gateway's answer status, or undefined when the post failed in transport. */
  status?: number;
  answer: string;
}

/** What a case looked at, kept in its result so reports can show it. */
export interface CaseEvidence {
  requests: RequestEvidence[];
  callbacks: CallbackEvidence[];
  /** How many requests and callbacks there were beyond those kept. */
  omitted: { requests: number; callbacks: number };
}

/** Longest excerpt of one body kept as evidence. */
export const EXCERPT_CHARS = 1200;
/** Most requests and callbacks kept per case. */
export const EVIDENCE_ITEMS = 6;

const SECRET_HEADER =
  /authorization|password|secret|token|signature|api-?key|authkey|^sid$|cookie/i;

/** `headers` with the values of secret-looking headers replaced by `[redacted]`. */
export function redactHeaders(
  headers: Readonly<Record<string, string | undefined>> = {},
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined) continue;
    out[name] = SECRET_HEADER.test(name) && value !== '[redacted]' ? '[redacted]' : value;
  }
  return out;
}

/** `value` as JSON text (strings as they are), cut at `EXCERPT_CHARS` with a note of the rest. */
export function excerpt(value: unknown): string {
  const text = typeof value === 'string' ? value : (JSON.stringify(value) ?? '');
  return text.length <= EXCERPT_CHARS
    ? text
    : `${text.slice(0, EXCERPT_CHARS)}… (${text.length - EXCERPT_CHARS} more characters)`;
}

/** Collects a case's evidence as it runs: the journal entries it read and the callbacks it fired. */
export class EvidenceRecorder {
  private readonly requests = new Map<string, ServeEvent>();
  private readonly callbacks: CallbackEvidence[] = [];
  private callbacksSeen = 0;

  /** Keeps the latest view of each journal entry the case read. */
  sawRequests(entries: readonly ServeEvent[]): void {
    for (const entry of entries) this.requests.set(entry.id, entry);
  }

  /** Records one callback the case fired and what the gateway answered. */
  firedCallback(
    url: string,
    body: unknown,
    headers: Record<string, string> | undefined,
    answer: CallbackAnswer | undefined,
    error?: string,
  ): void {
    this.callbacksSeen++;
    if (this.callbacks.length >= EVIDENCE_ITEMS) return;
    this.callbacks.push({
      url,
      headers: redactHeaders(headers),
      body: excerpt(body),
      ...(answer && { status: answer.status }),
      answer: answer ? excerpt(answer.body) : `no answer: ${error ?? 'transport error'}`,
    });
  }

  /** The evidence kept so far. */
  evidence(): CaseEvidence {
    const entries = [...this.requests.values()];
    return {
      requests: entries.slice(0, EVIDENCE_ITEMS).map(requestEvidence),
      callbacks: [...this.callbacks],
      omitted: {
        requests: Math.max(0, entries.length - EVIDENCE_ITEMS),
        callbacks: this.callbacksSeen - this.callbacks.length,
      },
    };
  }
}

/** One journal entry as evidence; fields a remote or partial entry lacks are left empty. */
function requestEvidence(entry: ServeEvent): RequestEvidence {
  const callbacks = (entry.subEvents ?? [])
    .filter((s) => s.type.startsWith('callback'))
    .map((s) =>
      [s.type, s.kind, s.status ?? s.error]
        .filter((p): p is string | number => typeof p === 'string' || typeof p === 'number')
        .join(' '),
    );
  return {
    id: entry.id,
    method: entry.request?.method ?? '',
    path: entry.request?.path ?? '',
    headers: redactHeaders(entry.request?.headers),
    body: excerpt(entry.request?.body),
    status: entry.response?.status ?? null,
    response: entry.response ? excerpt(entry.response.body) : (entry.connectionFault ?? ''),
    callbacks,
  };
}
