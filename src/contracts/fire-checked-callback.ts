import type { CallbackAnswer, CaseContext } from './types.js';

/** A callback the suite is about to fire. */
export interface CheckedCallback {
  /** Schema id the body must satisfy, e.g. `sinch-sms/dlr-callback`. */
  schema: string;
  url: string;
  body: unknown;
  headers?: Record<string, string>;
}

/**
 * Validates the body against its schema, then fires it: the suite must never send a callback the
 * provider could not have sent. An invalid body throws (the case errors; the suite is at fault).
 */
export async function fireCheckedCallback(
  ctx: CaseContext,
  callback: CheckedCallback,
): Promise<CallbackAnswer> {
  const problems = ctx.simulator.schemas.validate(callback.schema, callback.body);
  if (problems.length > 0) {
    throw new Error(
      `the suite built a callback that breaks ${callback.schema}: ${problems.map((p) => p.message).join('; ')}`,
    );
  }
  return ctx.fireCallback(callback.url, callback.body, callback.headers);
}
