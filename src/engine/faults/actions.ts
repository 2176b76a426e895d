import type { Clock } from '../clock.js';
import type { BatchSettings } from '../dispatcher/callback-batcher.js';
import type { ErrorKind } from '../errors.js';
import type { Random } from '../random.js';
import type { ForcedOutcome, SimResponse } from '../types.js';
import { drawLatency, explainLatency, type LatencySpec } from './latency.js';
import { TokenBucket } from './token-bucket.js';

export type { LatencySpec } from './latency.js';

/** A fault carried out on the connection itself rather than as an HTTP answer. */
export type ConnectionFault =
  /** Destroy the socket without answering. */
  | { type: 'reset' }
  /** Read the request, answer nothing; the socket is closed after `holdMs` if the client has not given up. */
  | { type: 'timeout'; holdMs: number }
  /** Answer a truncated body (cut in the middle) or bytes that are not JSON. */
  | { type: 'malformed'; mode: 'truncated' | 'garbage' }
  /** Answer the right body, `chunkBytes` at a time every `intervalMs`. */
  | { type: 'trickle'; chunkBytes: number; intervalMs: number };

/** What happens to the callbacks that follow a matched send. */
export interface CallbackChaos {
  /** Extra wait before each callback. */
  delayMs?: number;
  /** Send each callback this many extra times. */
  duplicate?: number;
  /** Deliver the message's status callbacks in reverse order. */
  reorder?: boolean;
  /** Probability (0–1) that a callback is never sent. */
  drop?: number;
  /** Group this message's callbacks into requests of up to `maxEvents` within `windowMs`. */
  group?: BatchSettings;
  /** Send `count` copies of each callback at `perSecond`. */
  storm?: { count: number; perSecond: number };
  /** Spoil the callback signature (providers that sign callbacks). */
  signature?: 'bad' | 'replayed-nonce' | 'skewed-timestamp';
  /** Seconds of skew for `signature: skewed-timestamp` (default 600). */
  skewSeconds?: number;
}

/** What a fault action does to a request. */
export type FaultEffect =
  | { kind: 'delay'; ms: number }
  | { kind: 'error'; error: ErrorKind; detail: string; retryAfterMs?: number }
  | { kind: 'respond'; response: SimResponse }
  | { kind: 'connection'; fault: ConnectionFault }
  | { kind: 'forced-outcome'; outcome: ForcedOutcome }
  | { kind: 'callback-chaos'; chaos: CallbackChaos }
  /** The action declined this time (a token was free, the cap not reached); `release` runs when the request ends. */
  | { kind: 'pass'; release?: () => void };

/** One action of a fault rule. */
export interface FaultAction {
  /** kebab-case discriminator. */
  type: string;
  apply(): FaultEffect;
  /** A phrase for the rule's sentence, e.g. "delay uniform(50–150 ms)". */
  explain(): string;
}

/** Delays the request by a draw from `spec`. */
export function delay(spec: LatencySpec, random: Random): FaultAction {
  return {
    type: 'latency',
    apply: () => ({ kind: 'delay', ms: drawLatency(spec, random) }),
    explain: () => explainLatency(spec),
  };
}

/** Answers with the provider's native error for `error`. */
export function thenError(error: ErrorKind): FaultAction {
  return {
    type: 'error',
    apply: () => ({ kind: 'error', error, detail: `injected fault: ${error}` }),
    explain: () => `answer ${error}`,
  };
}

/** Answers exactly this status, headers and body. */
export function thenRespond(response: SimResponse): FaultAction {
  return {
    type: 'respond',
    apply: () => ({ kind: 'respond', response }),
    explain: () => `answer HTTP ${response.status}`,
  };
}

/** Breaks the connection: reset, timeout, malformed or trickled body. */
export function thenBreakConnection(fault: ConnectionFault): FaultAction {
  const words: Record<ConnectionFault['type'], string> = {
    reset: 'reset the connection',
    timeout: 'never answer (timeout)',
    malformed: `answer a ${fault.type === 'malformed' ? fault.mode : ''} body`,
    trickle:
      fault.type === 'trickle'
        ? `trickle the answer ${fault.chunkBytes} B every ${fault.intervalMs} ms`
        : '',
  };
  return {
    type: fault.type,
    apply: () => ({ kind: 'connection', fault }),
    explain: () => words[fault.type],
  };
}

/** A token bucket: past `ratePerSecond` (with `burst`), answers the provider's `throttled` error. */
export function throttle(ratePerSecond: number, burst: number, clock: Clock): FaultAction {
  const bucket = new TokenBucket(ratePerSecond, burst, clock);
  return {
    type: 'throttle',
    apply: () => {
      const taken = bucket.take();
      return taken.ok
        ? { kind: 'pass' }
        : {
            kind: 'error',
            error: 'throttled',
            detail: `injected fault: more than ${ratePerSecond} requests/s`,
            retryAfterMs: taken.retryAfterMs,
          };
    },
    explain: () => `throttle to ${ratePerSecond}/s (burst ${burst})`,
  };
}

/** Past `max` requests at once (among those the rule matches), answers `throttled`. */
export function capConcurrency(max: number): FaultAction {
  let inFlight = 0;
  return {
    type: 'concurrency',
    apply: () => {
      if (inFlight >= max)
        return {
          kind: 'error',
          error: 'throttled',
          detail: `injected fault: more than ${max} concurrent requests`,
        };
      inFlight++;
      return { kind: 'pass', release: () => void inFlight-- };
    },
    explain: () => `allow ${max} at once`,
  };
}

/** Forces the outcome the accepted messages' lifecycle reaches. */
export function forceOutcome(outcome: ForcedOutcome): FaultAction {
  return {
    type: 'forced-outcome',
    apply: () => ({ kind: 'forced-outcome', outcome }),
    explain: () =>
      `force ${outcome.status}${outcome.code ? ` ${outcome.code}` : ''}${outcome.afterMs !== undefined ? ` after ${outcome.afterMs} ms` : ''}`,
  };
}

/** Disturbs the callbacks of the accepted messages. */
export function disturbCallbacks(chaos: CallbackChaos): FaultAction {
  const parts = [
    chaos.delayMs ? `delay ${chaos.delayMs} ms` : '',
    chaos.duplicate ? `duplicate ×${chaos.duplicate}` : '',
    chaos.reorder ? 'reorder' : '',
    chaos.drop ? `drop ${Math.round(chaos.drop * 1000) / 10}%` : '',
    chaos.group ? `group by ${chaos.group.maxEvents}` : '',
    chaos.storm ? `storm ${chaos.storm.count} at ${chaos.storm.perSecond}/s` : '',
    chaos.signature ? `${chaos.signature} signature` : '',
  ].filter(Boolean);
  return {
    type: 'callback-chaos',
    apply: () => ({ kind: 'callback-chaos', chaos }),
    explain: () => `callbacks: ${parts.join(', ')}`,
  };
}
