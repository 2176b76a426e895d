import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Clock } from './clock.js';
import type { RingJournal } from './journal/ring-journal.js';
import { redactHeaders } from './journal/redact.js';
import type { ProviderRuntime } from './provider-runtime.js';

/** What answering an unknown path needs. */
export interface UnmatchedDeps {
  journal: RingJournal;
  clock: Clock;
  nextId(): string;
  providers: readonly ProviderRuntime[];
}

/** Answers a path outside every provider and the admin API, naming what is served, and journals it. */
export function recordUnmatched(
  req: IncomingMessage,
  res: ServerResponse,
  deps: UnmatchedDeps,
): void {
  req.resume();
  const url = req.url ?? '/';
  const path = url.split('?')[0] ?? '/';
  const known = deps.providers.map((p) => `${p.basePath}/`);
  const detail = `no provider is served at ${path}; providers are served under ${known.join(', ')} and the admin API under /__admin/`;
  const body = { errors: [{ code: 'not-found', pointer: '/path', title: 'Unknown path', detail }] };
  const now = deps.clock.now();
  deps.journal.add({
    id: deps.nextId(),
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
  });
  res.statusCode = 404;
  res.setHeader('content-type', 'application/json; charset=utf-8');
  res.end(JSON.stringify(body));
}
