import type { Clock } from '../clock.js';
import type { RingJournal } from '../journal/ring-journal.js';
import type { JournaledMessage } from '../journal/serve-event.js';
import type { Logger } from '../logger.js';
import { previewMessage } from '../preview-message.js';
import type { ProviderRuntime } from '../provider-runtime.js';
import type { ProviderContext } from '../types.js';
import type { SchemaRegistry } from '../validation/schema-registry.js';
import type { MessageLifecycle } from './message-lifecycle.js';

/** A problem with injected input, naming the field. */
export interface InboundProblem {
  pointer: string;
  detail: string;
}

/** What injecting a customer message did. */
export type InboundResult =
  | {
      ok: true;
      id: string;
      provider: string;
      messages: JournaledMessage[];
      targets: Record<string, string[]>;
    }
  | { ok: false; status: 400 | 404; problems: InboundProblem[] };

/** What injecting needs from the simulator. */
export interface InboundDeps {
  providers: readonly ProviderRuntime[];
  schemas: SchemaRegistry;
  journal: RingJournal;
  clock: Clock;
  lifecycle: MessageLifecycle;
  nextId(prefix: string): string;
  providerContext<S>(provider: ProviderRuntime<S>): ProviderContext<S>;
  logger: Logger;
}

/**
 * Turns `{provider, ...}` into that provider's inbound callback(s), as if a customer had written:
 * the input is checked against the provider's inbound schema, journaled as a request of route
 * `inbound`, and its callbacks go out at once.
 */
export function injectInbound(input: unknown, deps: InboundDeps): InboundResult {
  if (input === null || typeof input !== 'object' || Array.isArray(input)) {
    return {
      ok: false,
      status: 400,
      problems: [
        { pointer: '', detail: 'the body must be a JSON object with at least "provider"' },
      ],
    };
  }
  const { provider: providerId, ...rest } = input as Record<string, unknown>;
  const withInbound = deps.providers
    .filter((p) => p.definition.inbound)
    .map((p) => p.definition.id);
  const provider = deps.providers.find((p) => p.definition.id === providerId);
  if (typeof providerId !== 'string' || !provider?.definition.inbound) {
    return {
      ok: false,
      status: 400,
      problems: [
        {
          pointer: '/provider',
          detail: `provider must be one of ${withInbound.join(', ') || '(none served)'}, got ${JSON.stringify(providerId)}`,
        },
      ],
    };
  }
  const inbound = provider.definition.inbound;
  const diagnostics = deps.schemas
    .validate(inbound.schema, rest)
    .filter((d) => d.severity === 'error');
  if (diagnostics.length > 0) {
    return {
      ok: false,
      status: 400,
      problems: diagnostics.map((d) => ({ pointer: d.pointer, detail: d.message })),
    };
  }
  const accepted = inbound.accept(rest, deps.providerContext(provider));
  if ('error' in accepted)
    return {
      ok: false,
      status: 400,
      problems: [{ pointer: accepted.pointer, detail: accepted.error }],
    };

  const now = deps.clock.now();
  const id = deps.nextId('inb_');
  const context = deps.providerContext(provider);
  const messages: JournaledMessage[] = accepted.messages.map(({ message }) => {
    const preview = previewMessage(provider, message, rest, context, deps.logger);
    return {
      id: message.id,
      recipient: message.recipient,
      ...(message.reference !== undefined && { reference: message.reference }),
      status: 'inbound',
      direction: 'inbound' as const,
      ...(preview && { preview }),
    };
  });
  const targets: Record<string, string[]> = {};
  for (const { message, step } of accepted.messages) {
    if (step.callback)
      targets[step.callback] = deps.lifecycle.targetsFor(provider, step.callback, message);
  }
  const entry = deps.journal.add({
    id,
    receivedAt: new Date(now).toISOString(),
    receivedAtMs: now,
    provider: provider.definition.id,
    route: 'inbound',
    request: { method: 'POST', path: '/__admin/inbound', query: {}, headers: {}, body: input },
    recipients: accepted.messages.map(({ message }) => message.recipient),
    diagnostics: [],
    faults: [],
    response: { status: 202, body: { id } },
    outcome: 'accepted',
    messages,
    timing: { totalMs: 0 },
    subEvents: [],
  });
  accepted.messages.forEach(({ message, step }, i) => {
    deps.lifecycle.emit(provider, message, entry.messages[i] ?? messages[i]!, step, id);
  });
  return { ok: true, id, provider: provider.definition.id, messages, targets };
}
