import { describe, expect, it } from 'vitest';
import { RingJournal } from '../journal/ring-journal.js';
import type { ServeEvent } from '../journal/serve-event.js';
import { RingCallbackJournal } from './ring-callback-journal.js';

const entry = (id: string): Omit<ServeEvent, 'seq'> => ({
  id,
  receivedAt: new Date(1000).toISOString(),
  receivedAtMs: 1000,
  provider: 'p',
  route: 'send',
  request: { method: 'POST', path: '/', query: {}, headers: {}, body: {} },
  recipients: ['+1'],
  diagnostics: [],
  faults: [],
  response: { status: 200, body: {} },
  outcome: 'accepted',
  messages: [{ id: 'm1', recipient: '+1', status: 'accepted', direction: 'outbound' }],
  timing: { totalMs: 1 },
  subEvents: [],
});

describe('RingCallbackJournal', () => {
  it('sets a message status, appends sub-events and reports the receipt time of held entries', () => {
    const ring = new RingJournal(10);
    ring.add(entry('req_1'));
    const journal = new RingCallbackJournal(ring);
    journal.setMessageStatus('req_1', 'm1', 'delivered');
    journal.addSubEvent('req_1', { type: 'status', offsetMs: 5 });
    expect(ring.get('req_1')!.messages[0]!.status).toBe('delivered');
    expect(ring.get('req_1')!.subEvents).toEqual([{ type: 'status', offsetMs: 5 }]);
    expect(journal.receivedAt('req_1')).toBe(1000);
  });

  it('ignores entries it no longer holds', () => {
    const journal = new RingCallbackJournal(new RingJournal(10));
    journal.setMessageStatus('gone', 'm1', 'delivered');
    journal.addSubEvent('gone', { type: 'status', offsetMs: 0 });
    expect(journal.receivedAt('gone')).toBeUndefined();
  });
});
