import type { Clock, TimerHandle } from '../clock.js';
import { CallbackBatcher } from '../dispatcher/callback-batcher.js';
import type { CallbackDispatcher } from '../dispatcher/callback-dispatcher.js';
import type { RingJournal } from '../journal/ring-journal.js';
import type { JournaledMessage } from '../journal/serve-event.js';
import type { Logger } from '../logger.js';
import type { ProviderRuntime } from '../provider-runtime.js';
import type { Scheduler } from '../scheduler.js';
import type { CallbackChaos } from '../faults/actions.js';
import type { Random } from '../random.js';
import type {
  AcceptedMessage,
  CallbackEvent,
  ForcedOutcome,
  LifecycleStep,
  ProviderContext,
  SignatureTamper,
} from '../types.js';

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
  /** The random stream for callback chaos (drops). */
  random(): Random;
}

interface Grouped {
  provider: ProviderRuntime;
  target: string;
  event: CallbackEvent;
  tamper?: SignatureTamper;
}

/** A message the lifecycle knows, with its steps still to come. */
interface Tracked {
  provider: ProviderRuntime;
  message: AcceptedMessage;
  journaled: JournaledMessage;
  serveEventId: string;
  pending: TimerHandle[];
}

/** Most messages remembered for forcing a status (the oldest are forgotten first). */
const MAX_TRACKED = 10_000;

/** What forcing a status did. */
export type ForceResult = { ok: true; status: string } | { ok: false; reason: string };

/** What a fault rule changes about one send's lifecycle. */
export interface LifecycleOptions {
  forced?: ForcedOutcome;
  chaos?: CallbackChaos;
}

const TAMPER: Record<
  NonNullable<CallbackChaos['signature']>,
  (chaos: CallbackChaos) => SignatureTamper
> = {
  bad: () => ({ badSignature: true }),
  'replayed-nonce': () => ({ replayNonce: true }),
  'skewed-timestamp': (chaos) => ({ skewSeconds: chaos.skewSeconds ?? 600 }),
};

/** Step times reversed: the last status is reported first (out-of-order callbacks). */
function reversedTimes(steps: LifecycleStep[]): LifecycleStep[] {
  const times = steps.map((s) => s.afterMs).sort((a, b) => a - b);
  return [...steps]
    .sort((a, b) => a.afterMs - b.afterMs)
    .map((step, i) => ({ ...step, afterMs: times[times.length - 1 - i]! }));
}

/** Moves accepted messages through their provider's status steps and hands callbacks to the dispatcher. */
export class MessageLifecycle {
  private readonly batcher: CallbackBatcher<Grouped>;
  private readonly chaosOf = new WeakMap<AcceptedMessage, CallbackChaos>();
  /** Messages by provider message id, newest last, so a status can be forced later. */
  private readonly tracked = new Map<string, Tracked>();

  constructor(private readonly deps: LifecycleDeps) {
    this.batcher = new CallbackBatcher(deps.scheduler, (_key, items) => this.send(items));
  }

  /** Schedules every step of `message`, which the journal entry `serveEventId` created. */
  track(
    provider: ProviderRuntime,
    message: AcceptedMessage,
    journaled: JournaledMessage,
    serveEventId: string,
    options: LifecycleOptions = {},
  ): void {
    let steps = provider.definition.lifecycle(
      message,
      this.deps.providerContext(provider),
      options.forced,
    );
    const chaos = options.chaos;
    if (chaos) {
      this.chaosOf.set(message, chaos);
      if (chaos.reorder) steps = reversedTimes(steps);
      if (chaos.delayMs)
        steps = steps.map((step) => ({ ...step, afterMs: step.afterMs + chaos.delayMs! }));
    }
    const tracked: Tracked = { provider, message, journaled, serveEventId, pending: [] };
    this.remember(tracked);
    for (const step of steps) {
      tracked.pending.push(
        this.deps.scheduler.after(step.afterMs, () =>
          this.reach(provider, message, journaled, step, serveEventId),
        ),
      );
    }
  }

  private remember(tracked: Tracked): void {
    this.tracked.delete(tracked.message.id);
    this.tracked.set(tracked.message.id, tracked);
    if (this.tracked.size > MAX_TRACKED) this.tracked.delete(this.tracked.keys().next().value!);
  }

  /**
   * Moves a message to `forced` now (as a person would from the inbox): steps still to come are
   * cancelled, and the provider's final step for the forced outcome is reported at once.
   */
  force(messageId: string, forced: ForcedOutcome): ForceResult {
    const tracked = this.tracked.get(messageId);
    if (!tracked) {
      return {
        ok: false,
        reason: `no message "${messageId}" is known (only the last ${MAX_TRACKED} are kept)`,
      };
    }
    for (const handle of tracked.pending) handle.cancel();
    tracked.pending = [];
    const { provider, message, journaled, serveEventId } = tracked;
    const steps = provider.definition.lifecycle(message, this.deps.providerContext(provider), {
      ...forced,
      afterMs: 0,
    });
    const last = [...steps].sort((a, b) => a.afterMs - b.afterMs).at(-1);
    if (!last)
      return { ok: false, reason: `${provider.definition.id} has no step for ${forced.status}` };
    this.reach(provider, message, journaled, { ...last, afterMs: 0 }, serveEventId);
    return { ok: true, status: last.status };
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

  /** Reaches `step` for `message` now (an inbound message). */
  emit(
    provider: ProviderRuntime,
    message: AcceptedMessage,
    journaled: JournaledMessage,
    step: LifecycleStep,
    serveEventId: string,
  ): void {
    this.remember({ provider, message, journaled, serveEventId, pending: [] });
    this.reach(provider, message, journaled, step, serveEventId);
  }

  /** Forgets every message (on reset). */
  forget(): void {
    this.tracked.clear();
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
    const chaos = this.chaosOf.get(message);
    if (chaos?.drop && this.deps.random().chance(chaos.drop)) {
      this.deps.journal.addSubEvent(serveEventId, {
        type: 'callback-dropped',
        offsetMs: this.offset(serveEventId),
        kind,
        messageId: message.id,
        status: step.status,
      });
      return;
    }
    const tamper = chaos?.signature ? TAMPER[chaos.signature](chaos) : undefined;
    const single = provider.definition.callbacks[kind]?.single === true;
    const settings = single
      ? { maxEvents: 1, windowMs: 0 }
      : (chaos?.group ?? provider.config.callbackBatch);
    const copies = 1 + (chaos?.duplicate ?? 0);
    for (const target of targets) {
      const key = `${provider.definition.id}\u0000${kind}\u0000${target}${chaos?.group ? '\u0000chaos' : ''}`;
      const item: Grouped = { provider, target, event, ...(tamper && { tamper }) };
      for (let i = 0; i < copies; i++) this.batcher.add(key, item, settings);
      if (chaos?.storm) {
        const interval = 1000 / chaos.storm.perSecond;
        for (let i = 1; i <= chaos.storm.count; i++) {
          this.deps.scheduler.after(i * interval, () => this.batcher.add(key, item, settings));
        }
      }
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
      signature =
        definition.sign?.(
          payload,
          this.deps.providerContext(provider),
          target,
          items.find((i) => i.tamper)?.tamper,
        ) ?? {};
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
      messageIds: [...new Set(events.map((e) => e.message.id))],
      retryPolicy: provider.retryPolicy,
    });
  }
}
