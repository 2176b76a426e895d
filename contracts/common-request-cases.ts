/**
 * Common cases about the requests a gateway makes: their shape, credentials, ids, batch and size
 * limits, and how many are in flight at once.
 */
import { attemptsOf, peakOverlap } from '../src/contracts/attempt-timeline.js';
import { ContractFailure, failuresFromDiagnostics } from '../src/contracts/contract-failure.js';
import { bodyBytesOf, bodyOf, subjectOf } from '../src/contracts/journal-entry.js';
import type { ProviderContractDescriptor } from '../src/contracts/provider-descriptor.js';
import {
  quietCallbacks,
  recipientPattern,
  requestsTo,
  watchRequestsTo,
} from '../src/contracts/sent-messages.js';
import type { CaseContext, ContractCase, FailureRecord } from '../src/contracts/types.js';
import type { ServeEvent } from '../src/index.js';

/** Requests since the case started that matched no route, as `METHOD path` for messages. */
async function unmatchedPaths(ctx: CaseContext): Promise<string[]> {
  return (await ctx.requests({ outcome: 'unmatched' })).map(
    (e) => `${e.request.method} ${e.request.path}`,
  );
}

/** Waits until requests name every one of `to`; throws a ContractFailure counting the missing ones. */
async function awaitAllRecipients(
  ctx: CaseContext,
  d: ProviderContractDescriptor,
  to: readonly string[],
): Promise<ServeEvent[]> {
  const plain = (r: string): string => r.replace(/^\+/, '');
  const wanted = new Set(to.map(plain));
  const covered = (entries: ServeEvent[]): number =>
    new Set(entries.flatMap((e) => d.recipientsOf(e).map(plain)).filter((r) => wanted.has(r))).size;
  const entries = await watchRequestsTo(ctx, d, to, (found) => covered(found) >= wanted.size);
  if (entries) return entries;
  const found = await requestsTo(ctx, d, to);
  const unmatched = await unmatchedPaths(ctx);
  throw new ContractFailure({
    message: `after the sends, requests to ${d.provider} named ${covered(found)} of ${wanted.size} recipients within ${ctx.timeouts.settleMs} ms${unmatched.length > 0 ? `; ${unmatched.length} request(s) matched no ${d.provider} route: ${unmatched.slice(0, 3).join(', ')}` : ''}`,
    pointer: '',
    value: covered(found),
    subject: 'simulator journal',
    rule: 'every recipient is sent to',
  });
}

/** Fresh recipients for this case, with the simulator's callbacks for them dropped. */
async function freshRecipients(
  ctx: CaseContext,
  d: ProviderContractDescriptor,
  count: number,
): Promise<string[]> {
  const first = ctx.sequence(count);
  const to = Array.from({ length: count }, (_, i) => d.recipient(first + i));
  if (ctx.simulator.faults) await quietCallbacks(ctx, d, to);
  return to;
}

/** Every request body satisfies the provider's request schemas. */
function payloadValid(d: ProviderContractDescriptor): ContractCase {
  return {
    id: `${d.provider}-payload-valid`,
    provider: d.provider,
    title: `sends ${d.provider} requests to the send route whose bodies satisfy the request schemas`,
    async run(ctx) {
      const sends = d.sampleSends?.(() => ctx.sequence()) ?? [
        d.sendInput([d.recipient(ctx.sequence())]),
      ];
      const to = [...new Set(sends.flatMap((s) => s.to))];
      if (ctx.simulator.faults) await quietCallbacks(ctx, d, to);
      for (const input of sends) await ctx.gateway.send(input);
      const redacted = new Set(d.redactedPointers ?? []);
      for (const entry of await awaitAllRecipients(ctx, d, to)) {
        const subject = subjectOf(entry);
        if (entry.route !== d.sendRoute) {
          ctx.fail({
            message: `${entry.request.method} ${entry.request.path} is not the ${d.provider} send route "${d.sendRoute}"`,
            pointer: '',
            value: entry.request.path,
            subject,
            rule: `${d.provider}: send route`,
          });
          continue;
        }
        const body = entry.request.body;
        for (const schema of d.requestSchemas(entry)) {
          const findings = failuresFromDiagnostics(
            ctx.simulator.schemas.validate(schema, body),
            body,
            subject,
            schema,
          ).filter((f) => !redacted.has(f.pointer));
          for (const failure of findings) ctx.fail(failure);
        }
        // The journal holds "[redacted]" where a secret was; the simulator judged the real value.
        const beforeRedaction = entry.diagnostics.filter(
          (dg) => redacted.has(dg.pointer) && !dg.keyword.startsWith('auth-'),
        );
        for (const failure of failuresFromDiagnostics(
          beforeRedaction,
          body,
          subject,
          d.requestSchemas(entry)[0] ?? d.provider,
        ))
          ctx.fail(failure);
      }
    },
  };
}

