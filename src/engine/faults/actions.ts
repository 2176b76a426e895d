import type { ErrorKind } from '../errors.js';
import type { Random } from '../random.js';

/** What a fault action does to a request. */
export type FaultEffect =
  /** Wait before going on with the pipeline. */
  | { kind: 'delay'; ms: number }
  /** Answer with the provider's native rendering of a shared error kind. */
  | { kind: 'error'; error: ErrorKind; detail: string };

/** One action of a fault rule. */
export interface FaultAction {
  type: string;
  /** A terminal action ends rule evaluation and the request; a non-terminal one (delay) lets both go on. */
  terminal: boolean;
  effect(): FaultEffect;
  /** A phrase for the rule's sentence, e.g. "delay uniform(50–150 ms)". */
  explain(): string;
}

/** A latency distribution, as written in config and scenario files. */
export type LatencySpec =
  { type: 'fixed'; ms: number } | { type: 'uniform'; minMs: number; maxMs: number };

/** Delays the request by a draw from `spec`. */
export function delay(spec: LatencySpec, random: Random): FaultAction {
  return {
    type: 'latency',
    terminal: false,
    effect: () => ({
      kind: 'delay',
      ms: spec.type === 'fixed' ? spec.ms : spec.minMs + random.next() * (spec.maxMs - spec.minMs),
    }),
    explain: () =>
      spec.type === 'fixed'
        ? `delay ${spec.ms} ms`
        : `delay uniform(${spec.minMs}–${spec.maxMs} ms)`,
  };
}

/** Answers with the provider's native error for `error`. */
export function thenError(error: ErrorKind): FaultAction {
  return {
    type: 'error',
    terminal: true,
    effect: () => ({ kind: 'error', error, detail: `injected fault: ${error}` }),
    explain: () => `answer ${error}`,
  };
}
