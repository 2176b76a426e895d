import type { Clock } from '../clock.js';
import { SimError } from '../errors.js';
import type { ProviderRuntime } from '../provider-runtime.js';
import type { Random } from '../random.js';
import {
  capConcurrency,
  delay,
  disturbCallbacks,
  forceOutcome,
  thenBreakConnection,
  thenError,
  thenRespond,
  throttle,
  type FaultAction,
} from './actions.js';
import {
  duringWindow,
  forProvider,
  forRecipient,
  forRoute,
  withBodyField,
  withHeader,
  withParam,
  withProbability,
  type Matcher,
} from './matchers.js';
import type { FaultRule } from './rule.js';
import type { ActionSpec, RuleSpec } from './scenario.js';

/** What compiling a rule needs. */
export interface CompileContext {
  providers: readonly ProviderRuntime[];
  clock: Clock;
  /** The rule's own random stream. */
  random: Random;
  /** Epoch ms (injected clock) the rule was loaded: its `after` / `until` count from here. */
  loadedAt: number;
}

const UNITS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

/** Milliseconds of a duration written `"30s"`, `"2m"`, `"1h"`, `"250ms"` or as a number of ms. */
export function parseDuration(value: string | number): number {
  if (typeof value === 'number') return value;
  const match = /^(\d+)(ms|s|m|h)$/.exec(value);
  if (!match) throw new Error(`"${value}" is not a duration like 250ms, 30s, 2m or 1h`);
  return Number(match[1]) * UNITS[match[2]!]!;
}

const invalid = (pointer: string, message: string, actual?: unknown): SimError =>
  new SimError('invalid-fault-rule', pointer, `${pointer}: ${message}`, { actual });

function checkRegex(source: string | undefined, pointer: string): void {
  if (source === undefined) return;
  try {
    new RegExp(source);
  } catch (error) {
    throw invalid(
      pointer,
      `is not a valid regular expression: ${(error as Error).message}`,
      source,
    );
  }
}

function compileAction(
  spec: ActionSpec,
  ctx: CompileContext,
  at: string,
  providers: readonly ProviderRuntime[],
): FaultAction {
  if ('latency' in spec) {
    const l = spec.latency;
    if (l.type === 'uniform' && l.minMs > l.maxMs)
      throw invalid(`${at}/latency/minMs`, 'must not exceed maxMs', l.minMs);
    return delay(l, ctx.random);
  }
  if ('error' in spec) {
    for (const p of providers) {
      if (!p.definition.errors[spec.error]) {
        const known = Object.keys(p.definition.errors).join(', ');
        throw invalid(
          `${at}/error`,
          `${p.definition.id} has no error "${spec.error}"; known: ${known}`,
          spec.error,
        );
      }
    }
    return thenError(spec.error);
  }
  if ('respond' in spec) {
    const { status, headers, body } = spec.respond;
    return thenRespond({ status, headers, body: body ?? {} });
  }
  if ('timeout' in spec)
    return thenBreakConnection({ type: 'timeout', holdMs: spec.timeout.holdMs ?? 300_000 });
  if ('reset' in spec) return thenBreakConnection({ type: 'reset' });
  if ('malformed' in spec) return thenBreakConnection({ type: 'malformed', mode: spec.malformed });
  if ('trickle' in spec) {
    return thenBreakConnection({
      type: 'trickle',
      chunkBytes: spec.trickle.chunkBytes ?? 8,
      intervalMs: spec.trickle.intervalMs ?? 500,
    });
  }
  if ('throttle' in spec) {
    const burst = spec.throttle.burst ?? Math.max(1, Math.ceil(spec.throttle.ratePerSecond));
    return throttle(spec.throttle.ratePerSecond, burst, ctx.clock);
  }
  if ('concurrency' in spec) return capConcurrency(spec.concurrency.max);
  if ('dlr' in spec) return forceOutcome(spec.dlr);
  return disturbCallbacks(spec.callbacks);
}

/**
 * Builds a live rule from its written form. Checks what the schema cannot: that providers and
 * routes exist, that error names are in each provider's catalog, that regexes compile.
 * Errors name the field under `at` (e.g. `/rules/2/match/provider`).
 */
export function compileRule(
  spec: RuleSpec,
  id: string,
  source: string,
  ctx: CompileContext,
  at: string,
): FaultRule {
  const match = spec.match ?? {};
  const served = ctx.providers.map((p) => p.definition.id);
  const providerIds =
    match.provider === undefined
      ? served
      : Array.isArray(match.provider)
        ? match.provider
        : [match.provider];
  providerIds.forEach((pid, i) => {
    if (!served.includes(pid)) {
      const pointer = Array.isArray(match.provider)
        ? `${at}/match/provider/${i}`
        : `${at}/match/provider`;
      throw invalid(pointer, `provider "${pid}" is not served; served: ${served.join(', ')}`, pid);
    }
  });
  const scoped = ctx.providers.filter((p) => providerIds.includes(p.definition.id));
  if (match.route !== undefined) {
    const routes = new Set(scoped.flatMap((p) => p.routes.map((r) => r.definition.id)));
    if (!routes.has(match.route)) {
      throw invalid(
        `${at}/match/route`,
        `no route "${match.route}" for ${providerIds.join(', ')}; routes: ${[...routes].join(', ')}`,
        match.route,
      );
    }
  }
  checkRegex(match.recipient?.regex, `${at}/match/recipient/regex`);
  checkRegex(match.header?.matches, `${at}/match/header/matches`);
  checkRegex(match.body?.matches, `${at}/match/body/matches`);
  checkRegex(match.param?.matches, `${at}/match/param/matches`);
  const matchers: Matcher[] = [];
  if (match.provider !== undefined) matchers.push(forProvider(...providerIds));
  if (match.route !== undefined) matchers.push(forRoute(match.route));
  if (match.recipient) matchers.push(forRecipient(match.recipient));
  if (match.header) matchers.push(withHeader(match.header.name, match.header));
  if (match.body) matchers.push(withBodyField(match.body.pointer, match.body));
  if (match.param) matchers.push(withParam(match.param.name, match.param));
  if (match.after !== undefined || match.until !== undefined) {
    const after = match.after !== undefined ? parseDuration(match.after) : undefined;
    const until = match.until !== undefined ? parseDuration(match.until) : undefined;
    if (after !== undefined && until !== undefined && after >= until)
      throw invalid(`${at}/match/until`, 'must come after "after"', match.until);
    matchers.push(duringWindow(after, until, ctx.loadedAt));
  }
  // Last, so the random stream is only drawn for requests the other matchers let through.
  if (match.probability !== undefined)
    matchers.push(withProbability(match.probability, ctx.random));
  return {
    id,
    source,
    matchers,
    action: compileAction(spec.then, ctx, `${at}/then`, scoped),
    nth: match.nth,
    everyNth: match.everyNth,
    times: match.times,
    continue: spec.continue ?? false,
    counters: { seen: 0, applied: 0 },
  };
}
