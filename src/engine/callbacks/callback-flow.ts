import type { Clock } from '../clock.js';
import type { CallbackBatcher, BatchSettings } from '../dispatcher/callback-batcher.js';
import type {
  AttemptReport,
  CallbackDispatcher,
  CallbackJob,
} from '../dispatcher/callback-dispatcher.js';
import type { CallbackChaos } from '../faults/actions.js';
import type { Logger } from '../logger.js';
import type { ProviderRuntime } from '../provider-runtime.js';
import type { Random } from '../random.js';
import type { Scheduler } from '../scheduler.js';
import type {
  AcceptedMessage,
  CallbackEvent,
  LifecycleStep,
  PreparedCallback,
  ProviderContext,
  SignatureTamper,
} from '../types.js';
import type { CallbackJournal } from './callback-journal.js';

/** What the callback pipeline is built from. */
export interface CallbackPipelineDeps {
  clock: Clock;
  scheduler: Scheduler;
  journal: CallbackJournal;
  logger: Logger;
  dispatcher: CallbackDispatcher;
  /** Target of every callback kind without a more specific one (may hold `{provider}`, `{kind}`). */
  defaultCallbackUrl?: string;
  nextId(prefix: string): string;
  providerContext<S>(provider: ProviderRuntime<S>): ProviderContext<S>;
  /** The random stream for callback chaos (drops). */
  random(): Random;
}

/** One event on its way to one target, waiting in a group. */
export interface GroupedEvent {
  provider: ProviderRuntime;
  target: string;
  event: CallbackEvent;
  tamper?: SignatureTamper;
}

/** Deps plus what the pipeline itself holds (the grouping buffer). */
export interface CallbackServices extends CallbackPipelineDeps {
  batcher: CallbackBatcher<GroupedEvent>;
}

/** A status change that produces a callback, as it passes the status stages. */
export interface StatusFlow {
  provider: ProviderRuntime;
  message: AcceptedMessage;
  step: LifecycleStep;
  /** The callback kind (the step's `callback`). */
  kind: string;
  serveEventId: string;
  /** Fault-rule chaos for this message, if any. */
  chaos?: CallbackChaos;
  /** Set by resolve-targets. */
  targets: string[];
  /** Set by chaos: how many copies of the event each target gets (1 = no duplicates). */
  copies: number;
  /** Set by chaos: how to spoil the signature. */
  tamper?: SignatureTamper;
}

/** One callback request (a group of events to one target), as it passes the request stages. */
export interface RequestFlow {
  provider: ProviderRuntime;
  kind: string;
  target: string;
  items: GroupedEvent[];
  /** Set by build-body. */
  prepared?: PreparedCallback;
  /** Set by build-body: the exact bytes sent. */
  payload?: string;
  /** Set by sign. */
  signature?: Record<string, string>;
  /** Set by dispatch. */
  job?: CallbackJob;
}

/** One delivery attempt's outcome, as it passes the attempt stages. */
export interface AttemptFlow {
  report: AttemptReport;
}

/** A named step of the callback pipeline; `run` returns false to stop the flow there. */
export interface CallbackStage<F> {
  name: string;
  run(flow: F, services: CallbackServices): boolean;
}

/** Grouping settings in force for a flow's kind. */
export type GroupSettings = BatchSettings;
