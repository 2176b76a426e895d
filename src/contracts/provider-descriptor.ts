import type { ServeEvent } from '../engine/journal/serve-event.js';
import type { GatewaySendInput } from './types.js';

/** A message the gateway sent and the simulator accepted, as the common cases track it. */
export interface SentMessage {
  /** The gateway's id of the message (what its trigger answered, what its probe takes). */
  id: string;
  /** The recipients of the request. */
  to: string[];
  /** The journal entry of the accepted request. */
  entry: ServeEvent;
  /** The id the provider's callbacks carry for it (Sinch SMS: the msgid; others: their own message id). */
  reference: string;
}

/** A callback body built for one message, with any headers it needs (signatures). */
export interface BuiltCallback {
  body: unknown;
  headers?: Record<string, string>;
}

/** One kind of callback the provider posts: a delivery status, an inbound message type, or another event. */
export interface CallbackVariant {
  /** kebab-case, e.g. `delivered`, `failed`, `replied`. */
  name: string;
  /** `status` (a delivery report), `inbound` (a customer's message) or `event` (a click, a notice). */
  type: 'status' | 'inbound' | 'event';
  /** The callback kind, as `GatewayAdapter.callbackUrl(provider, kind)` takes it. */
  kind: string;
  /** Schema the body satisfies; checked before it is sent, so the suite never sends what the provider could not. */
  schema: string;
  /** The gateway's status (suite vocabulary) a probe shows after this callback; omitted when it sets none. */
  expectStatus?: string;
  /** A valid body about `message` as at epoch ms `at`; a later `at` is a newer report. */
  build(message: SentMessage, at: number): BuiltCallback;
}

/** A callback schema whose generated samples must all be acknowledged, and how to aim one at a message. */
export interface GeneratedCallback {
  kind: string;
  schema: string;
  /** The sample with its message references (and times) pointed at `message`; must stay valid. */
  bind(sample: unknown, message: SentMessage, at: number): unknown;
}

/** Limits of one provider request. */
export interface ProviderLimits {
  /** Most recipients in one request. */
  maxRecipients?: number;
  /** Longest message text, in characters. */
  maxTextLength?: number;
  /** Largest request body, in bytes. */
  maxBodyBytes?: number;
}

/**
 * What the common cases need to know about one provider. A provider opts in with one descriptor:
 * `commonCases(descriptor)` (in `contracts/common.ts`) turns it into cases; fields left out drop
 * the cases that need them.
 */
export interface ProviderContractDescriptor {
  /** Provider id, as the simulator serves it (`sinch-sms`). */
  provider: string;
  /** Route id of sends (a journal entry's `route`). */
  sendRoute: string;
  /** Schema ids a send's body must satisfy; some depend on the send (India DLT on domestic sends). */
  requestSchemas(entry: ServeEvent): readonly string[];
  /**
   * Body pointers the journal redacts (`/pass`): "[redacted]" may satisfy a schema the real value
   * broke, so findings there come from the simulator's own diagnostics, made before redaction.
   */
  redactedPointers?: readonly string[];
  /** Where credentials travel, for messages (`appid, userId and pass in the body`). */
  credentials: string;
  /** A recipient for run-unique `slot`, delivered under the simulator's default outcome rules. */
  recipient(slot: number): string;
  /** The send the gateway is asked to make to `to`. */
  sendInput(to: string[], text?: string): GatewaySendInput;
  /**
   * Sends the payload case asks for (plain, several recipients, international...); `nextSlot`
   * hands out run-unique slots for their recipients. Default: one plain send.
   */
  sampleSends?(nextSlot: () => number): GatewaySendInput[];
  /** Recipients of a journaled send, as sent. */
  recipientsOf(entry: ServeEvent): string[];
  /** The gateway's own id of a request, which must differ between requests (Sinch SMS: `/msgid`). */
  requestId?: { pointer: string; of(entry: ServeEvent): string | undefined };
  /** The id callbacks about `recipient`'s message from `entry` carry, or undefined when there is none. */
  referenceOf(entry: ServeEvent, recipient: string): string | undefined;
  limits: ProviderLimits;
  /** The catalog error a business failure is injected as (`invalid_recipient`). */
  businessError: string;
  /** Every callback body the gateway must acknowledge; the first `status` one with `expectStatus` is also repeated. */
  callbacks: readonly CallbackVariant[];
  /** Status callbacks arriving in a wrong order (variant names, fired newest first) and the status that must stand. */
  outOfOrder?: readonly { sequence: readonly string[]; expect: string }[];
  /** Callback schemas sampled for the robustness case. */
  generated?: readonly GeneratedCallback[];
  /** Headers for a callback of `kind` whose body is exactly `payload` (signatures); default none. */
  signCallback?(kind: string, payload: string): Record<string, string>;
}
