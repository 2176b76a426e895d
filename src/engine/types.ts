import type { IncomingHttpHeaders } from 'node:http';
import type { Clock } from './clock.js';
import type { ErrorKind } from './errors.js';
import type { RetryPolicy } from './dispatcher/retry-policy.js';
import type { Random } from './random.js';
import type { ProviderStore } from './stores/provider-store.js';

/** JSON value as parsed from a request or written to a response. */
export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** A request as the provider definition sees it: parsed, with its raw bytes kept for signatures. */
export interface SimRequest {
  /** Simulator-assigned id, also the journal entry id. */
  id: string;
  method: string;
  /** Path below the provider's base path, as sent (double slashes kept). */
  path: string;
  /** Full request path as received, including the provider's base path. */
  fullPath: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  /** Route parameters named in the route's path (`{name}` segments). */
  params: Record<string, string>;
  rawBody: Buffer;
  /** Parsed body: JSON, or an object of form fields; `undefined` when there was no body. */
  body: unknown;
  /** Epoch milliseconds on the injected clock. */
  receivedAt: number;
}

/** An HTTP answer. `body` is sent as JSON unless `rawBody` is given. */
export interface SimResponse {
  status: number;
  headers?: Record<string, string>;
  body?: unknown;
  /** Sent as-is, bypassing JSON encoding (for deliberately odd bodies). */
  rawBody?: string | Buffer;
}

/** A finding about a request: validators return these and never throw. */
export interface Diagnostic {
  /** JSON pointer into the request body (or `/headers/<name>`). */
  pointer: string;
  /** Which rule: a JSON Schema keyword, or a provider rule name such as `dlt-template-id`. */
  keyword: string;
  message: string;
  /** `info` records a fact (e.g. which spelling variant a request used) without judging it. */
  severity: 'error' | 'warning' | 'info';
  /** The error the request is answered with when this diagnostic is the first error; default `invalid_request`. */
  errorKind?: ErrorKind;
}

/** Everything a provider function may use: its settings and the simulator's injected services. */
export interface ProviderContext<S = unknown> {
  providerId: string;
  settings: S;
  clock: Clock;
  random: Random;
  /** Deterministic id source: `ids.next('prefix')`. */
  ids: IdSource;
  /** Validates a value against any known schema (for rules that depend on settings). */
  validateSchema(schemaId: string, value: unknown): Diagnostic[];
  /**
   * This provider's state (tokens issued, last inbound per number...): plain JSON data only, read
   * as copies (`set` again after a change); bounded (least recently used keys and keys past their
   * time to live are dropped, see `state` in the config); emptied on reset.
   */
  store: ProviderStore;
}

/** Deterministic, seeded id generator. */
export interface IdSource {
  next(prefix?: string): string;
}

/** The result of an auth scheme's check. */
export type AuthOutcome =
  | { ok: true; principal: string }
  | { ok: false; reason: 'missing' | 'invalid'; detail: string; errorKind?: ErrorKind };

/** A reusable way of checking credentials (see `src/engine/auth-schemes`). */
export interface AuthScheme<S = unknown> {
  /** kebab-case scheme name, e.g. `body-credentials`. */
  type: string;
  /** Credential fields to redact in the journal (body keys and header names). */
  secretFields: readonly string[];
  verify(request: SimRequest, context: ProviderContext<S>): AuthOutcome;
  /** A one-line, human description of what is accepted, for the start banner. */
  describe(settings: S): string;
}

/** A message the provider accepted; the engine schedules its lifecycle and callbacks. */
export interface AcceptedMessage {
  /** Provider-assigned message id. */
  id: string;
  recipient: string;
  /** The gateway's own id, echoed byte for byte in callbacks (e.g. CleverTap's msgid). */
  reference?: string;
  /** Provider-specific facts the lifecycle and callback builders need. */
  data?: Record<string, unknown>;
  /** Callback targets chosen by the request itself, by callback kind (e.g. Kaleyra's headers). */
  callbackTargets?: Record<string, string>;
}

