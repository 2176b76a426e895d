import { CallbackBatcher } from '../dispatcher/callback-batcher.js';
import type { AttemptReport } from '../dispatcher/callback-dispatcher.js';
import type { CallbackChaos } from '../faults/actions.js';
import type { ProviderRuntime } from '../provider-runtime.js';
import type { AcceptedMessage, LifecycleStep } from '../types.js';
import type {
  AttemptFlow,
  CallbackPipelineDeps,
  CallbackServices,
  CallbackStage,
  GroupedEvent,
  RequestFlow,
  StatusFlow,
} from './callback-flow.js';
import { buildBody } from './stages/build-body.js';
import { chaos } from './stages/chaos.js';
import { dispatch } from './stages/dispatch.js';
import { group } from './stages/group.js';
import { recordAttempt } from './stages/record-attempt.js';
import { resolveTargets, targetsFor } from './stages/resolve-targets.js';
import { sign } from './stages/sign.js';

/** Stages of a status change that produces a callback, up to the grouping buffer. */
export const STATUS_STAGES: readonly CallbackStage<StatusFlow>[] = [resolveTargets, chaos, group];

/** Stages of one callback request (a group of events to one target) leaving the buffer. */
export const REQUEST_STAGES: readonly CallbackStage<RequestFlow>[] = [buildBody, sign, dispatch];

/** Stages of each delivery attempt the dispatcher reports (first try and every retry). */
export const ATTEMPT_STAGES: readonly CallbackStage<AttemptFlow>[] = [recordAttempt];

/**
 * Every stage a status change goes through, in order:
 * resolve-targets → chaos → group → build-body → sign → dispatch → record-attempt.
 */
export const CALLBACK_PIPELINE: readonly string[] = [
  ...STATUS_STAGES,
  ...REQUEST_STAGES,
  ...ATTEMPT_STAGES,
].map((stage) => stage.name);

function runStages<F>(
  stages: readonly CallbackStage<F>[],
  flow: F,
  services: CallbackServices,
): void {
  for (const stage of stages) if (!stage.run(flow, services)) return;
}

/** Turns status changes into delivered (or journaled as not delivered) callbacks. */
export class CallbackPipeline {
  private readonly services: CallbackServices;

  constructor(deps: CallbackPipelineDeps) {
    const batcher = new CallbackBatcher<GroupedEvent>(deps.scheduler, (_key, items) =>
      this.request(items),
    );
    this.services = { ...deps, batcher };
    deps.dispatcher.observe((report) => this.attempt(report));
  }

  /** Sends the callback `step` of `message` produces (the caller has recorded the status). */
  statusReached(
    provider: ProviderRuntime,
    message: AcceptedMessage,
    step: LifecycleStep,
    serveEventId: string,
    chaosRule?: CallbackChaos,
  ): void {
    if (!step.callback) return;
    const flow: StatusFlow = {
      provider,
      message,
      step,
      kind: step.callback,
      serveEventId,
      ...(chaosRule && { chaos: chaosRule }),
      targets: [],
      copies: 1,
    };
    runStages(STATUS_STAGES, flow, this.services);
  }

  /** Where callbacks of `kind` go (placeholders filled), for banners and inbound answers. */
  targetsFor(provider: ProviderRuntime, kind: string, message?: AcceptedMessage): string[] {
    return targetsFor(
      provider,
      kind,
      message,
      this.services.providerContext(provider),
      this.services.defaultCallbackUrl,
    );
  }

  private request(items: GroupedEvent[]): void {
    const { provider, target } = items[0]!;
    const flow: RequestFlow = { provider, kind: items[0]!.event.kind, target, items };
    runStages(REQUEST_STAGES, flow, this.services);
  }

  private attempt(report: AttemptReport): void {
    runStages(ATTEMPT_STAGES, { report }, this.services);
  }
}
