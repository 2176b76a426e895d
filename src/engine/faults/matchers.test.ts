import { describe, expect, it } from 'vitest';
import { duringWindow } from './matchers.js';

const LOADED = Date.UTC(2026, 11, 2, 12, 0, 0);
const facts = (now: number) => ({
  provider: 'p',
  route: 'send',
  recipients: [],
  headers: {},
  params: {},
  body: undefined,
  now,
});

describe('duringWindow', () => {
  it('explains the window as counted from the rule’s loading, relative and absolute', () => {
    expect(duringWindow(undefined, 60_000, LOADED).explain()).toBe(
      'within 60 s of loading (until 2026-12-02T12:01:00.000Z)',
    );
    expect(duringWindow(10_000, undefined, LOADED).explain()).toBe(
      'from 10 s after load (from 2026-12-02T12:00:10.000Z)',
    );
    expect(duringWindow(10_000, 70_000, LOADED).explain()).toBe(
      'from 10 s to 70 s after load (2026-12-02T12:00:10.000Z to 2026-12-02T12:01:10.000Z)',
    );
    expect(duringWindow(250, 1500, LOADED).explain()).toBe(
      'from 0.3 s to 1.5 s after load (2026-12-02T12:00:00.250Z to 2026-12-02T12:00:01.500Z)',
    );
  });

  it('matches from `after` (inclusive) to `until` (exclusive) past the loading', () => {
    const window = duringWindow(10_000, 70_000, LOADED);
    expect(window.matches(facts(LOADED + 9_999))).toBe(false);
    expect(window.matches(facts(LOADED + 10_000))).toBe(true);
    expect(window.matches(facts(LOADED + 69_999))).toBe(true);
    expect(window.matches(facts(LOADED + 70_000))).toBe(false);
  });
});
