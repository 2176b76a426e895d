import type { ServeEvent, SubEvent } from '../engine/journal/serve-event.js';
import { REDACTED } from '../engine/journal/redact.js';
import type { AnyProviderDefinition, Diagnostic } from '../engine/types.js';
import { valueAtPointer } from './json-pointer.js';
import { subjectOf } from './journal-entry.js';
import type { CaseResult, ContractReport, FailureRecord } from './types.js';

/** What the passive check needs besides the journal. */
export interface VerifyOptions {
  schemas: { validate(schemaId: string, value: unknown): Diagnostic[] };
  /** Request schema id per `<provider>/<route>` (see `routeSchemasOf`). */
  routeSchemas: ReadonlyMap<string, string>;
  /** Longest a gateway may take to answer a callback; default 5000 ms. */
  callbackDeadlineMs?: number;
  /** Count the simulator's warnings (lenient checks such as `dlt: warn`) as violations; default true. */
  includeWarnings?: boolean;
  /** Check only these providers. */
  providers?: readonly string[];
  /** The journal's counters, to tell when entries were evicted before they could be checked. */
  journal?: { capacity: number; recorded: number };
}

/** `<provider>/<route>` → request schema id, from provider definitions. */
export function routeSchemasOf(definitions: readonly AnyProviderDefinition[]): Map<string, string> {
  const out = new Map<string, string>();
  for (const definition of definitions) {
    for (const route of definition.routes) {
      if (route.requestSchema) out.set(`${definition.id}/${route.id}`, route.requestSchema);
    }
  }
  return out;
}

const kebab = (text: string): string =>
  text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');

/** Every violation of one request: the simulator's own findings, and the schema's on the journaled body. */
function requestViolations(entry: ServeEvent, options: VerifyOptions): FailureRecord[] {
  const subject = subjectOf(entry);
  const body = entry.request.body;
  const includeWarnings = options.includeWarnings ?? true;
  const out: FailureRecord[] = [];
  const seen = new Set<string>();
  const add = (diagnostic: Diagnostic, rule: string): void => {
    const key = `${diagnostic.pointer}\u0000${diagnostic.message}`;
    if (seen.has(key)) return;
    seen.add(key);
    const value = valueAtPointer(body, diagnostic.pointer);
    out.push({
      message: `${diagnostic.message}${diagnostic.severity === 'warning' ? ' (warning)' : ''}`,
      pointer: diagnostic.pointer,
      ...(value !== undefined && { value }),
      subject,
      rule,
    });
  };
  const schema = options.routeSchemas.get(`${entry.provider}/${entry.route}`);
  const contract = schema ?? `${entry.provider}/${entry.route}`;
  // The simulator judged the request before redaction; its findings come first.
  for (const diagnostic of entry.diagnostics) {
    if (diagnostic.severity === 'error' || (includeWarnings && diagnostic.severity === 'warning'))
      add(diagnostic, `${contract}: ${diagnostic.keyword}`);
  }
  // A request a fault answered was never validated by the simulator; the schema still applies.
  if (schema !== undefined && body !== undefined) {
    for (const diagnostic of options.schemas.validate(schema, body)) {
      if (valueAtPointer(body, diagnostic.pointer) === REDACTED) continue;
      add(diagnostic, `${schema}: ${diagnostic.keyword}`);
    }
  }
  return out;
}

/** The violation in one callback attempt, if any: no answer, not 2xx, or too slow. */
function answerViolation(
  entry: ServeEvent,
  attempt: SubEvent,
  deadlineMs: number,
): FailureRecord | undefined {
  const status = typeof attempt.status === 'number' ? attempt.status : undefined;
  const duration = typeof attempt.durationMs === 'number' ? attempt.durationMs : 0;
  const subject = `${String(attempt.kind)} callback ${typeof attempt.callbackId === 'string' ? attempt.callbackId : ''} attempt ${String(attempt.attempt)} to ${String(attempt.target)} (for ${entry.id})`;
  const value = { status, durationMs: duration, answer: attempt.answer };
  if (status === undefined) {
    return {
      message: `the gateway did not answer (${typeof attempt.error === 'string' ? attempt.error : 'no answer'}); the provider retries or drops the callback`,
      pointer: '',
      value,
      subject,
      rule: 'answer callbacks',
    };
  }
  if (status < 200 || status >= 300) {
    return {
      message: `the gateway answered ${status}; a callback not acknowledged with 2xx is retried or lost`,
      pointer: '',
      value,
      subject,
      rule: 'acknowledge callbacks with 2xx',
    };
  }
  if (duration > deadlineMs) {
    return {
      message: `the gateway took ${duration} ms to answer; the deadline is ${deadlineMs} ms`,
      pointer: '',
      value,
      subject,
      rule: `acknowledge callbacks within ${deadlineMs} ms`,
    };
  }
  return undefined;
}

