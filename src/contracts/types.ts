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

/** What the suite needs of a simulator; a started `Simulator` fits as it is. */
export interface ContractSimulator {
  readonly url: string | undefined;
  readonly journal: ContractJournal;
  readonly schemas: { validate(schemaId: string, value: unknown): Diagnostic[] };
}

/** A gateway's answer to a callback the suite fired. */
export interface CallbackAnswer {
  status: number;
  body: string;
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
}

/** Limits a case works within. */
export interface CaseTimeouts {
  /** Longest wait for the gateway's requests or the simulator's own callbacks to show up. */
  settleMs: number;
  /** Pause before re-reading a status that must not change. */
  graceMs: number;
}

/** What a case sees while it runs. */
export interface CaseContext {
  readonly simulator: ContractSimulator;
  readonly gateway: GatewayAdapter;
  readonly timeouts: CaseTimeouts;
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

/** Something a case needs from the gateway adapter beyond sending. */
export type CaseRequirement = 'status-probe';

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
}

/** The outcome of running a suite. */
export interface ContractReport {
  /** ISO 8601 start time. */
  startedAt: string;
  durationMs: number;
  summary: Record<CaseStatus, number> & { total: number };
  results: CaseResult[];
}