/** Every request carries credentials the provider accepts. */
function authAccepted(d: ProviderContractDescriptor): ContractCase {
  return {
    id: `${d.provider}-auth`,
    provider: d.provider,
    title: `authenticates every ${d.provider} request with credentials the provider accepts (${d.credentials})`,
    async run(ctx) {
      const to = await freshRecipients(ctx, d, 1);
      await ctx.gateway.send(d.sendInput(to));
      for (const entry of await awaitAllRecipients(ctx, d, to)) {
        const auth = entry.diagnostics.filter((dg) => dg.keyword.startsWith('auth-'));
        for (const finding of auth) {
          ctx.fail({
            message: `the provider refused the credentials (${d.credentials}): ${finding.message}`,
            pointer: finding.pointer,
            value: entry.response?.body,
            subject: subjectOf(entry),
            rule: `${d.provider}: ${finding.keyword}`,
          });
        }
        const status = entry.response?.status;
        if (auth.length === 0 && (status === 401 || status === 403)) {
          ctx.fail({
            message: `the provider answered ${status}; the credentials (${d.credentials}) were refused`,
            pointer: '',
            value: entry.response?.body,
            subject: subjectOf(entry),
            rule: `${d.provider}: credentials`,
          });
        }
      }
    },
  };
}

/** No two requests share the gateway's id. */
function uniqueRequestIds(
  d: ProviderContractDescriptor,
  requestId: NonNullable<ProviderContractDescriptor['requestId']>,
): ContractCase {
  return {
    id: `${d.provider}-unique-message-ids`,
    provider: d.provider,
    title: `gives every ${d.provider} request an id of its own (${requestId.pointer}), even for one recipient three times in a second`,
    async run(ctx) {
      const [repeated, other, third] = await freshRecipients(ctx, d, 3);
      for (let i = 0; i < 3; i++) await ctx.gateway.send(d.sendInput([repeated!]));
      await ctx.gateway.send(d.sendInput([other!]));
      await ctx.gateway.send(d.sendInput([third!]));
      const to = [repeated!, other!, third!];
      const entries = await watchRequestsTo(ctx, d, to, (found) => found.length >= 5);
      if (!entries) {
        throw new ContractFailure({
          message: `after 5 sends, the simulator recorded ${(await requestsTo(ctx, d, to)).length} request(s) to ${d.provider} within ${ctx.timeouts.settleMs} ms; expected 5`,
          pointer: '',
          subject: 'simulator journal',
          rule: 'every send is made',
        });
      }
      const firstUse = new Map<string, ServeEvent>();
      for (const entry of entries) {
        const id = requestId.of(entry);
        if (id === undefined || id === '') {
          ctx.fail({
            message: `${requestId.pointer} is missing or empty; callbacks refer to the request by it`,
            pointer: requestId.pointer,
            value: id,
            subject: subjectOf(entry),
            rule: 'every request has an id',
          });
          continue;
        }
        const first = firstUse.get(id);
        if (first) {
          ctx.fail({
            message: `${requestId.pointer} is also used by ${subjectOf(first)}; their callbacks cannot be told apart`,
            pointer: requestId.pointer,
            value: id,
            subject: subjectOf(entry),
            rule: 'request ids are unique',
          });
        } else {
          firstUse.set(id, entry);
        }
      }
    },
  };
}

