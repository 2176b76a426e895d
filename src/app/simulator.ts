import type { Express } from 'express';
import type { SimConfig } from '../config/sim-config.js';
import type { Clock } from '../engine/clock.js';
import type { ProviderSummary } from '../engine/describe-providers.js';
import type { DispatcherStats } from '../engine/dispatcher/callback-dispatcher.js';
import type { ShutdownReport } from '../engine/engine.js';
import type { FaultRegistry } from '../engine/faults/fault-registry.js';
import type { JournalReader } from '../engine/journal/journal-reader.js';
import type { InboundResult } from '../engine/lifecycle/inject-inbound.js';
import type { ForceResult } from '../engine/lifecycle/message-lifecycle.js';
import type { Logger } from '../engine/logger.js';
import type { ProviderRuntime } from '../engine/provider-runtime.js';
import type { ForcedOutcome } from '../engine/types.js';
import type { SchemaRegistry } from '../engine/validation/schema-registry.js';

export type { ShutdownReport } from '../engine/engine.js';

/** Services a caller may inject (tests use a manual clock and a captured logger). */
export interface SimulatorServices {
  clock?: Clock;
  logger?: Logger;
  schemas?: SchemaRegistry;
}

/** A running (or ready to run) simulator of one or more providers. */
export interface Simulator {
  readonly config: SimConfig;
  /** The express app: mount it elsewhere, or call `listen()`. */
  readonly app: Express;
  /** The journal, read-only: entries are frozen copies. */
  readonly journal: JournalReader;
  readonly schemas: SchemaRegistry;
  readonly providers: readonly ProviderRuntime[];
  /** The live fault rules: list, add, load scenarios, remove. */
  readonly faults: FaultRegistry;
  /** `http://host:port` once listening. */
  readonly url: string | undefined;
  /** Listens on the configured host and port; resolves to the base URL. */
  listen(): Promise<string>;
  /** Summaries of the providers with URLs under the listening address (or the configured one). */
  describe(): ProviderSummary[];
  /** Clears the journal, drops pending callbacks and restarts every random stream from the seed. */
  reset(): void;
  /** Injects a customer's message (`{provider, from, text, ...}`): the provider's inbound callback goes out now. */
  inbound(input: unknown): InboundResult;
  /** Moves an accepted message to a status now (`delivered`, `read`, `failed` with a code), with its callback. */
  forceStatus(messageId: string, outcome: ForcedOutcome): ForceResult;
  /** Callbacks pending, delivered, given up and refused (for the health endpoint). */
  callbackStats(): DispatcherStats;
  /** Prometheus text of this instance (and of every live replica when state is shared). */
  metrics(): Promise<{ contentType: string; text: string }>;
  /** Stops listening; with `drain` (default) pending callbacks are sent now, within the drain timeout. */
  close(options?: { drain?: boolean }): Promise<ShutdownReport>;
}
