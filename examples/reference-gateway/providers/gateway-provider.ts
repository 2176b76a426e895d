import type { GatewayDefects } from '../defects.js';
import type { StatusReport } from '../message-store.js';

/** A send as the core checked it from `POST /send`. */
export interface SendInput {
  to: string[];
  text: string;
  templateId?: string;
  international: boolean;
}

/** How the provider answered one request. */
export type ProviderAnswer =
  { accepted: true } | { accepted: false; code: string; description: string };

/** One request a provider module will make. */
export interface PlannedRequest {
  to: string[];
  /** The id the provider echoes in callbacks for this request (Sinch SMS: the msgid). */
  reference: string;
  /** Makes the request; never throws (transport errors come back as a refusal). */
  execute(): Promise<ProviderAnswer>;
}

/** A delivery report read from a callback. */
export interface DeliveryReport extends StatusReport {
  reference: string;
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

/** What a provider module gets from the gateway core. */
export interface ProviderDeps {
  /** Base URL of the simulator (or provider host); throws when it is not known yet. */
  baseUrl(): string;
  defects: GatewayDefects;
  now(): number;
  /** How long one provider request may take. */
  requestTimeoutMs: number;
}

/** One provider integration of the gateway: how it sends, and how it reads the provider's callbacks. */
export interface GatewayProvider {
  id: string;
  title: string;
  /** Callback kinds the provider posts; the first is served at `/callbacks/<id>`, others at `/callbacks/<id>/<kind>`. */
  callbackKinds: readonly string[];
  /** Why `input` cannot go through this provider (naming the field), or undefined. */
  checkSend(input: SendInput): { pointer: string; message: string } | undefined;
  /** Splits a send into the provider requests it takes. */
  planRequests(input: SendInput): PlannedRequest[];
  /** Reads a callback body of `kind`. */
  parseCallback(kind: string, body: unknown): ParsedCallback;
  /** The body the gateway answers a callback with. */
  callbackAnswerBody(outcome: CallbackOutcome): unknown;
}
