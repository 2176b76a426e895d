import type { ServeEvent } from '../journal/serve-event.js';
import { redactHeaders } from '../journal/redact.js';
import { previewMessage } from '../preview-message.js';
import type { RequestContext } from '../request-context.js';

/** Writes the request's story to the journal, secrets redacted. */
export function record(ctx: RequestContext): void {
  const { request, provider, engine } = ctx;
  const secrets = provider.secretFields;
  const event: Omit<ServeEvent, 'seq'> = {
    id: request.id,
    receivedAt: new Date(request.receivedAt).toISOString(),
    receivedAtMs: request.receivedAt,
    provider: provider.definition.id,
    route: ctx.route?.definition.id ?? null,
    request: {
      method: request.method,
      path: request.fullPath,
      // Most sends carry no query string: skip walking an empty one.
      query: request.query.size === 0 ? {} : Object.fromEntries(request.query),
      headers: redactHeaders(ctx.req.headers, secrets),
      // Bounded and redacted by the recorder, which measures the raw body.
      body: request.body,
    },
    recipients: ctx.recipients,
    diagnostics: ctx.diagnostics,
    faults: ctx.faults,
    response: ctx.response ? { status: ctx.response.status, body: ctx.response.body } : null,
    outcome: ctx.outcome,
    messages: ctx.messages.map((m) => {
      const preview = previewMessage(
        provider,
        m,
        request.body,
        engine.providerContext(provider),
        engine.logger,
      );
      return {
        id: m.id,
        recipient: m.recipient,
        ...(m.reference !== undefined && { reference: m.reference }),
        status: 'accepted',
        direction: 'outbound' as const,
        ...(preview && { preview }),
      };
    }),
    timing: {
      totalMs: Math.round((performance.now() - ctx.startedAt) * 100) / 100,
      ...(ctx.faultDelayMs > 0 && { faultDelayMs: ctx.faultDelayMs }),
    },
    ...(ctx.connectionFault && { connectionFault: ctx.connectionFault.type }),
    subEvents: ctx.subEvents,
  };
  ctx.journaled = engine.recorder.record(event, { rawBody: request.rawBody, secrets }).messages;
}