/** What a route's accept function decides. */
export type AcceptResult =
  | { response: SimResponse; messages?: AcceptedMessage[] }
  | { error: ErrorKind; detail: string; pointer?: string };

/** One provider route: data plus small pure functions. */
export interface RouteDefinition<S = unknown> {
  /** Stable id within the provider, e.g. `send`. */
  id: string;
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** Path below the provider's base path, spelt as the provider does; `{name}` marks a parameter. */
  path: string;
  /** How the body is read: JSON (default), form fields, or not at all. */
  body?: 'json' | 'form' | 'none';
  /** Whether a request without a Content-Type is read as `body` anyway (real clients often omit it). */
  allowMissingContentType?: boolean;
  auth?: AuthScheme<S>;
  /** Schema id (path below `schemas/` without `.schema.json`) the body must satisfy. */
  requestSchema?: string;
  /** Provider rules beyond the schema (cross-field checks, configurable strictness). */
  validate?(request: SimRequest, context: ProviderContext<S>): Diagnostic[];
  /** Recipients named by the request, for fault matching and journal search. */
  recipients?(request: SimRequest): string[];
  /**
   * Callback URLs the request itself names, keyed by a JSON pointer into the request (e.g.
   * `/headers/delivery-report-callback-url`); each must pass the `callbacks.allowedHosts` allowlist.
   */
  callbackTargets?(request: SimRequest): Record<string, string>;
  accept(request: SimRequest, context: ProviderContext<S>): AcceptResult;
}

/** A provider's native rendering of one error kind. */
export interface NativeError {
  status: number;
  headers?: Record<string, string>;
  /** The provider sends `Retry-After` with this answer (throttling faults then fill it in). */
  retryAfter?: boolean;
  body(detail: string, pointer?: string): unknown;
}

/** A button as the phone shows it. */
export interface PreviewButton {
  /** e.g. `quick_reply`, `url`, `call`, `copy_code`. */
  type: string;
  text: string;
  url?: string;
  phone?: string;
  /** What tapping it sends back (a quick reply's payload). */
  payload?: string;
}

/** One message as the customer's phone would show it: what the inbox renders, provider-neutral. */
export interface PhonePreview {
  /** `sms`, `whatsapp`, `rcs`, ... */
  channel: string;
  /** The sender as shown: an SMS header or a business number (for inbound: the customer). */
  from: string;
  to: string;
  /** The template used, when one was. */
  template?: { name: string; language?: string };
  header?: {
    type: 'text' | 'image' | 'video' | 'document' | 'location';
    text?: string;
    url?: string;
    filename?: string;
  };
  /** The text of the message (a template's body with its parameters filled). */
  body?: string;
  footer?: string;
  media?: {
    type: 'image' | 'video' | 'audio' | 'document' | 'sticker';
    url: string;
    caption?: string;
    filename?: string;
  };
  location?: { latitude: string; longitude: string; name?: string; address?: string };
  buttons?: PreviewButton[];
  /** Carousel cards, each a small preview of its own. */
  cards?: Omit<PhonePreview, 'channel' | 'from' | 'to' | 'cards'>[];
}

/** An outcome a fault rule forces on accepted messages, in the provider-neutral status names. */
export interface ForcedOutcome {
  /** e.g. `delivered`, `read`, `failed`. */
  status: string;
  /** The provider's failure code, for `failed`. */
  code?: string;
  /** When the outcome is reached, after acceptance. */
  afterMs?: number;
}

/** A recipient number with a fixed outcome. */
export interface MagicNumber {
  number: string;
  /** e.g. `delivered`, `failed 901 (DND failure)`. */
  outcome: string;
}

