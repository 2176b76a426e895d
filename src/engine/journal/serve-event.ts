import type { Diagnostic, PhonePreview } from '../types.js';

/** Something that happened after the response: a status reached, a callback attempt, a near miss. */
export interface SubEvent {
  type:
    | 'status'
    | 'callback-attempt'
    | 'callback-skipped'
    | 'callback-refused'
    | 'request-not-matched'
    | (string & {});
  /** Milliseconds since the request was received (injected clock). */
  offsetMs: number;
  [detail: string]: unknown;
}

/** A message summary kept on the journal entry that created it. */
export interface JournaledMessage {
  id: string;
  recipient: string;
  reference?: string;
  /** The latest lifecycle status reached. */
  status: string;
  /** `outbound` (business to customer) or `inbound` (customer to business). */
  direction: 'outbound' | 'inbound';
  /** How the phone shows it, when the provider can say. */
  preview?: PhonePreview;
}

/** One story per request: what came in, what was found, what was answered, and what followed. */
export interface ServeEvent {
  id: string;
  /** Position in the journal's history: increases with every entry and is never reused (not even after a reset). */
  seq: number;
  /** ISO 8601 time of receipt (injected clock). */
  receivedAt: string;
  /** Epoch ms of receipt (injected clock), for offsets. */
  receivedAtMs: number;
  provider: string | null;
  route: string | null;
  request: {
    method: string;
    path: string;
    query: Record<string, string>;
    headers: Record<string, string>;
    body: unknown;
  };
  /** Recipients named in the request. */
  recipients: string[];
  diagnostics: Diagnostic[];
  /** Explanations of the fault rules that acted on this request. */
  faults: string[];
  response: { status: number; body: unknown } | null;
  /** `accepted`, `rejected` (native error), `fault` (injected), or `unmatched`. */
  outcome: 'accepted' | 'rejected' | 'fault' | 'unmatched';
  messages: JournaledMessage[];
  /** Time spent serving, and the part of it fault rules added. */
  timing: { totalMs: number; faultDelayMs?: number };
  /** Set when a fault rule broke the connection instead of answering (`reset`, `timeout`, ...). */
  connectionFault?: string;
  subEvents: SubEvent[];
}
