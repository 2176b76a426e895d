import type { RequestContext } from '../request-context.js';

/** Notes the recipients the request names (for fault matching and journal search); never fails. */
export function findRecipients(ctx: RequestContext): void {
  const extract = ctx.route!.definition.recipients;
  if (!extract) return;
  try {
    ctx.recipients = extract(ctx.request);
  } catch {
    ctx.recipients = [];
  }
}