/** One status in a message's life, at a delay after acceptance. */
export interface LifecycleStep {
  /** Provider-neutral status name used in the journal, e.g. `delivered`, `failed`, `read`. */
  status: string;
  /** Milliseconds after acceptance. */
  afterMs: number;
  /** The callback kind this step produces, e.g. `dlr`; omit for a silent step. */
  callback?: string;
  /** Provider failure code and description, when the step is a failure. */
  code?: string;
  description?: string;
}

/** A callback event waiting to be sent: one message's step. */
export interface CallbackEvent {
  kind: string;
  message: AcceptedMessage;
  step: LifecycleStep;
  /** Epoch ms (injected clock) at which the step happened. */
  at: number;
  /** Journal id of the request that created the message. */
  serveEventId: string;
}

/** A prepared callback request: the engine's dispatcher delivers it. */
export interface PreparedCallback {
  body: unknown;
  headers?: Record<string, string>;
}

/** How one kind of callback is built and grouped. */
export interface CallbackKindDefinition<S = unknown> {
  /** Builds one HTTP request from one or more events (several when grouping is on). */
  build(events: CallbackEvent[], context: ProviderContext<S>, target: string): PreparedCallback;
  /**
   * Headers that sign the exact bytes sent to `target` (e.g. an HMAC), computed after the body is
   * serialized. `tamper` lets fault rules send a bad signature, a replayed nonce or a skewed time.
   */
  sign?(
    payload: string,
    context: ProviderContext<S>,
    target: string,
    tamper?: SignatureTamper,
  ): Record<string, string>;
  /**
   * Headers got anew before every delivery attempt, the first and each retry, when getting them
   * takes a round trip (e.g. a bearer token from the gateway's OAuth2 token endpoint); `body` is
   * the callback's parsed body. Undefined adds none. A rejection fails that attempt without
   * sending it: its reason is the attempt's journaled error, and the attempt is retried as any.
   */
  authorize?(
    kind: string,
    target: string,
    body: unknown,
    context: ProviderContext<S>,
  ): Promise<Record<string, string>> | undefined;
  /** Schema id the built body must satisfy. */
  schema: string;
  /** The format carries one event per request: never group this kind, whatever `callbackBatch` says. */
  single?: boolean;
}

/** How a fault rule asks a provider to spoil a callback signature (the provider decides what that means). */
export interface SignatureTamper {
  /** Sign, then corrupt the signature. */
  badSignature?: boolean;
  /** Reuse the nonce of the previous callback to the same target (signed correctly). */
  replayNonce?: boolean;
  /** Shift the signed timestamp by this many seconds (signed correctly). */
  skewSeconds?: number;
}

/** A provider's default settings and their JSON Schema (validated at start-up). */
export interface ProviderSettingsDefinition<S> {
  defaults: S;
  /** JSON Schema of the settings object; errors name the field. */
  schema: Record<string, unknown>;
  /** JSON pointers of settings that config replaces whole instead of merging (templates). */
  replaceWhole?: readonly string[];
}

