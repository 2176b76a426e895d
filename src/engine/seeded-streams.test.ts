import { describe, expect, it } from 'vitest';
import { SeededStreams } from './seeded-streams.js';

describe('SeededStreams', () => {
  it('repeats ids for the same seed when ids are deterministic, also after a reset', () => {
    const a = new SeededStreams('s', { deterministicIds: true });
    const b = new SeededStreams('s', { deterministicIds: true });
    const first = a.ids.next('m_');
    expect(b.ids.next('m_')).toBe(first);
    a.reset();
    expect(a.ids.next('m_')).toBe(first);
  });

  it('draws new ids per start and per reset unless deterministic, while behaviour repeats', () => {
    const a = new SeededStreams('s', { deterministicIds: false });
    const b = new SeededStreams('s', { deterministicIds: false });
    expect(a.ids.next('m_')).not.toBe(b.ids.next('m_'));
    expect(a.provider('x').next()).toBe(b.provider('x').next());
    expect(a.faults.next()).toBe(b.faults.next());
    const before = a.ids.next('m_');
    a.reset();
    expect(a.ids.next('m_')).not.toBe(before);
  });

  it('restarts streams in place: a reference taken before a reset replays the sequence', () => {
    const streams = new SeededStreams('seed');
    const provider = streams.provider('p');
    const faults = streams.faults;
    const drawn = [provider.next(), faults.next()];
    streams.reset();
    expect(streams.provider('p')).toBe(provider);
    expect([provider.next(), faults.next()]).toEqual(drawn);
  });
});
