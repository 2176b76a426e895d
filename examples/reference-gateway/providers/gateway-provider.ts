import type { IncomingHttpHeaders } from 'node:http';
import type { GatewayDefects } from '../defects.js';
import type { StatusReport } from '../message-store.js';

/** A send as the core checked it from `POST /send`. */
export interface SendInput {
  to: string[];
  text: string;
  templateId?: string;
  international: boolean;
}

/**
 * How the provider answered one request. The core retries a refusal with `transport` set, or a
 * `status` of 5xx or 429 (after `retryAfterMs` when given); any other refusal is final. A module
 * that leaves `status` out is never retried (`callProvider` in `../provider-http.ts` fills it in).
 */
export type ProviderAnswer =
  | { accepted: true }
  | {
      accepted: false;
      code: string;
      description: string;
      /** The HTTP status of the refusal. */
      status?: number;
      /** How long the provider asked the gateway to wait (`Retry-After`). */
      retryAfterMs?: number;
      /** No answer came: a timeout, a reset, a refused connection. */
      transport?: boolean;
    };

/** One request a provider module will make. */
export interface PlannedRequest {
  to: string[];
  /** The id the provider echoes in callbacks for this request (Sinch SMS: the msgid). */
  reference: string;
  /** Size of the request body in bytes, for the core's size check against `maxRequestBytes`. */
  bodyBytes?: number;
  /** Makes the request; never throws (transport errors come back as a refusal). May be called again to retry. */
  execute(): Promise<ProviderAnswer>;
}

/** A delivery report read from a callback. */
export interface DeliveryReport extends StatusReport {
  reference: string;
  /** Set for a customer's message (a reply), as opposed to a status. */
  inbound?: boolean;
  /** Identity of the record, equal for a byte-for-byte repeat of it. */
  key: string;
  /** The record as received, in its event group, for the provider's answer. */
  group: unknown;
}

/** A callback record the gateway could not use, reported back to the provider. */
export interface UnprocessedRecord {
  /** 400 for a record that breaks the format, 404 for an unknown reference. */
  code: number;
  error: string;
  record: unknown;
}

/** A callback body read by a provider module. */
export type ParsedCallback =
  | { ok: true; reports: DeliveryReport[]; unprocessed: UnprocessedRecord[] }
  | { ok: false; status: number; error: string };

/** What became of a callback's records, for the provider's answer body. */
export interface CallbackOutcome {
  processed: number;
  unprocessed: UnprocessedRecord[];
  /** Set when the whole callback was refused. */
  error?: string;
}

/** The HTTP request a callback came in, for checks beyond its parsed body (e.g. signatures). */
export interface CallbackRequest {
  headers: IncomingHttpHeaders;
  /** The body exactly as received, the bytes a signature covers. */
  rawBody: Buffer;
}

/** What a provider module gets from the gateway core. */
export interface ProviderDeps {
  /** Base URL of the simulator (or provider host); throws when it is not known yet. */
  baseUrl(): string;
  defects: GatewayDefects;
  now(): number;
  /** How long one provider request may take. */
  requestTimeoutMs: number;
  /** Differs on every start of the gateway (`newStartTag`); mixed into the ids sent to providers. */
  startTag: string;
  /** Base URL of this gateway once it listens (providers that name their callback URLs in each send use it). */
  gatewayUrl?: () => string | undefined;
}

/** One provider integration of the gateway: how it sends, and how it reads the provider's callbacks. */
export interface GatewayProvider {
  id: string;
  title: string;
  /** Callback kinds the provider posts; the first is served at `/callbacks/<id>`, others at `/callbacks/<id>/<kind>`. */
  callbackKinds: readonly string[];
  /** Largest request body the provider takes; the core refuses sends that would exceed it. */
  maxRequestBytes?: number;
  /** Why `input` cannot go through this provider (naming the field), or undefined. */
  checkSend(input: SendInput): { pointer: string; message: string } | undefined;
  /** Splits a send into the provider requests it takes. */
  planRequests(input: SendInput): PlannedRequest[];
  /** Reads a callback body of `kind`; `request` has its headers and raw bytes. */
  parseCallback(kind: string, body: unknown, request: CallbackRequest): ParsedCallback;
  /** The body the gateway answers a callback with. */
  callbackAnswerBody(outcome: CallbackOutcome): unknown;
}