/** A failed result when the journal evicted requests before they could be checked. */
function evictionResult(journal: VerifyOptions['journal']): CaseResult | undefined {
  if (!journal || journal.recorded <= journal.capacity) return undefined;
  return {
    id: 'verify-journal-complete',
    provider: 'journal',
    title: 'the journal still holds every request recorded',
    status: 'failed',
    failures: [
      {
        message: `${journal.recorded - journal.capacity} of ${journal.recorded} recorded requests were evicted before they could be checked; raise journal.size (now ${journal.capacity})`,
        pointer: '',
        value: journal,
        subject: 'simulator journal',
        rule: 'verify sees every request',
      },
    ],
    durationMs: 0,
  };
}

/**
 * Checks a journal after the user's own tests ran: every request against its route's schema (and
 * the simulator's own findings), every request that matched no route, and every answer the
 * gateway gave to a callback (2xx within the deadline). One result per provider route and per
 * provider callback kind, each listing its violations with pointer, value and rule.
 */
export function verifyJournal(
  entries: readonly ServeEvent[],
  options: VerifyOptions,
): ContractReport {
  const started = performance.now();
  const deadline = options.callbackDeadlineMs ?? 5000;
  const wanted = (provider: string | null): boolean =>
    !options.providers || (provider !== null && options.providers.includes(provider));
  const groups = new Map<string, CaseResult & { checked: number }>();
  const group = (
    id: string,
    provider: string,
    title: (n: number) => string,
  ): CaseResult & { checked: number } => {
    let found = groups.get(id);
    if (!found) {
      found = {
        id,
        provider,
        title: '',
        status: 'passed',
        failures: [],
        durationMs: 0,
        checked: 0,
      };
      groups.set(id, found);
    }
    found.checked++;
    found.title = title(found.checked);
    return found;
  };

  for (const entry of entries) {
    if (!wanted(entry.provider)) continue;
    if (entry.outcome === 'unmatched') {
      const near = entry.subEvents.find((s) => s.type === 'request-not-matched');
      group(
        'verify-unmatched-requests',
        entry.provider ?? 'unmatched',
        (n) => `${n} request(s) reach a route of a provider`,
      ).failures.push({
        message: `${entry.request.method} ${entry.request.path} matched no route`,
        pointer: '',
        ...(near && { value: near }),
        subject: subjectOf(entry),
        rule: 'requests go to a documented route',
      });
      continue;
    }
    const provider = entry.provider ?? 'unknown';
    // Requests injected through the admin API (customer messages) are the simulator's, not the gateway's.
    if (entry.route !== null && entry.route !== 'inbound') {
      const schema = options.routeSchemas.get(`${provider}/${entry.route}`);
      group(
        `verify-${kebab(provider)}-${kebab(entry.route)}-requests`,
        provider,
        (n) =>
          `${provider} ${entry.route} requests satisfy ${schema ?? "the simulator's checks"} (${n} checked)`,
      ).failures.push(...requestViolations(entry, options));
    }
    for (const attempt of entry.subEvents.filter((s) => s.type === 'callback-attempt')) {
      const kind = String(attempt.kind);
      const found = group(
        `verify-${kebab(provider)}-${kebab(kind)}-callback-answers`,
        provider,
        (n) =>
          `the gateway acknowledges ${provider} ${kind} callbacks with 2xx within ${deadline} ms (${n} attempts checked)`,
      );
      const violation = answerViolation(entry, attempt, deadline);
      if (violation) found.failures.push(violation);
    }
  }

  const results: CaseResult[] = [...groups.values()].map(({ checked: _checked, ...result }) => ({
    ...result,
    status: result.failures.length > 0 ? 'failed' : 'passed',
  }));
  const evicted = evictionResult(options.journal);
  if (evicted) results.unshift(evicted);
  const summary = { total: results.length, passed: 0, failed: 0, errored: 0, skipped: 0 };
  for (const r of results) summary[r.status]++;
  return {
    startedAt: new Date().toISOString(),
    durationMs: Math.round(performance.now() - started),
    summary,
    results,
  };
}
