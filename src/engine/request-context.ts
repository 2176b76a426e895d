import type { IncomingMessage, ServerResponse } from 'node:http';
import type { EngineConfig } from './engine-config.js';
import type { Clock } from './clock.js';
import type { ErrorKind } from './errors.js';
import type { CallbackChaos, ConnectionFault } from './faults/actions.js';
import type { FaultRegistry } from './faults/fault-registry.js';
import type { JournalRecorder } from './journal/recorder.js';
import type { JournaledMessage, ServeEvent, SubEvent } from './journal/serve-event.js';
import type { MessageLifecycle } from './lifecycle/message-lifecycle.js';
import type { Logger } from './logger.js';
import type { ProviderRuntime, RouteRuntime } from './provider-runtime.js';
import type { SeededStreams } from './seeded-streams.js';
import type { SharedState } from './stores/shared-state.js';
import type { MemoryCounterStore } from './stores/memory/memory-counter-store.js';
import type {
  AcceptedMessage,
  Diagnostic,
  ForcedOutcome,
  ProviderContext,
  SimRequest,
  SimResponse,
} from './types.js';
import type { SchemaRegistry } from './validation/schema-registry.js';

/**
 * The simulator's shared services, as the pipeline stages see them. Each is one object for the
 * simulator's life: reset restarts them in place.
 */
export interface EngineServices {
  readonly config: EngineConfig;
  readonly clock: Clock;
  readonly logger: Logger;
  /** The only writer of the journal. */
  readonly recorder: JournalRecorder;
  readonly schemas: SchemaRegistry;
  readonly streams: SeededStreams;
  readonly faults: FaultRegistry;
  /** Counters shared by requests (provider concurrency in flight). */
  readonly counters: MemoryCounterStore;
  /** The served providers, in definition order. */
  readonly providers: readonly ProviderRuntime[];
  /** The provider whose base path is `/<segment>`. */
  providerAt(segment: string): ProviderRuntime | undefined;
  /** Waits `ms` of real time (or of the injected clock in tests). */
  sleep(ms: number): Promise<void>;
  readonly lifecycle: MessageLifecycle;
  /** State shared with other replicas (Redis), when configured. */
  readonly shared?: SharedState;
  /** The context handed to a provider's functions. */
  providerContext<S>(provider: ProviderRuntime<S>): ProviderContext<S>;
}

/** Everything one request accumulates on its way through the pipeline. */
export interface RequestContext {
  readonly engine: EngineServices;
  readonly provider: ProviderRuntime;
  route?: RouteRuntime;
  readonly req: IncomingMessage;
  readonly res: ServerResponse;
  readonly request: SimRequest;
  recipients: string[];
  diagnostics: Diagnostic[];
  /** Sentences of the fault rules that acted. */
  faults: string[];
  outcome: ServeEvent['outcome'];
  /** Set by the stage that decides the answer; later request stages are skipped. */
  response?: SimResponse;
  messages: AcceptedMessage[];
  subEvents: SubEvent[];
  /** Names of the stages passed, logged at debug level. */
  trace: string[];
  /** performance.now() at receipt, for timing. */
  readonly startedAt: number;
  /** Latency added by fault rules. */
  faultDelayMs: number;
  /** Set by a fault rule: the connection is broken instead of answered. */
  connectionFault?: ConnectionFault;
  /** Set by a fault rule: the outcome the accepted messages must reach. */
  forcedOutcome?: ForcedOutcome;
  /** Set by a fault rule: what happens to the accepted messages' callbacks. */
  callbackChaos?: CallbackChaos;
  /** Run when the request ends (e.g. fault concurrency caps). */
  releases: (() => void)[];
  /** The journaled summaries of the accepted messages, once recorded (the lifecycle updates them). */
  journaled?: JournaledMessage[];
}

/** Sets the provider's native rendering of `kind` as the answer. */
export function answerError(
  ctx: RequestContext,
  kind: ErrorKind,
  detail: string,
  pointer?: string,
  outcome: ServeEvent['outcome'] = 'rejected',
): void {
  const errors = ctx.provider.definition.errors;
  const native = errors[kind] ?? errors.server_error;
  ctx.response = {
    status: native.status,
    headers: native.headers,
    body: native.body(detail, pointer),
  };
  ctx.outcome = outcome;
}
