import { resolveConfig } from '../../src/config/load-config.js';
import type { SimConfigInput } from '../../src/config/sim-config.js';
import { ManualClock } from '../../src/engine/clock.js';
import { CallbackBatcher } from '../../src/engine/dispatcher/callback-batcher.js';
import { CallbackDispatcher } from '../../src/engine/dispatcher/callback-dispatcher.js';
import type { SubEvent } from '../../src/engine/journal/serve-event.js';
import { createLogger } from '../../src/engine/logger.js';
import { createProviderRuntime, type ProviderRuntime } from '../../src/engine/provider-runtime.js';
import { createRandom } from '../../src/engine/random.js';
import { Scheduler } from '../../src/engine/scheduler.js';
import { createIdSource } from '../../src/engine/seeded-streams.js';
import type { AnyProviderDefinition, ProviderContext } from '../../src/engine/types.js';
import type { CallbackJournal } from '../../src/engine/callbacks/callback-journal.js';
import type { CallbackServices, GroupedEvent } from '../../src/engine/callbacks/callback-flow.js';

/** A journal that keeps what the callback side writes, for assertions in stage tests. */
export class RecordingCallbackJournal implements CallbackJournal {
  readonly subEvents: [string, SubEvent][] = [];
  readonly statuses: [string, string, string][] = [];
  constructor(private readonly received: Record<string, number> = {}) {}
  addSubEvent(serveEventId: string, event: SubEvent): void {
    this.subEvents.push([serveEventId, event]);
  }
  holds(): boolean {
    return true;
  }
  setMessageStatus(serveEventId: string, messageId: string, status: string): void {
    this.statuses.push([serveEventId, messageId, status]);
  }
  receivedAt(serveEventId: string): number | undefined {
    return this.received[serveEventId];
  }
}

/** Real engine services on a manual clock around `definition`, with what they log and group kept. */
export function callbackTestServices(
  definition: AnyProviderDefinition,
  input: SimConfigInput = {},
): {
  services: CallbackServices;
  provider: ProviderRuntime;
  clock: ManualClock;
  journal: RecordingCallbackJournal;
  logged: Record<string, unknown>[];
  grouped: GroupedEvent[][];
} {
  const config = resolveConfig({ log: { level: 'silent' }, ...input });
  const clock = new ManualClock();
  const scheduler = new Scheduler(clock);
  const journal = new RecordingCallbackJournal({ req_1: clock.now() - 100 });
  const logged: Record<string, unknown>[] = [];
  const logger = createLogger(
    'debug',
    (line) => logged.push(JSON.parse(line) as Record<string, unknown>),
    () => clock.now(),
  );
  const provider = createProviderRuntime(definition, config);
  const random = createRandom('stage-tests');
  const context: ProviderContext = {
    providerId: definition.id,
    settings: provider.settings,
    clock,
    random,
    ids: createIdSource(random),
    validateSchema: () => [],
    store: provider.state.store,
  };
  const grouped: GroupedEvent[][] = [];
  let ids = 0;
  const services: CallbackServices = {
    clock,
    scheduler,
    journal,
    logger,
    dispatcher: new CallbackDispatcher({
      clock,
      random: () => random,
      scheduler,
      timeoutMs: 1000,
      allowedHosts: config.callbacks.allowedHosts,
    }),
    ...(config.callbackUrl !== undefined && { defaultCallbackUrl: config.callbackUrl }),
    nextId: (prefix) => `${prefix}${++ids}`,
    providerContext: <S>() => context as ProviderContext<S>,
    random: () => random,
    batcher: new CallbackBatcher<GroupedEvent>(scheduler, (_key, items) => grouped.push(items)),
  };
  return { services, provider, clock, journal, logged, grouped };
}
