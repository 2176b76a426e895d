import type { ProviderRuntime } from '../../provider-runtime.js';
import type { AcceptedMessage, ProviderContext } from '../../types.js';
import type { CallbackServices, CallbackStage, StatusFlow } from '../callback-flow.js';
import { journalOffset } from '../journal-offset.js';

/** Fills `{provider}` and `{kind}` in a target, so one URL can serve every provider and kind. */
export function fillPlaceholders(target: string, providerId: string, kind: string): string {
  if (!target.includes('{')) return target;
  return target.replaceAll('{provider}', providerId).replaceAll('{kind}', kind);
}

/**
 * Where callbacks of `kind` for `message` go: the request's own choice, else the provider's
 * decision (e.g. registered webhooks), else the provider's configured URL, else the default.
 * Placeholders are filled in whichever of them answered.
 */
export function targetsFor(
  provider: ProviderRuntime,
  kind: string,
  message: AcceptedMessage | undefined,
  context: ProviderContext,
  defaultCallbackUrl: string | undefined,
): string[] {
  const id = provider.definition.id;
  const own = message?.callbackTargets?.[kind];
  if (own) return [fillPlaceholders(own, id, kind)];
  const decided = provider.definition.callbackTargets?.(kind, message, context);
  if (decided) return decided.map((target) => fillPlaceholders(target, id, kind));
  const configured = provider.config.callbacks[kind] ?? defaultCallbackUrl;
  return configured ? [fillPlaceholders(configured, id, kind)] : [];
}

/** Finds the targets; with none, the skip is journaled and the flow ends. */
export const resolveTargets: CallbackStage<StatusFlow> = {
  name: 'resolve-targets',
  run(flow: StatusFlow, services: CallbackServices): boolean {
    const { provider, kind, message, serveEventId } = flow;
    flow.targets = targetsFor(
      provider,
      kind,
      message,
      services.providerContext(provider),
      services.defaultCallbackUrl,
    );
    if (flow.targets.length > 0) return true;
    const id = provider.definition.id;
    services.journal.addSubEvent(serveEventId, {
      type: 'callback-skipped',
      offsetMs: journalOffset(services.journal, serveEventId, services.clock.now()),
      kind,
      messageId: message.id,
      reason: `no callback URL for ${id} ${kind} (set --callback-url or providers.${id}.callbacks.${kind})`,
    });
    return false;
  },
};
