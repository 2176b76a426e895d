import { describe, expect, it } from 'vitest';
import { RingJournal } from './ring-journal.js';
import { JournalRecorder } from './recorder.js';
import type { ServeEvent } from './serve-event.js';

const entry = (id: string, body: unknown, path = '/p/send'): Omit<ServeEvent, 'seq'> => ({
  id,
  receivedAt: '2026-01-01T00:00:00.000Z',
  receivedAtMs: 0,
  provider: 'p',
  route: 'send',
  request: { method: 'POST', path, query: {}, headers: {}, body },
  recipients: [],
  diagnostics: [],
  faults: [],
  response: { status: 200, body: {} },
  outcome: 'accepted',
  messages: [],
  timing: { totalMs: 1 },
  subEvents: [],
});

const limits = { maxBodyBytes: 1000, maxDepth: 8 };

describe('JournalRecorder bounds and redaction', () => {
  it('keeps a body over the cap as truncated, redacted text with its size', () => {
    const store = new RingJournal(10, 1_000_000);
    const recorder = new JournalRecorder(store, limits);
    const raw = Buffer.from(JSON.stringify({ pass: 'hunter2', text: 'x'.repeat(5000) }));
    recorder.record(entry('a', JSON.parse(raw.toString())), { rawBody: raw });
    const body = store.get('a')!.request.body as {
      truncated: boolean;
      bytes: number;
      text: string;
    };
    expect(body).toMatchObject({ truncated: true, bytes: raw.length });
    expect(body.text).not.toContain('hunter2');
    expect(store.bytes).toBeLessThan(4000);
  });

  it('keeps a body nested past the depth limit as text, whatever its size', () => {
    const store = new RingJournal(10);
    const recorder = new JournalRecorder(store, limits);
    recorder.record(entry('a', [[[[[[[[[[1]]]]]]]]]]));
    expect(store.get('a')!.request.body).toMatchObject({ truncated: true });
  });

  it('redacts secrets in the path and in callback targets of sub-events', () => {
    const store = new RingJournal(10);
    const recorder = new JournalRecorder(store, limits);
    recorder.record(entry('a', {}, '/p/send?user=u&pass=p'));
    recorder.addSubEvent('a', {
      type: 'callback-attempt',
      offsetMs: 1,
      target: 'http://hook:pw@127.0.0.1/dlr?token=t',
      error: 'connect failed for http://hook:pw@127.0.0.1/dlr',
    });
    const stored = store.get('a')!;
    expect(stored.request.path).toBe('/p/send?user=u&pass=[redacted]');
    expect(JSON.stringify(stored.subEvents)).not.toMatch(/pw|token=t/);
  });

  it('evicts the oldest entries once the byte bound is passed', () => {
    const store = new RingJournal(100, 5000);
    const recorder = new JournalRecorder(store, limits);
    for (let i = 0; i < 20; i++) recorder.record(entry(`e${i}`, { text: 'y'.repeat(900) }));
    expect(store.bytes).toBeLessThanOrEqual(5000);
    expect(store.size).toBeLessThan(20);
    expect(store.get('e19')).toBeDefined();
    expect(store.get('e0')).toBeUndefined();
  });

  it('takes sub-events only for entries still held, and says which those are', () => {
    const store = new RingJournal(2);
    const recorder = new JournalRecorder(store, limits);
    recorder.record(entry('a', {}));
    expect(recorder.holds('a')).toBe(true);
    recorder.record(entry('b', {}));
    recorder.record(entry('c', {}));
    expect(recorder.holds('a')).toBe(false);
    const changes: string[] = [];
    store.subscribe((change) => changes.push(change.type));
    recorder.addSubEvent('a', { type: 'status', offsetMs: 1, status: 'delivered' });
    recorder.addSubEvent('c', { type: 'status', offsetMs: 1, status: 'delivered' });
    expect(changes).toEqual(['sub-event']);
    expect(store.get('c')!.subEvents).toHaveLength(1);
  });
});
