import type { CaseEvidence } from './case-evidence.js';
import type { JournalQuery } from '../engine/journal/query.js';
import type { ServeEvent } from '../engine/journal/serve-event.js';
import type { Diagnostic } from '../engine/types.js';

/** A send the suite asks the gateway to make. */
export interface GatewaySendInput {
  provider: string;
  to: string[];
  text: string;
  templateId?: string;
  international?: boolean;
}

/**
 * How the suite drives a gateway under test: a trigger (`send`), where the gateway takes
 * callbacks, and optionally a probe of a message's status.
 */
export interface GatewayAdapter {
  /** Asks the gateway to send; resolves to the gateway's ids of the messages it created. */
  send(input: GatewaySendInput): Promise<{ ids: string[] }>;
  /** The URL where the gateway takes callbacks of `kind` from `provider`. */
  callbackUrl(provider: string, kind: string): string;
  /**
   * The gateway's status of message `id` in the suite's vocabulary (`queued`, `sent`, `delivered`,
   * `failed`, ...), or undefined when the gateway does not know it.
   */
  status?(id: string): Promise<string | undefined>;
}

/** The journal as the suite reads it (a running simulator's, or one read over the admin API). */
export interface ContractJournal {
  list(query?: JournalQuery): ServeEvent[] | Promise<ServeEvent[]>;
  /** Empties the journal; needed only with the runner's `journal: 'clear'` option. */
  clear?(): void | Promise<void>;
}

/**
 * The simulator's fault rules as the suite uses them (the shape of `schemas/scenario.schema.json`
 * rules); a started `Simulator`'s `faults` fits as it is.
 */
export interface ContractFaults {
  /** Checks and adds one rule or an array of rules; throws naming the first bad field. */
  addRules(rules: unknown): unknown;
  /** Removes one rule by id; false when there is none. */
  remove(id: string): boolean | Promise<boolean>;
}

/** What the suite needs of a simulator; a started `Simulator` fits as it is. */
export interface ContractSimulator {
  readonly url: string | undefined;
  readonly journal: ContractJournal;
  readonly schemas: {
    validate(schemaId: string, value: unknown): Diagnostic[];
    /** The schema document, for generated samples; default the package's own schemas. */
    document?(schemaId: string): unknown;
  };
  /** Fault rules; cases that inject faults (retries, throttling, timeouts) are skipped without them. */
  readonly faults?: ContractFaults;
}

/** A gateway's answer to a callback the suite fired. */
export interface CallbackAnswer {
  status: number;
  body: string;
  /** How long the gateway took to answer, when measured. */
  durationMs?: number;
}

/** Posts `body` as JSON to `url` and reports the answer; rejects only on transport errors. */
export type CallbackFirer = (
  url: string,
  body: unknown,
  headers?: Record<string, string>,
) => Promise<CallbackAnswer>;

/** One finding of a contract case: what is wrong, where, and the offending value. */
export interface FailureRecord {
  message: string;
  /** JSON pointer into `subject` (`''` for the whole of it). */
  pointer: string;
  value?: unknown;
  /** What was looked at, e.g. `request req_3 (POST /sinch-sms/v1/enterprises/messages.json)`. */
  subject?: string;
  /** The rule broken, e.g. `sinch-sms/send-request: pattern`. */
  rule?: string;
  /** What the rule wanted there, when a case can say (reports show it beside `value`). */
  expected?: unknown;
}

/** Limits a case works within. */
export interface CaseTimeouts {
  /** Longest wait for the gateway's requests or the simulator's own callbacks to show up. */
  settleMs: number;
  /** Pause before re-reading a status that must not change. */
  graceMs: number;
}

/**
 * What the suite knows about the gateway and how patient it is; every field has a default
 * (`DEFAULT_CONTRACT_SETTINGS`).
 */
export interface ContractSettings {
  /** Seed of every generated value (robustness callbacks); same seed, same run. */
  seed: string;
  /** The most requests the gateway may have in flight to one provider; the concurrency case is skipped without it. */
  concurrency?: number;
  /** Longest a gateway may take to acknowledge a callback. */
  callbackDeadlineMs: number;
  /** How long to watch for retries (and for the absence of one after a business failure). */
  retryWindowMs: number;
  /** Shortest wait before a retry that counts as backing off. */
  minRetryDelayMs: number;
  /** `Retry-After` seconds sent with the injected 429. */
  retryAfterSeconds: number;
  /** How long the simulator holds a request it never answers before it drops the connection. */
  timeoutHoldMs: number;
  /** Latency added to each request while in-flight requests are counted. */
  concurrencyHoldMs: number;
  /** Generated callbacks per variant (all optional fields, extra keys, unicode, maximum lengths). */
  robustnessSamples: number;
}

/** Something a case needs from the gateway adapter or the simulator beyond sending. */
export type CaseRequirement = 'status-probe' | 'faults' | 'concurrency-limit';

/** What a case sees while it runs. */
export interface CaseContext {
  readonly simulator: ContractSimulator;
  readonly gateway: GatewayAdapter;
  readonly timeouts: CaseTimeouts;
  readonly settings: ContractSettings;
  /**
   * `count` consecutive integers unique within the run (the first is returned), to derive recipients
   * no other case uses: fault rules and journal look-ups can then be scoped to them.
   */
  sequence(count?: number): number;
  /** Adds fault rules for this case only; they are removed when the case ends. Throws without `simulator.faults`. */
  addFaults(rules: readonly Record<string, unknown>[]): Promise<string[]>;
  /** Journal entries recorded since this case started (its own traffic only), oldest first. */
  requests(query?: JournalQuery): Promise<ServeEvent[]>;
  /** Posts a callback body to the gateway. */
  fireCallback: CallbackFirer;
  /** Records a failure and lets the case go on; throw a `ContractFailure` to stop it instead. */
  fail(failure: FailureRecord): void;
  /** Polls `check` until it returns a value other than undefined; rejects after `timeoutMs` naming `what`. */
  waitFor<T>(
    what: string,
    check: () => T | undefined | Promise<T | undefined>,
    timeoutMs?: number,
  ): Promise<T>;
}

/** One contract case: a behaviour of a gateway that speaks to `provider`. */
export interface ContractCase {
  /** kebab-case, unique within a suite, stable across releases. */
  id: string;
  /** The provider id whose contract this checks. */
  provider: string;
  /** The behaviour as a sentence, e.g. "sends at most 1,000 recipients per request". */
  title: string;
  /** The case is skipped when the gateway adapter lacks one of these. */
  requires?: readonly CaseRequirement[];
  /** Resolves when done; records failures with `ctx.fail` or throws a `ContractFailure`. */
  run(ctx: CaseContext): Promise<void>;
}

/** How a case ended: `errored` when it could not reach a verdict (a broken setup, a timeout). */
export type CaseStatus = 'passed' | 'failed' | 'errored' | 'skipped';

/** One case's result. */
export interface CaseResult {
  id: string;
  provider: string;
  title: string;
  status: CaseStatus;
  failures: FailureRecord[];
  /** Why the case errored or was skipped. */
  reason?: string;
  durationMs: number;
  /** The requests and callbacks the case looked at (secrets redacted), for reports. */
  evidence?: CaseEvidence;
}

/** The outcome of running a suite. */
export interface ContractReport {
  /** ISO 8601 start time. */
  startedAt: string;
  durationMs: number;
  summary: Record<CaseStatus, number> & { total: number };
  results: CaseResult[];
}