/** A send to more recipients than one request takes is split, each recipient sent once. */
function batchLimit(d: ProviderContractDescriptor, max: number): ContractCase {
  return {
    id: `${d.provider}-batch-limit`,
    provider: d.provider,
    title: `splits a send to ${(max + 1).toLocaleString('en')} recipients into ${d.provider} requests of at most ${max.toLocaleString('en')}, each recipient sent once`,
    async run(ctx) {
      const to = await freshRecipients(ctx, d, max + 1);
      await ctx.gateway.send(d.sendInput(to));
      const entries = await awaitAllRecipients(ctx, d, to);
      const counts = new Map<string, number>();
      for (const entry of entries) {
        const recipients = d.recipientsOf(entry);
        if (recipients.length > max) {
          ctx.fail({
            message: `the request names ${recipients.length} recipients; at most ${max.toLocaleString('en')} are allowed per request`,
            pointer: '',
            value: recipients.length,
            subject: subjectOf(entry),
            rule: `${d.provider}: at most ${max} recipients per request`,
          });
        }
        for (const r of recipients) counts.set(r, (counts.get(r) ?? 0) + 1);
      }
      const repeated = [...counts].filter(([, n]) => n > 1).map(([r]) => r);
      if (repeated.length > 0) {
        ctx.fail({
          message: `${repeated.length} recipients were sent to more than once`,
          pointer: '',
          value: repeated.slice(0, 5),
          subject: 'all requests of the send',
          rule: 'each recipient is sent once',
        });
      }
    },
  };
}

/** A message too big for one request never reaches the provider as one. */
function sizeLimit(
  d: ProviderContractDescriptor,
  limits: { maxTextLength?: number; maxBodyBytes?: number },
): ContractCase {
  const what =
    limits.maxTextLength !== undefined
      ? `a text of ${limits.maxTextLength + 1} characters (at most ${limits.maxTextLength})`
      : `a text of ${limits.maxBodyBytes! + 1} bytes (a body may have at most ${limits.maxBodyBytes})`;
  return {
    id: `${d.provider}-size-limit`,
    provider: d.provider,
    title: `never sends ${d.provider} a request over its size limits when asked to send ${what}`,
    async run(ctx) {
      const to = await freshRecipients(ctx, d, 1);
      const length = (limits.maxTextLength ?? limits.maxBodyBytes!) + 1;
      try {
        await ctx.gateway.send(d.sendInput(to, 'A'.repeat(length)));
      } catch {
        // Refusing the send outright keeps within the limits.
      }
      // Too big a body is refused before it is read, so it names no recipient: look at every request.
      const watch = Math.min(ctx.timeouts.settleMs, ctx.settings.retryWindowMs);
      const seen = async (): Promise<ServeEvent[]> =>
        (await ctx.requests({ provider: d.provider })).filter(
          (e) =>
            d.recipientsOf(e).some((r) => to.includes(r)) ||
            e.response?.status === 413 ||
            bodyBytesOf(e) > (limits.maxBodyBytes ?? Infinity),
        );
      await ctx
        .waitFor(
          'requests of the oversized send',
          async () => ((await seen()).length > 0 ? true : undefined),
          watch,
        )
        .catch(() => undefined);
      for (const entry of await seen()) {
        const failure = oversize(d, limits, entry);
        if (failure) ctx.fail(failure);
      }
    },
  };
}

