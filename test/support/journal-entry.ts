import type { ServeEvent } from '../../src/engine/journal/serve-event.js';

/** A minimal accepted Sinch SMS journal entry `id` with one outbound message `m-<id>`. */
export function journalEntry(id: string, body: unknown = { to: '1' }): Omit<ServeEvent, 'seq'> {
  return {
    id,
    receivedAt: new Date(0).toISOString(),
    receivedAtMs: 0,
    provider: 'sinch-sms',
    route: 'send',
    request: { method: 'POST', path: '/x', query: {}, headers: {}, body },
    recipients: ['1'],
    diagnostics: [],
    faults: [],
    response: { status: 200, body: {} },
    outcome: 'accepted',
    messages: [{ id: `m-${id}`, recipient: '1', status: 'accepted', direction: 'outbound' }],
    timing: { totalMs: 1 },
    subEvents: [],
  };
}

/** Resolves once `check` holds, polling every 10 ms; throws after `timeoutMs`. */
export async function eventually(check: () => boolean, timeoutMs = 3000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
