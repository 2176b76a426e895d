import type { ForcedOutcome } from '../types.js';
import type { CallbackChaos } from './actions.js';
import type { LatencySpec } from './latency.js';
import type { ValueTest } from './matchers.js';

/** When a rule applies; every given condition must hold. @see schemas/scenario.schema.json */
export interface MatchSpec {
  /** One provider id or several. */
  provider?: string | string[];
  /** A route id of the provider (e.g. `send`). */
  route?: string;
  recipient?: { exact?: string; prefix?: string; regex?: string };
  header?: ValueTest & { name: string };
  /** A body field by JSON pointer. */
  body?: ValueTest & { pointer: string };
  /** A route parameter, e.g. the Conversation API `region`. */
  param?: ValueTest & { name: string };
  /** Fraction of matching requests (0–1), drawn from the seed. */
  probability?: number;
  /** Only the nth matching request (1-based). */
  nth?: number;
  /** Every nth matching request. */
  everyNth?: number;
  /** At most this many times. */
  times?: number;
  /** From this long after the rule is loaded (at start, or by the CLI or admin API; `"30s"`, `"2m"`, `"1h"`, `"250ms"`, or milliseconds). */
  after?: string | number;
  /** Until this long after the rule is loaded. */
  until?: string | number;
}

/** What a rule does; exactly one key. @see schemas/scenario.schema.json */
export type ActionSpec =
  | { latency: LatencySpec }
  | { error: string }
  | { respond: { status: number; headers?: Record<string, string>; body?: unknown } }
  | { timeout: { holdMs?: number } }
  | { reset: true }
  | { malformed: 'truncated' | 'garbage' }
  | { trickle: { chunkBytes?: number; intervalMs?: number } }
  | { throttle: { ratePerSecond: number; burst?: number } }
  | { concurrency: { max: number } }
  | { dlr: ForcedOutcome }
  | { callbacks: CallbackChaos };

/** One rule as written in a scenario file or posted to the admin API. */
export interface RuleSpec {
  id?: string;
  description?: string;
  match?: MatchSpec;
  then: ActionSpec;
  /** Go on to later rules after this one applied. */
  continue?: boolean;
}

/** A named set of rules: a bad day at a provider. */
export interface ScenarioSpec {
  name: string;
  description?: string;
  rules: RuleSpec[];
}