/** The finding about a request over the provider's size limits, or undefined when it is within them. */
function oversize(
  d: ProviderContractDescriptor,
  limits: { maxTextLength?: number; maxBodyBytes?: number },
  entry: ServeEvent,
): FailureRecord | undefined {
  const bytes = bodyBytesOf(entry);
  const { maxBodyBytes, maxTextLength } = limits;
  if (maxBodyBytes !== undefined && (bytes > maxBodyBytes || entry.response?.status === 413)) {
    return {
      message: `the request body is ${bytes} bytes; ${d.provider} takes at most ${maxBodyBytes}`,
      pointer: '',
      value: bytes,
      subject: subjectOf(entry),
      rule: `${d.provider}: body of at most ${maxBodyBytes} bytes`,
    };
  }
  const text = maxTextLength !== undefined ? textOf(entry) : undefined;
  const characters = text === undefined ? 0 : [...text.value].length;
  if (text === undefined || maxTextLength === undefined || characters <= maxTextLength)
    return undefined;
  return {
    message: `${text.pointer} has ${characters} characters; ${d.provider} takes at most ${maxTextLength}`,
    pointer: text.pointer,
    value: `${text.value.slice(0, 40)}…`,
    subject: subjectOf(entry),
    rule: `${d.provider}: text of at most ${maxTextLength} characters`,
  };
}

/** The longest string in a journaled body and where it is (the message text, for size checks). */
function textOf(entry: ServeEvent): { pointer: string; value: string } | undefined {
  let best: { pointer: string; value: string } | undefined;
  const walk = (value: unknown, pointer: string): void => {
    if (typeof value === 'string') {
      if (!best || value.length > best.value.length) best = { pointer, value };
    } else if (Array.isArray(value)) value.forEach((v, i) => walk(v, `${pointer}/${i}`));
    else if (value !== null && typeof value === 'object')
      for (const [k, v] of Object.entries(value))
        walk(v, `${pointer}/${k.replaceAll('~', '~0').replaceAll('/', '~1')}`);
  };
  walk(bodyOf(entry) ?? entry.request.body, '');
  return best;
}

/** Never more requests in flight to the provider than the gateway's configured concurrency. */
function concurrencyLimit(d: ProviderContractDescriptor): ContractCase {
  return {
    id: `${d.provider}-concurrency-limit`,
    provider: d.provider,
    title: `never has more ${d.provider} requests in flight than its configured concurrency, with many sends at once against a slow provider`,
    requires: ['faults', 'concurrency-limit'],
    async run(ctx) {
      const limit = ctx.settings.concurrency!;
      const count = Math.min(limit * 2 + 1, 25);
      const to = await freshRecipients(ctx, d, count);
      await ctx.addFaults([
        {
          description: 'a slow provider, so requests pile up',
          match: { provider: d.provider, route: d.sendRoute, recipient: recipientPattern(to) },
          continue: true,
          then: { latency: { type: 'fixed', ms: ctx.settings.concurrencyHoldMs } },
        },
      ]);
      const sends = await Promise.allSettled(to.map((r) => ctx.gateway.send(d.sendInput([r]))));
      const refused = sends.filter((s) => s.status === 'rejected');
      if (refused.length === sends.length) {
        throw new Error(
          `precondition: the gateway refused all ${sends.length} sends (${String((refused[0] as PromiseRejectedResult).reason)})`,
        );
      }
      const entries = await awaitAllRecipients(
        ctx,
        d,
        to.filter((_, i) => sends[i]!.status === 'fulfilled'),
      );
      const { peak, requests } = peakOverlap(attemptsOf(entries));
      if (peak > limit) {
        ctx.fail({
          message: `${peak} requests to ${d.provider} were in flight at once; the gateway's limit is ${limit}`,
          pointer: '',
          value: requests,
          subject: `${entries.length} requests of ${count} simultaneous sends`,
          rule: `at most ${limit} requests in flight`,
        });
      }
    },
  };
}

/** The request-side common cases a descriptor supports, in the order they run. */
export function commonRequestCases(d: ProviderContractDescriptor): ContractCase[] {
  const { maxRecipients, maxTextLength, maxBodyBytes } = d.limits;
  return [
    payloadValid(d),
    authAccepted(d),
    ...(d.requestId ? [uniqueRequestIds(d, d.requestId)] : []),
    ...(maxRecipients !== undefined ? [batchLimit(d, maxRecipients)] : []),
    ...(maxTextLength !== undefined || maxBodyBytes !== undefined
      ? [sizeLimit(d, { maxTextLength, maxBodyBytes })]
      : []),
    concurrencyLimit(d),
  ];
}
