import type { RequestContext } from '../request-context.js';

/** Notes the recipients the request names (for fault matching and journal search); never fails. */
export function findRecipients(ctx: RequestContext): void {
  const route = ctx.route!.definition;
  if (!route.recipients) return;
  try {
    ctx.recipients = route.recipients(ctx.request);
  } catch {
    ctx.recipients = [];
  }
}
