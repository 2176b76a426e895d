/**
 * Common cases about what a gateway does when the provider fails it: retries on server errors and
 * timeouts with backoff, no retry of a business failure, and backing off on 429.
 */
import { attemptsOf, waitsBetween, type Attempt } from '../src/contracts/attempt-timeline.js';
import { subjectOf } from '../src/contracts/journal-entry.js';
import type { ProviderContractDescriptor } from '../src/contracts/provider-descriptor.js';
import {
  faultsFor,
  quietCallbacks,
  requestsTo,
  triggerSend,
  watchRequestsTo,
} from '../src/contracts/sent-messages.js';
import type { CaseContext, ContractCase } from '../src/contracts/types.js';
import type { ServeEvent } from '../src/index.js';

/** Attempts as report values: request id, status (or the broken connection) and arrival offset. */
function timeline(attempts: readonly Attempt[]): string[] {
  const start = attempts[0]?.startMs ?? 0;
  return attempts.map(
    (a) => `${a.request} +${a.startMs - start} ms: ${a.connectionFault ?? a.status ?? 'no answer'}`,
  );
}

/** Sends to a fresh recipient with `faults` on its requests; resolves to the recipient. */
async function sendWithFaults(
  ctx: CaseContext,
  d: ProviderContractDescriptor,
  faults: readonly Record<string, unknown>[],
): Promise<string> {
  const to = d.recipient(ctx.sequence());
  await quietCallbacks(ctx, d, [to]);
  await faultsFor(ctx, d, to, faults);
  try {
    await triggerSend(ctx, d, [to], { quiet: false });
  } catch {
    // A gateway may answer its caller with an error once it gives up; the journal is the evidence.
  }
  return to;
}

/**
 * Waits for an accepted request to `to`; resolves to every attempt, accepted or not (the caller
 * judges). Throws (the case errors) when the provider refused an attempt for a reason of its own:
 * a send it never accepts says nothing about retries.
 */
async function attemptsUntilAccepted(
  ctx: CaseContext,
  d: ProviderContractDescriptor,
  to: string,
  timeoutMs: number,
): Promise<{ attempts: Attempt[]; accepted: boolean }> {
  const isAccepted = (e: ServeEvent): boolean => e.outcome === 'accepted' && !e.connectionFault;
  const entries =
    (await watchRequestsTo(
      ctx,
      d,
      [to],
      (found) => found.some((e) => isAccepted(e) || e.outcome === 'rejected'),
      timeoutMs,
    )) ?? (await requestsTo(ctx, d, [to]));
  const refused = entries.find((e) => e.outcome === 'rejected');
  if (refused && !entries.some(isAccepted)) {
    throw new Error(
      `precondition: the provider refused ${subjectOf(refused)} with ${refused.response?.status ?? 'no answer'} (${JSON.stringify(refused.response?.body)?.slice(0, 200)}), not a fault this case injected; it needs sends the provider accepts`,
    );
  }
  return { attempts: attemptsOf(entries), accepted: entries.some(isAccepted) };
}

/** Records a failure for each retry that came sooner than the minimum backoff after the failed answer. */
function expectBackoff(
  ctx: CaseContext,
  attempts: readonly Attempt[],
  after: string,
  minimumMs = ctx.settings.minRetryDelayMs,
): void {
  const waits = waitsBetween(attempts);
  waits.forEach((wait, i) => {
    if (wait < minimumMs) {
      ctx.fail({
        message: `the gateway retried ${wait} ms after ${after}; expected a wait of at least ${minimumMs} ms`,
        pointer: '',
        value: timeline(attempts),
        subject: `request ${attempts[i + 1]!.request}`,
        rule: `back off at least ${minimumMs} ms before a retry`,
      });
    } else if (i > 0 && wait < waits[i - 1]! / 2) {
      ctx.fail({
        message: `the wait before retry ${i + 1} (${wait} ms) is under half the one before (${waits[i - 1]} ms); backoff must not shrink`,
        pointer: '',
        value: timeline(attempts),
        subject: `request ${attempts[i + 1]!.request}`,
        rule: 'backoff does not shrink',
      });
    }
  });
}

/** Records a failure when the gateway sent the message again after the provider accepted it. */
function expectNoResendAfterAcceptance(ctx: CaseContext, attempts: readonly Attempt[]): void {
  const accepted = attempts.filter((a) => a.outcome === 'accepted' && !a.connectionFault);
  if (accepted.length > 1) {
    ctx.fail({
      message: `the provider accepted the message ${accepted.length} times; a gateway stops retrying once a request is accepted`,
      pointer: '',
      value: timeline(attempts),
      subject: `request ${accepted[1]!.request}`,
      rule: 'no retry after acceptance',
    });
  }
}

/** Two server errors, then success: the gateway retries with backoff until accepted. */
function retryOnServerError(d: ProviderContractDescriptor): ContractCase {
  return {
    id: `${d.provider}-retry-on-server-error`,
    provider: d.provider,
    title: `retries a ${d.provider} send answered with server errors (5xx), backing off, until it is accepted`,
    requires: ['faults'],
    async run(ctx) {
      const to = await sendWithFaults(ctx, d, [
        { match: { times: 2 }, then: { error: 'server_error' } },
      ]);
      const { attempts, accepted } = await attemptsUntilAccepted(
        ctx,
        d,
        to,
        ctx.timeouts.settleMs + ctx.settings.retryWindowMs,
      );
      if (!accepted) {
        ctx.fail({
          message: `after ${Math.min(2, attempts.length)} server error answer(s) the gateway made ${attempts.length} request(s) for ${to} and none was accepted; expected retries until one was`,
          pointer: '',
          value: timeline(attempts),
          subject: `send to ${to}`,
          rule: 'retry on 5xx',
        });
        return;
      }
      expectBackoff(ctx, attempts, 'a server error');
      expectNoResendAfterAcceptance(ctx, attempts);
    },
  };
}

