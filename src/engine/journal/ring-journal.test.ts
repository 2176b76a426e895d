import { describe, expect, it } from 'vitest';
import { RingJournal } from './ring-journal.js';
import type { ServeEvent } from './serve-event.js';

const event = (id: string, overrides: Partial<ServeEvent> = {}): Omit<ServeEvent, 'seq'> => ({
  id,
  receivedAt: '2026-01-01T00:00:00.000Z',
  receivedAtMs: 0,
  provider: 'p',
  route: 'send',
  request: { method: 'POST', path: '/p/send', query: {}, headers: {}, body: {} },
  recipients: [],
  diagnostics: [],
  faults: [],
  response: { status: 200, body: {} },
  outcome: 'accepted',
  messages: [],
  timing: { totalMs: 1 },
  subEvents: [],
  ...overrides,
});

describe('RingJournal', () => {
  it('keeps only the newest entries once full, oldest first', () => {
    const journal = new RingJournal(3);
    for (const id of ['a', 'b', 'c', 'd', 'e']) journal.add(event(id));
    expect(journal.list().map((e) => e.id)).toEqual(['c', 'd', 'e']);
    expect(journal.size).toBe(3);
    expect(journal.recorded).toBe(5);
    expect(journal.get('a')).toBeUndefined();
  });

  it('appends sub-events to held entries and ignores evicted ones', () => {
    const journal = new RingJournal(1);
    journal.add(event('a'));
    journal.addSubEvent('a', { type: 'status', offsetMs: 5 });
    expect(journal.get('a')!.subEvents).toHaveLength(1);
    journal.add(event('b'));
    expect(() => journal.addSubEvent('a', { type: 'status', offsetMs: 6 })).not.toThrow();
  });

  it('filters by provider, recipient (with or without +), message id or reference, and limit', () => {
    const journal = new RingJournal(10);
    journal.add(
      event('a', {
        provider: 'x',
        recipients: ['+919800000001'],
        messages: [
          {
            id: 'm1',
            recipient: '919800000001',
            reference: 'ref-1',
            status: 'accepted',
            direction: 'outbound',
          },
        ],
      }),
    );
    journal.add(event('b', { provider: 'y', recipients: ['919800000002'] }));
    journal.add(event('c', { provider: 'x', outcome: 'rejected' }));
    expect(journal.list({ provider: 'x' }).map((e) => e.id)).toEqual(['a', 'c']);
    expect(journal.list({ recipient: '919800000001' }).map((e) => e.id)).toEqual(['a']);
    expect(journal.list({ messageId: 'ref-1' }).map((e) => e.id)).toEqual(['a']);
    expect(journal.list({ messageId: 'm1' }).map((e) => e.id)).toEqual(['a']);
    expect(journal.list({ outcome: 'rejected' }).map((e) => e.id)).toEqual(['c']);
    expect(journal.list({ limit: 2 }).map((e) => e.id)).toEqual(['b', 'c']);
  });

  it('stamps increasing sequence numbers, never reused after a clear, and filters by them', () => {
    const journal = new RingJournal(5);
    const a = journal.add(event('a'));
    journal.add(event('b'));
    journal.clear();
    const c = journal.add(event('c'));
    journal.add(event('d'));
    expect([a.seq, c.seq]).toEqual([1, 3]);
    expect(journal.list({ after: c.seq }).map((e) => e.id)).toEqual(['d']);
  });

  it('records nothing when switched off with size 0', () => {
    const journal = new RingJournal(0);
    journal.add(event('a'));
    expect(journal.list()).toEqual([]);
    expect(journal.recorded).toBe(1);
  });
});
