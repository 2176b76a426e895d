import type { Clock } from '../clock.js';
import type { JournaledMessage, ServeEvent } from '../journal/serve-event.js';
import type { Logger } from '../logger.js';
import { previewMessage } from '../preview-message.js';
import type { ProviderRuntime } from '../provider-runtime.js';
import type { InboundMessage, ProviderContext } from '../types.js';
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
  journal: { add(entry: Omit<ServeEvent, 'seq'>): ServeEvent };
  clock: Clock;
  lifecycle: MessageLifecycle;
  nextId(prefix: string): string;
  providerContext<S>(provider: ProviderRuntime<S>): ProviderContext<S>;
  logger: Logger;
}

/** An input the provider accepted, ready to journal and report. */
export interface AcceptedInbound {
  provider: ProviderRuntime;
  /** The input without `provider`. */
  rest: Record<string, unknown>;
  accepted: { messages: InboundMessage[] };
}

/** Checks `{provider, ...}` against the provider's inbound schema and lets the provider accept it. */
export function acceptInbound(
  input: unknown,
  deps: InboundDeps,
): AcceptedInbound | Extract<InboundResult, { ok: false }> {
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
  return { provider, rest, accepted };
}

/** The journal entry of an accepted input `id`, and where its callbacks go. */
export function describeInbound(
  input: unknown,
  { provider, rest, accepted }: AcceptedInbound,
  id: string,
  deps: InboundDeps,
): {
  entry: Omit<ServeEvent, 'seq'>;
  messages: JournaledMessage[];
  targets: Record<string, string[]>;
} {
  const now = deps.clock.now();
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
  const entry = {
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
    outcome: 'accepted' as const,
    messages,
    timing: { totalMs: 0 },
    subEvents: [],
  };
  return { entry, messages, targets };
}

/**
 * Turns `{provider, ...}` into that provider's inbound callback(s), as if a customer had written:
 * the input is checked against the provider's inbound schema, journaled as a request of route
 * `inbound`, and its callbacks go out at once.
 */
export function injectInbound(input: unknown, deps: InboundDeps): InboundResult {
  const checked = acceptInbound(input, deps);
  if ('ok' in checked) return checked;
  const { provider, accepted } = checked;
  const id = deps.nextId('inb_');
  const { entry: described, messages, targets } = describeInbound(input, checked, id, deps);
  const entry = deps.journal.add(described);
  accepted.messages.forEach(({ message, step }, i) => {
    deps.lifecycle.emit(provider, message, entry.messages[i] ?? messages[i]!, step, id);
  });
  return { ok: true, id, provider: provider.definition.id, messages, targets };
}
