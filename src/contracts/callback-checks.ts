import type { BuiltCallback, ProviderContractDescriptor } from './provider-descriptor.js';
import type { CallbackAnswer, CaseContext } from './types.js';
import { WaitTimeoutError } from './wait-for.js';

/** What came of one callback the suite fired: the gateway's answer, or the transport error instead. */
export type FiredCallback = { url: string; what: string } & (
  { answer: CallbackAnswer } | { error: string }
);

/**
 * Checks `built.body` against `schema` (the suite must never send what the provider could not),
 * signs it when the provider signs callbacks, and fires it at the gateway's URL for `kind`.
 * An invalid body throws: the case errors, since the suite is at fault.
 */
export async function fireBuiltCallback(
  ctx: CaseContext,
  descriptor: ProviderContractDescriptor,
  callback: { kind: string; schema: string; what: string } & BuiltCallback,
): Promise<FiredCallback> {
  const problems = ctx.simulator.schemas.validate(callback.schema, callback.body);
  if (problems.length > 0) {
    throw new Error(
      `the suite built a callback that breaks ${callback.schema}: ${problems.map((p) => p.message).join('; ')}`,
    );
  }
  const url = ctx.gateway.callbackUrl(descriptor.provider, callback.kind);
  const headers = {
    ...descriptor.signCallback?.(callback.kind, JSON.stringify(callback.body)),
    ...callback.headers,
  };
  const started = performance.now();
  try {
    const answer = await ctx.fireCallback(url, callback.body, headers);
    return {
      url,
      what: callback.what,
      answer: {
        ...answer,
        durationMs: answer.durationMs ?? Math.round(performance.now() - started),
      },
    };
  } catch (error) {
    return { url, what: callback.what, error: (error as Error).message };
  }
}

/** `text` parsed as JSON when it is JSON, else its first 300 characters. */
function readable(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text.slice(0, 300);
  }
}

/** Records a failure unless the gateway answered `fired` with 2xx within the callback deadline. */
export function expectAcknowledged(ctx: CaseContext, fired: FiredCallback): boolean {
  const deadline = ctx.settings.callbackDeadlineMs;
  const subject = `callback to ${fired.url}`;
  if ('error' in fired) {
    ctx.fail({
      message: `the gateway did not answer ${fired.what} (${fired.error}); a callback not acknowledged with 2xx is retried or lost`,
      pointer: '',
      subject,
      rule: 'acknowledge callbacks with 2xx',
    });
    return false;
  }
  const { status, body, durationMs = 0 } = fired.answer;
  if (status < 200 || status >= 300) {
    ctx.fail({
      message: `the gateway answered ${status} to ${fired.what}; a callback not acknowledged with 2xx is retried or lost`,
      pointer: '',
      value: { status, body: readable(body) },
      subject,
      rule: 'acknowledge callbacks with 2xx',
    });
    return false;
  }
  if (durationMs > deadline) {
    ctx.fail({
      message: `the gateway took ${durationMs} ms to acknowledge ${fired.what}; the deadline is ${deadline} ms (providers time out and retry)`,
      pointer: '',
      value: durationMs,
      subject,
      rule: `acknowledge callbacks within ${deadline} ms`,
    });
    return false;
  }
  return true;
}

/** Waits for the probe to show `expected` for message `id`; records a failure naming the last status seen. */
export async function expectStatus(
  ctx: CaseContext,
  id: string,
  expected: string,
  why: string,
): Promise<void> {
  let last: string | undefined;
  try {
    await ctx.waitFor(`status ${expected} of message ${id}`, async () => {
      last = await ctx.gateway.status!(id);
      return last === expected ? last : undefined;
    });
  } catch (error) {
    if (!(error instanceof WaitTimeoutError)) throw error;
    ctx.fail({
      message: `message ${id} is ${JSON.stringify(last)} ${why}; expected "${expected}"`,
      pointer: '/status',
      value: last,
      subject: `gateway message ${id}`,
      rule: 'status follows the callbacks',
    });
  }
}

/** After the grace pause, records a failure unless the probe still shows `expected` for `id`. */
export async function expectStatusStays(
  ctx: CaseContext,
  id: string,
  expected: string | undefined,
  why: string,
): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, ctx.timeouts.graceMs));
  const after = await ctx.gateway.status!(id);
  if (after !== expected) {
    ctx.fail({
      message: `${why} moved message ${id} from ${JSON.stringify(expected)} to ${JSON.stringify(after)}`,
      pointer: '/status',
      value: after,
      subject: `gateway message ${id}`,
      rule: 'a status never moves back',
    });
  }
}
