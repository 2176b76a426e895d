import type { IncomingMessage, ServerResponse } from 'node:http';
import { redactHeaders } from './journal/redact.js';
import type { EngineServices } from './request-context.js';
import { assignId, recordEntry, runStory, type Story, type StoryStage } from './stages/story.js';

/** A request outside every provider and the admin API. */
export interface UnmatchedContext extends Story {
  readonly req: IncomingMessage;
  readonly res: ServerResponse;
  /** The 404 answer naming what is served. */
  body?: unknown;
}

/** Describes the request and the 404 that names every provider's base path. */
function describeUnmatched(ctx: UnmatchedContext): void {
  const { req, engine } = ctx;
  req.resume();
  const url = req.url ?? '/';
  const path = url.split('?')[0] ?? '/';
  const known = engine.providers.map((p) => `${p.basePath}/`);
  const detail = `no provider is served at ${path}; providers are served under ${known.join(', ')} and the admin API under /__admin/`;
  const body = { errors: [{ code: 'not-found', pointer: '/path', title: 'Unknown path', detail }] };
  const now = engine.clock.now();
  ctx.body = body;
  ctx.entry = {
    id: ctx.id!,
    receivedAt: new Date(now).toISOString(),
    receivedAtMs: now,
    provider: null,
    route: null,
    request: {
      method: req.method ?? 'GET',
      path,
      query: Object.fromEntries(
        new URLSearchParams(url.includes('?') ? url.slice(url.indexOf('?') + 1) : ''),
      ),
      headers: redactHeaders(req.headers),
      body: undefined,
    },
    recipients: [],
    diagnostics: [],
    faults: [],
    response: { status: 404, body },
    outcome: 'unmatched',
    messages: [],
    timing: { totalMs: 0 },
    subEvents: [
      {
        type: 'request-not-matched',
        offsetMs: 0,
        reason: 'outside every provider',
        closest: known,
      },
    ],
  };
}

/** Sends the 404. */
function answerNotFound(ctx: UnmatchedContext): void {
  ctx.res.statusCode = 404;
  ctx.res.setHeader('content-type', 'application/json; charset=utf-8');
  ctx.res.end(JSON.stringify(ctx.body));
}

/** The path of a request no provider or admin route serves, in order. */
export const UNMATCHED_STAGES: readonly StoryStage<UnmatchedContext>[] = [
  { name: 'assign-id', run: assignId },
  { name: 'describe-unmatched', run: describeUnmatched },
  { name: 'record', run: recordEntry },
  { name: 'answer-not-found', run: answerNotFound },
];

/** Answers a path outside every provider and the admin API, naming what is served, and journals it. */
export function serveUnmatched(
  engine: EngineServices,
  req: IncomingMessage,
  res: ServerResponse,
): void {
  runStory<UnmatchedContext>({ engine, req, res, idPrefix: 'req_', trace: [] }, UNMATCHED_STAGES);
}
