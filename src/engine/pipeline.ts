import type { IncomingMessage, ServerResponse } from 'node:http';
import { answerError, type EngineServices, type RequestContext } from './request-context.js';
import { accept } from './stages/accept.js';
import { capConcurrency } from './stages/cap-concurrency.js';
import { requireSharedState } from './stages/require-shared-state.js';
import { findProvider } from './stages/find-provider.js';
import { applyFaults } from './stages/apply-faults.js';
import { authenticate } from './stages/authenticate.js';
import { findRecipients } from './stages/find-recipients.js';
import { matchRoute } from './stages/match-route.js';
import { readBody } from './stages/read-body.js';
import { record } from './stages/record.js';
import { respond } from './stages/respond.js';
import { scheduleLifecycle } from './stages/schedule-lifecycle.js';
import { validate } from './stages/validate.js';

/** One named step of the request path. */
export interface Stage {
  name: string;
  run(ctx: RequestContext): void | Promise<void>;
}

/**
 * The request path, in order, after `find-provider` (which builds the context: a path outside
 * every provider goes on to the admin API or `UNMATCHED_STAGES`). Each stage may decide the answer
 * (`ctx.response`), which skips the request stages after it. Fault rules run before auth so an
 * outage hits every caller alike.
 */
export const REQUEST_STAGES: readonly Stage[] = [
  { name: 'require-shared-state', run: requireSharedState },
  { name: 'cap-concurrency', run: capConcurrency },
  { name: 'match-route', run: matchRoute },
  { name: 'read-body', run: readBody },
  { name: 'find-recipients', run: findRecipients },
  { name: 'apply-faults', run: applyFaults },
  { name: 'authenticate', run: authenticate },
  { name: 'validate', run: validate },
  { name: 'accept', run: accept },
];

/** Run for every request, whatever the request stages decided. */
export const FINALIZERS: readonly Stage[] = [
  { name: 'respond', run: respond },
  { name: 'record', run: record },
  { name: 'schedule-lifecycle', run: scheduleLifecycle },
];

/**
 * The finalizers when state is shared through Redis: the answer waits until the journal entry is
 * queued and the DLR steps are stored in Redis, so a replica killed right after answering leaves
 * every step of what it accepted to the other replicas.
 */
export const SHARED_FINALIZERS: readonly Stage[] = [
  { name: 'record', run: record },
  { name: 'schedule-lifecycle', run: scheduleLifecycle },
  { name: 'respond', run: respond },
];

/** The stage before the others: the provider whose base path the request names, if any. */
export const ENTRY_STAGE = { name: 'find-provider', run: findProvider } as const;

/**
 * Serves a provider request through every stage, or calls `next` for anything else (the admin API,
 * unknown paths). Provider requests skip express entirely: its per-request work is most of the
 * overhead (decisions/0001).
 */
export function serveRequest(
  engine: EngineServices,
  req: IncomingMessage,
  res: ServerResponse,
  next: () => void,
): void {
  const ctx = ENTRY_STAGE.run(engine, req, res);
  if (!ctx) {
    next();
    return;
  }
  const release = (): void => {
    for (const fn of ctx.releases) fn();
  };
  const pending = runPipeline(ctx);
  if (pending) void pending.then(release, release);
  else release();
}

/**
 * Runs `ctx` through the stages; an unexpected error is logged and answered as the provider's
 * server_error. Stages that finish synchronously run without an await (no microtask hop per
 * stage): a promise is returned only once a stage returned one (e.g. added latency, the body).
 */
export function runPipeline(ctx: RequestContext): Promise<void> | undefined {
  const pending = runRequestStages(ctx, 0);
  if (!pending) return runFinalizers(ctx, 0);
  return pending.then(() => runFinalizers(ctx, 0));
}

function runRequestStages(ctx: RequestContext, from: number): Promise<void> | undefined {
  try {
    for (let i = from; i < REQUEST_STAGES.length; i++) {
      if (ctx.response) return undefined;
      const stage = REQUEST_STAGES[i]!;
      ctx.trace.push(stage.name);
      const pending = stage.run(ctx);
      if (pending) {
        return pending.then(
          () => runRequestStages(ctx, i + 1),
          (error: unknown) => stageFailed(ctx, error),
        );
      }
    }
  } catch (error) {
    stageFailed(ctx, error);
  }
  return undefined;
}

function stageFailed(ctx: RequestContext, error: unknown): void {
  ctx.engine.logger.error('unexpected error while handling a request', {
    requestId: ctx.request.id,
    provider: ctx.provider.definition.id,
    stage: ctx.trace.at(-1),
    error: (error as Error).stack ?? String(error),
  });
  ctx.subEvents.push({
    type: 'internal-error',
    offsetMs: 0,
    stage: ctx.trace.at(-1),
    message: String(error),
  });
  answerError(
    ctx,
    'server_error',
    `internal simulator error (request ${ctx.request.id}); see the simulator log`,
  );
}

function finalizerFailed(ctx: RequestContext, stage: Stage, error: unknown): void {
  ctx.engine.logger.error(`finalizer ${stage.name} failed`, {
    requestId: ctx.request.id,
    error: (error as Error).stack,
  });
}

function runFinalizers(ctx: RequestContext, from: number): Promise<void> | undefined {
  const finalizers = ctx.engine.shared ? SHARED_FINALIZERS : FINALIZERS;
  for (let i = from; i < finalizers.length; i++) {
    const stage = finalizers[i]!;
    let pending: void | Promise<void>;
    try {
      pending = stage.run(ctx);
    } catch (error) {
      finalizerFailed(ctx, stage, error);
      continue;
    }
    if (pending) {
      return pending.then(
        () => runFinalizers(ctx, i + 1),
        (error: unknown) => {
          finalizerFailed(ctx, stage, error);
          return runFinalizers(ctx, i + 1);
        },
      );
    }
  }
  logRequest(ctx);
  return undefined;
}

function logRequest(ctx: RequestContext): void {
  const { logger } = ctx.engine;
  if (!logger.enabled('debug')) return;
  logger.debug('request', {
    requestId: ctx.request.id,
    provider: ctx.provider.definition.id,
    route: ctx.route?.definition.id,
    stages: ctx.trace,
    status: ctx.response?.status,
    outcome: ctx.outcome,
  });
}
