import {
  acceptInbound,
  describeInbound,
  type AcceptedInbound,
  type InboundDeps,
  type InboundResult,
} from './lifecycle/inject-inbound.js';
import type { EngineServices } from './request-context.js';
import { assignId, recordEntry, runStory, type Story, type StoryStage } from './stages/story.js';

/** A customer message injected through the admin API or the CLI, on its way through the stages. */
export interface InboundContext extends Story {
  readonly input: unknown;
  readonly deps: InboundDeps;
  accepted?: AcceptedInbound;
  result?: InboundResult;
}

/** Checks the input and lets the provider accept it; a refusal is the result. */
function accept(ctx: InboundContext): void {
  const checked = acceptInbound(ctx.input, ctx.deps);
  if ('ok' in checked) {
    ctx.result = checked;
    ctx.done = true;
  } else {
    ctx.accepted = checked;
  }
}

/** Builds the journal entry and finds the callback targets. */
function describe(ctx: InboundContext): void {
  const described = describeInbound(ctx.input, ctx.accepted!, ctx.id!, ctx.deps);
  ctx.entry = described.entry;
  ctx.result = {
    ok: true,
    id: ctx.id!,
    provider: ctx.accepted!.provider.definition.id,
    messages: described.messages,
    targets: described.targets,
  };
}

/** Sends the provider's inbound callbacks now. */
function emit(ctx: InboundContext): void {
  const { provider, accepted } = ctx.accepted!;
  const messages = ctx.recorded?.messages ?? ctx.entry!.messages;
  accepted.messages.forEach(({ message, step }, i) => {
    ctx.deps.lifecycle.emit(provider, message, messages[i]!, step, ctx.id!);
  });
}

/** The path of an injected customer message, in order. */
export const INBOUND_STAGES: readonly StoryStage<InboundContext>[] = [
  { name: 'accept-inbound', run: accept },
  { name: 'assign-id', run: assignId },
  { name: 'describe-inbound', run: describe },
  { name: 'record', run: recordEntry },
  { name: 'emit-callbacks', run: emit },
];

/** Injects `{provider, ...}` as if a customer had written: journaled, its callbacks sent at once. */
export function serveInbound(engine: EngineServices, input: unknown): InboundResult {
  const deps: InboundDeps = {
    providers: engine.providers,
    schemas: engine.schemas,
    journal: { add: (entry) => engine.recorder.record(entry) },
    clock: engine.clock,
    lifecycle: engine.lifecycle,
    nextId: (prefix) => engine.streams.ids.next(prefix),
    providerContext: (provider) => engine.providerContext(provider),
    logger: engine.logger,
  };
  const ctx = runStory<InboundContext>(
    { engine, input, deps, idPrefix: 'inb_', trace: [] },
    INBOUND_STAGES,
  );
  return ctx.result!;
}