/** Everything the engine needs to emulate one provider. */
export interface ProviderDefinition<S = unknown> {
  /** kebab-case id: the config key, and the base path unless `basePath` says otherwise. */
  id: string;
  /** One path segment every route lives below, e.g. `/sinch`; default `/<id>`. */
  basePath?: string;
  /** Human title for banners and listings. */
  title: string;
  routes: RouteDefinition<S>[];
  /** Native rendering per shared error kind; must cover `REQUIRED_ERROR_KINDS`. */
  errors: Record<ErrorKind, NativeError>;
  settings: ProviderSettingsDefinition<S>;
  /** Status sequence for an accepted message; `forced` (from a fault rule) names the outcome it must reach. */
  lifecycle(
    message: AcceptedMessage,
    context: ProviderContext<S>,
    forced?: ForcedOutcome,
  ): LifecycleStep[];
  /** How the phone shows `message`, given the body it came from (a send's request body, or the inbound input). */
  preview?(
    message: AcceptedMessage,
    body: unknown,
    context: ProviderContext<S>,
  ): PhonePreview | undefined;
  /** Recipient numbers that always produce a given outcome, like the test numbers real providers publish. */
  magicNumbers?(settings: S): MagicNumber[];
  /** Callback kinds this provider emits, by name (e.g. `dlr`). */
  callbacks: Record<string, CallbackKindDefinition<S>>;
  /** Lines for the start banner beyond routes and credentials (e.g. magic numbers). */
  describe?(settings: S): string[];
  /**
   * Where callbacks of `kind` go when the message did not name a target: return URLs to decide
   * (several for fan-out to webhooks), or undefined to use the configured target.
   */
  callbackTargets?(
    kind: string,
    message: AcceptedMessage | undefined,
    context: ProviderContext<S>,
  ): string[] | undefined;
  /** Messages a customer sends to the business, injected through the admin API or the CLI. */
  inbound?: InboundDefinition<S>;
  /** How this provider retries callbacks by default (config may override); unset = the engine default. */
  callbackRetry?: RetryPolicy;
  /** What the provider reports and takes, for tools such as the inbox (`GET /__admin/providers`). */
  catalog?: ProviderCatalog;
}

/** A provider's self-description: the statuses it reports, its failure codes and its inbound forms. */
export interface ProviderCatalog {
  /** Every status a message can reach, in the order a message usually reaches them. */
  statuses: CatalogStatus[];
  /** Documented failure codes with what each means. */
  failureCodes: CatalogFailureCode[];
  /** The customer messages the inbox can inject, first match wins per `type`. */
  inboundForms: InboundForm[];
}

/** One status a provider reports. */
export interface CatalogStatus {
  /** Provider-neutral name used in the journal and by `POST /__admin/messages/:id/status`. */
  name: string;
  /** The name as it appears on the wire (e.g. `DELIVERED`). */
  native: string;
  /** No later status follows this one. */
  final: boolean;
  /** Offered when an operator forces a status (a failure then takes a code). */
  forcible: boolean;
}

/** One documented failure code. */
export interface CatalogFailureCode {
  code: string;
  description: string;
  /** Where the code appears: a callback kind (e.g. `dlr`), or `response` for a send's own answer. */
  reportedIn: string;
}

/** A field the person filling an inbound form supplies. */
export interface InboundFormField {
  /** The placeholder name used in `body`. */
  name: string;
  label: string;
  kind: 'text' | 'number' | 'url';
  required: boolean;
}

/**
 * One inbound message form. `body` is the `POST /__admin/inbound` body (without `provider`) as a
 * template: a string `"{name}"` is replaced by that value (kept as a number when it is one),
 * `"{name?}"` drops its key when the value is missing, `"{name|string}"` turns it into a string.
 * Values are the form's fields plus `from`, and for quick replies `text`, `payload`, `index`,
 * `messageId` and `reference` of the tapped button's message.
 */
export interface InboundForm {
  type: 'text' | 'location' | 'media' | 'quick-reply';
  label: string;
  /** For `media`: the media kinds this form sends (`image`, `video`, `audio`, `document`). */
  mediaKinds?: string[];
  fields: InboundFormField[];
  body: Json;
}

/** An inbound message produced by `InboundDefinition.accept`, with the callback step that reports it. */
export interface InboundMessage {
  message: AcceptedMessage;
  step: LifecycleStep;
}

/** How a provider turns an injected customer message into its inbound callback. */
export interface InboundDefinition<S = unknown> {
  /** Schema id of the injected input (the admin API body without `provider`). */
  schema: string;
  /** Builds the inbound messages, or says what is wrong with the input. */
  accept(
    input: Record<string, unknown>,
    context: ProviderContext<S>,
  ): { messages: InboundMessage[] } | { error: string; pointer: string };
}

/**
 * A definition whose settings type is erased: the registry and the engine hold providers of
 * different settings types side by side, and each provider's functions only see its own settings.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyProviderDefinition = ProviderDefinition<any>;
