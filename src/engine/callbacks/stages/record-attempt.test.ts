import { describe, expect, it } from 'vitest';
import { testProvider } from '../../../../test/support/test-provider.js';
import type { AttemptReport } from '../../dispatcher/callback-dispatcher.js';
import { callbackTestServices } from '../../../../test/support/callback-test-services.js';
import { recordAttempt } from './record-attempt.js';

describe('record-attempt stage', () => {
  const report = (
    provider: AttemptReport['job']['retryPolicy'],
    verdict: AttemptReport['verdict'],
    attempt: number,
  ): AttemptReport => ({
    job: {
      id: 'cb_1',
      provider: 'test-provider',
      kind: 'dlr',
      target: 'http://127.0.0.1/dlr',
      body: { ok: 1 },
      payload: '{"ok":1}',
      headers: {},
      serveEventIds: ['req_1', 'req_2'],
      messageIds: ['m1', 'm2'],
      retryPolicy: provider,
    },
    attempt,
    at: Date.UTC(2026, 0, 1),
    status: verdict === 'delivered' ? 200 : 503,
    durationMs: 3,
    verdict,
    ...(verdict === 'retry' && { nextAttemptInMs: 5000 }),
  });

  it('journals the attempt on every entry it reports on, with the body on the first attempt only', () => {
    const { services, provider, journal } = callbackTestServices(testProvider);
    recordAttempt.run({ report: report(provider.retryPolicy, 'retry', 1) }, services);
    recordAttempt.run({ report: report(provider.retryPolicy, 'delivered', 2) }, services);
    expect(journal.subEvents.map(([id, e]) => [id, e.attempt, e.verdict, e.body])).toEqual([
      ['req_1', 1, 'retry', { ok: 1 }],
      ['req_2', 1, 'retry', { ok: 1 }],
      ['req_1', 2, 'delivered', undefined],
      ['req_2', 2, 'delivered', undefined],
    ]);
    expect(journal.subEvents[0]![1]).toMatchObject({ offsetMs: 100, nextAttemptInMs: 5000 });
  });

  it('logs a give-up at warn with message ids, provider, kind, target and attempts', () => {
    const { services, provider, logged } = callbackTestServices(testProvider);
    recordAttempt.run({ report: report(provider.retryPolicy, 'retry', 1) }, services);
    recordAttempt.run({ report: report(provider.retryPolicy, 'give-up', 5) }, services);
    expect(logged.map((l) => l.level)).toEqual(['info', 'warn']);
    expect(logged[1]).toMatchObject({
      message: 'callback given up',
      provider: 'test-provider',
      kind: 'dlr',
      target: 'http://127.0.0.1/dlr',
      messageIds: 'm1,m2',
      attempt: 5,
    });
  });
});