/** A request never answered: the gateway gives up on it and sends again. */
function retryOnTimeout(d: ProviderContractDescriptor): ContractCase {
  return {
    id: `${d.provider}-retry-on-timeout`,
    provider: d.provider,
    title: `sends again when a ${d.provider} request is never answered (the connection is held, then dropped)`,
    requires: ['faults'],
    async run(ctx) {
      const holdMs = ctx.settings.timeoutHoldMs;
      const to = await sendWithFaults(ctx, d, [
        { match: { times: 1 }, then: { timeout: { holdMs } } },
      ]);
      const entries =
        (await watchRequestsTo(
          ctx,
          d,
          [to],
          (found) => found.length >= 2,
          ctx.timeouts.settleMs + holdMs + ctx.settings.retryWindowMs,
        )) ?? (await requestsTo(ctx, d, [to]));
      if (entries.length < 2) {
        ctx.fail({
          message: `the simulator never answered ${entries[0]?.id ?? 'the request'} (it held the connection ${holdMs} ms, then dropped it) and the gateway sent no other request for ${to}`,
          pointer: '',
          value: timeline(attemptsOf(entries)),
          subject: `send to ${to}`,
          rule: 'retry on timeouts',
        });
      }
    },
  };
}

/** A business failure (the provider refuses the message itself) is final. */
function noRetryOfBusinessFailure(d: ProviderContractDescriptor): ContractCase {
  return {
    id: `${d.provider}-no-retry-on-business-failure`,
    provider: d.provider,
    title: `does not retry a ${d.provider} send the provider refused as a business failure (${d.businessError})`,
    requires: ['faults'],
    async run(ctx) {
      const to = await sendWithFaults(ctx, d, [{ then: { error: d.businessError } }]);
      const first = await watchRequestsTo(ctx, d, [to], (found) => found.length > 0);
      if (!first) throw new Error(`precondition: the gateway made no request for ${to}`);
      await new Promise((resolve) => setTimeout(resolve, ctx.settings.retryWindowMs));
      const attempts = attemptsOf(await requestsTo(ctx, d, [to]));
      if (attempts.length > 1) {
        ctx.fail({
          message: `the gateway sent ${attempts.length} requests for ${to} after the provider refused it with ${attempts[0]!.status} (${d.businessError}); a business failure is final`,
          pointer: '',
          value: timeline(attempts),
          subject: `send to ${to}`,
          rule: 'no retry of a business failure',
        });
      }
    },
  };
}

/** A 429 is retried later: after the client's own backoff, or after Retry-After when it is given. */
function backoffOnThrottle(d: ProviderContractDescriptor): ContractCase {
  return {
    id: `${d.provider}-backoff-on-throttle`,
    provider: d.provider,
    title: `retries a ${d.provider} send answered 429 only after backing off, waiting at least Retry-After when the answer gives it`,
    requires: ['faults'],
    async run(ctx) {
      const window = ctx.timeouts.settleMs + ctx.settings.retryWindowMs;
      const plain = await sendWithFaults(ctx, d, [
        { match: { times: 1 }, then: { error: 'throttled' } },
      ]);
      const first = await attemptsUntilAccepted(ctx, d, plain, window);
      if (!first.accepted) {
        ctx.fail({
          message: `after a 429 the gateway made ${first.attempts.length} request(s) for ${plain} and none was accepted; expected a retry after backing off`,
          pointer: '',
          value: timeline(first.attempts),
          subject: `send to ${plain}`,
          rule: 'retry after 429',
        });
      } else {
        expectBackoff(ctx, first.attempts, 'a 429');
      }

      // Retry-After is HTTP's own (RFC 9110), whatever the provider's body; the body stays native.
      const seconds = ctx.settings.retryAfterSeconds;
      const nativeBody =
        (await requestsTo(ctx, d, [plain])).find((e) => e.response?.status === 429)?.response
          ?.body ?? {};
      const told = await sendWithFaults(ctx, d, [
        {
          match: { times: 1 },
          then: {
            respond: { status: 429, headers: { 'retry-after': String(seconds) }, body: nativeBody },
          },
        },
      ]);
      const second = await attemptsUntilAccepted(ctx, d, told, window + seconds * 1000);
      if (!second.accepted) {
        ctx.fail({
          message: `after a 429 with Retry-After: ${seconds} the gateway made ${second.attempts.length} request(s) for ${told} and none was accepted; expected a retry once ${seconds} s had passed`,
          pointer: '',
          value: timeline(second.attempts),
          subject: `send to ${told}`,
          rule: 'retry after 429',
        });
        return;
      }
      // A little slack: the gateway's clock starts when it reads the answer, ours when it was sent.
      expectBackoff(
        ctx,
        second.attempts.slice(0, 2),
        `a 429 with Retry-After: ${seconds}`,
        seconds * 1000 - 50,
      );
    },
  };
}

/** The delivery common cases, in the order they run. */
export function commonDeliveryCases(d: ProviderContractDescriptor): ContractCase[] {
  return [
    retryOnServerError(d),
    retryOnTimeout(d),
    noRetryOfBusinessFailure(d),
    backoffOnThrottle(d),
  ];
}
