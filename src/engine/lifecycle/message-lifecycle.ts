import type { Clock } from '../clock.js';
import { CallbackBatcher } from '../dispatcher/callback-batcher.js';
import type { CallbackDispatcher } from '../dispatcher/callback-dispatcher.js';
import type { RingJournal } from '../journal/ring-journal.js';
import type { JournaledMessage } from '../journal/serve-event.js';
import type { Logger } from '../logger.js';
import type { ProviderRuntime } from '../provider-runtime.js';
import type { Scheduler } from '../scheduler.js';
import type { AcceptedMessage, CallbackEvent, LifecycleStep, ProviderContext } from '../types.js';

/** What the lifecycle needs from the simulator. */
export interface LifecycleDeps {
  clock: Clock;
  scheduler: Scheduler;
  journal: RingJournal;
  logger: Logger;
  dispatcher: CallbackDispatcher;
  /** Target of every callback kind without a more specific one. */
  defaultCallbackUrl?: string;
  nextId(prefix: string): string;
  providerContext<S>(provider: ProviderRuntime<S>): ProviderContext<S>;
}

interface Grouped {
  provider: ProviderRuntime;
  target: string;
  event: CallbackEvent;
}

/** Moves accepted messages through their provider's status steps and hands callbacks to the dispatcher. */
export class MessageLifecycle {
  private readonly batcher: CallbackBatcher<Grouped>;

  constructor(private readonly deps: LifecycleDeps) {
    this.batcher = new CallbackBatcher(deps.scheduler, (_key, items) => this.send(items));
  }

  /** Schedules every step of `message`, which the journal entry `serveEventId` created. */
  track(
    provider: ProviderRuntime,
    message: AcceptedMessage,
    journaled: JournaledMessage,
    serveEventId: string,
  ): void {
    const steps = provider.definition.lifecycle(message, this.deps.providerContext(provider));
    for (const step of steps) {
      this.deps.scheduler.after(step.afterMs, () =>
        this.reach(provider, message, journaled, step, serveEventId),
      );
    }
  }

  /**
   * Where callbacks of `kind` for `message` go: the request's own choice, else the provider's
   * decision (e.g. registered webhooks), else the provider's configured URL, else the default.
   */
  targetsFor(provider: ProviderRuntime, kind: string, message?: AcceptedMessage): string[] {
    const own = message?.callbackTargets?.[kind];
    if (own) return [own];
    const decided = provider.definition.callbackTargets?.(
      kind,
      message,
      this.deps.providerContext(provider),
    );
    if (decided) return decided;
    const configured = provider.config.callbacks[kind] ?? this.deps.defaultCallbackUrl;
    return configured ? [configured] : [];
  }

  /** Reaches `step` for `message` now (an inbound message, or a status forced from outside). */
  emit(
    provider: ProviderRuntime,
    message: AcceptedMessage,
    journaled: JournaledMessage,
    step: LifecycleStep,
    serveEventId: string,
  ): void {
    this.reach(provider, message, journaled, step, serveEventId);
  }

  private offset(serveEventId: string): number {
    const entry = this.deps.journal.get(serveEventId);
    return entry ? this.deps.clock.now() - entry.receivedAtMs : 0;
  }

  private reach(
    provider: ProviderRuntime,
    message: AcceptedMessage,
    journaled: JournaledMessage,
    step: LifecycleStep,
    serveEventId: string,
  ): void {
    journaled.status = step.status;
    this.deps.journal.addSubEvent(serveEventId, {
      type: 'status',
      offsetMs: this.offset(serveEventId),
      messageId: message.id,
      status: step.status,
      ...(step.code !== undefined && { code: step.code, description: step.description }),
    });
    if (!step.callback) return;
    const kind = step.callback;
    const targets = this.targetsFor(provider, kind, message);
    if (targets.length === 0) {
      this.deps.journal.addSubEvent(serveEventId, {
        type: 'callback-skipped',
        offsetMs: this.offset(serveEventId),
        kind,
        messageId: message.id,
        reason: `no callback URL for ${provider.definition.id} ${kind} (set --callback-url or providers.${provider.definition.id}.callbacks.${kind})`,
      });
      return;
    }
    const event: CallbackEvent = { kind, message, step, at: this.deps.clock.now(), serveEventId };
    for (const target of targets) {
      this.batcher.add(
        `${provider.definition.id}\u0000${kind}\u0000${target}`,
        { provider, target, event },
        provider.config.callbackBatch,
      );
    }
  }

  private send(items: Grouped[]): void {
    const { provider, target } = items[0]!;
    const kind = items[0]!.event.kind;
    const events = items.map((i) => i.event);
    let prepared;
    try {
      prepared = provider.definition.callbacks[kind]!.build(
        events,
        this.deps.providerContext(provider),
        target,
      );
    } catch (error) {
      this.deps.logger.error('callback builder failed', {
        provider: provider.definition.id,
        kind,
        error: (error as Error).message,
      });
      return;
    }
    const definition = provider.definition.callbacks[kind]!;
    const payload = JSON.stringify(prepared.body);
    let signature: Record<string, string> = {};
    try {
      signature = definition.sign?.(payload, this.deps.providerContext(provider), target) ?? {};
    } catch (error) {
      this.deps.logger.error('callback signing failed', {
        provider: provider.definition.id,
        kind,
        error: (error as Error).message,
      });
    }
    this.deps.dispatcher.dispatch({
      id: this.deps.nextId('cb_'),
      provider: provider.definition.id,
      kind,
      target,
      body: prepared.body,
      payload,
      headers: { ...prepared.headers, ...signature },
      serveEventIds: [...new Set(events.map((e) => e.serveEventId))],
      retryPolicy: provider.retryPolicy,
    });
  }
}
