import type { ServeEvent } from '../engine/journal/serve-event.js';
import { subjectOf } from './journal-entry.js';
import type { ProviderContractDescriptor, SentMessage } from './provider-descriptor.js';
import type { CaseContext } from './types.js';
import { WaitTimeoutError } from './wait-for.js';

/** How to make one tracked send. */
export interface TrackedSendOptions {
  /** Text of the message; default a short OTP. */
  text?: string;
  /**
   * Drop the simulator's own callbacks for this recipient (default true, when the simulator has
   * fault rules), so the callbacks a case fires are the only ones the gateway gets about it.
   */
  quiet?: boolean;
  /** Fault rules for requests to this recipient (its `match.recipient` is filled in), added after the quiet rule. */
  faults?: readonly Record<string, unknown>[];
}

const plain = (number: string): string => number.replace(/^\+/, '');
const escapeRegex = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** A recipient pattern matching exactly `numbers` (a leading `+` ignored, as the simulator does). */
export function recipientPattern(numbers: readonly string[]): { regex: string } {
  return { regex: `^(?:${numbers.map((n) => escapeRegex(plain(n))).join('|')})$` };
}

/** Adds a rule dropping the simulator's callbacks for requests to any of `numbers`. */
export async function quietCallbacks(
  ctx: CaseContext,
  descriptor: ProviderContractDescriptor,
  numbers: readonly string[],
): Promise<void> {
  await ctx.addFaults([
    {
      description: 'the suite fires its own callbacks for these recipients',
      match: { provider: descriptor.provider, recipient: recipientPattern(numbers) },
      continue: true,
      then: { callbacks: { drop: 1 } },
    },
  ]);
}

/** Adds `rules` for sends to `to` only, each matched on the provider, its send route and the recipient. */
export async function faultsFor(
  ctx: CaseContext,
  descriptor: ProviderContractDescriptor,
  to: string,
  rules: readonly Record<string, unknown>[],
): Promise<void> {
  if (rules.length === 0) return;
  await ctx.addFaults(
    rules.map((rule) => ({
      ...rule,
      match: {
        ...(rule.match as Record<string, unknown> | undefined),
        provider: descriptor.provider,
        route: descriptor.sendRoute,
        recipient: { exact: plain(to) },
      },
    })),
  );
}

/** Journal entries since the case started that name any of `to`, oldest first. */
export async function requestsTo(
  ctx: CaseContext,
  descriptor: ProviderContractDescriptor,
  to: readonly string[],
): Promise<ServeEvent[]> {
  const wanted = new Set(to.map(plain));
  // One recipient can be filtered by the simulator, which keeps remote journal reads small.
  const query = {
    provider: descriptor.provider,
    ...(to.length === 1 && { recipient: plain(to[0]!) }),
  };
  return (await ctx.requests(query)).filter((entry) =>
    entry.recipients.some((r) => wanted.has(plain(r))),
  );
}

/**
 * Waits until `check` accepts the entries naming `to`; resolves to them, or to undefined when
 * `timeoutMs` passed first (the caller decides whether that is a failure).
 */
export async function watchRequestsTo(
  ctx: CaseContext,
  descriptor: ProviderContractDescriptor,
  to: readonly string[],
  check: (entries: ServeEvent[]) => boolean,
  timeoutMs = ctx.timeouts.settleMs,
): Promise<ServeEvent[] | undefined> {
  try {
    return await ctx.waitFor(
      `requests to ${to.join(', ')}`,
      async () => {
        const entries = await requestsTo(ctx, descriptor, to);
        return check(entries) ? entries : undefined;
      },
      timeoutMs,
    );
  } catch (error) {
    if (error instanceof WaitTimeoutError) return undefined;
    throw error;
  }
}

/** Asks the gateway to send to `to` after adding the quiet and fault rules; resolves to the gateway's ids. */
export async function triggerSend(
  ctx: CaseContext,
  descriptor: ProviderContractDescriptor,
  to: readonly string[],
  options: TrackedSendOptions = {},
): Promise<string[]> {
  if ((options.quiet ?? true) && ctx.simulator.faults) await quietCallbacks(ctx, descriptor, to);
  if (options.faults?.length) {
    if (to.length !== 1) throw new Error('faults can be scoped to a one-recipient send only');
    await faultsFor(ctx, descriptor, to[0]!, options.faults);
  }
  const { ids } = await ctx.gateway.send(descriptor.sendInput([...to], options.text));
  return ids;
}

/**
 * Sends one message to a fresh recipient and waits for the request the simulator accepted for it.
 * Throws (the case errors) when a precondition fails: no id from the gateway, no accepted request,
 * or no reference for callbacks.
 */
export async function sendTracked(
  ctx: CaseContext,
  descriptor: ProviderContractDescriptor,
  options: TrackedSendOptions = {},
): Promise<SentMessage> {
  const to = descriptor.recipient(ctx.sequence());
  const ids = await triggerSend(ctx, descriptor, [to], options);
  if (ids.length !== 1) {
    throw new Error(
      `precondition: the gateway reported ${ids.length} message ids for a one-recipient send to ${to}; expected 1`,
    );
  }
  const entries = await ctx.waitFor(`an accepted request to ${to}`, async () => {
    const found = await requestsTo(ctx, descriptor, [to]);
    return found.some((e) => e.outcome === 'accepted') || (found.length > 0 && !options.faults)
      ? found
      : undefined;
  });
  const entry = entries.find((e) => e.outcome === 'accepted');
  if (!entry) {
    const refused = entries[0]!;
    throw new Error(
      `precondition: the simulator refused ${subjectOf(refused)} with ${refused.response?.status ?? 'no answer'} (${JSON.stringify(refused.response?.body)?.slice(0, 300)}); this case needs an accepted send`,
    );
  }
  const reference = descriptor.referenceOf(entry, to);
  if (reference === undefined || reference === '') {
    throw new Error(`precondition: ${subjectOf(entry)} carries no id for callbacks to refer to`);
  }
  return { id: ids[0]!, to: [to], entry, reference };
}
