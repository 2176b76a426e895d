import { describe, expect, it } from 'vitest';
import { SimMetrics } from './sim-metrics.js';

const gauges = { scheduledPending: () => 3, journalEntries: () => 7, callbacksInFlight: () => 1 };

describe('SimMetrics', () => {
  it('counts requests by provider, route, status and outcome, with latency and faults by rule', async () => {
    const metrics = new SimMetrics('a', gauges);
    metrics.observeRequest({
      provider: 'msg91',
      route: 'send',
      status: 200,
      outcome: 'accepted',
      durationMs: 4,
      rules: [],
    });
    metrics.observeRequest({
      provider: 'msg91',
      route: 'send',
      status: 500,
      outcome: 'fault',
      durationMs: 40,
      rules: ['outage-1'],
    });
    const { text } = await metrics.render();
    expect(text).toContain(
      'provider_sim_requests_total{provider="msg91",route="send",status="200",outcome="accepted",instance="a"} 1',
    );
    expect(text).toContain('provider_sim_faults_applied_total{rule="outage-1",instance="a"} 1');
    expect(text).toContain(
      'provider_sim_request_duration_seconds_count{instance="a",provider="msg91",route="send"} 2',
    );
    expect(text).toContain('provider_sim_scheduled_work_pending{instance="a"} 3');
    expect(text).toContain('provider_sim_journal_entries{instance="a"} 7');
  });

  it('counts callback attempts by verdict and retries separately', async () => {
    const metrics = new SimMetrics('a', gauges);
    metrics.observeAttempt({ provider: 'kaleyra', kind: 'dlr', verdict: 'retrying', attempt: 1 });
    metrics.observeAttempt({ provider: 'kaleyra', kind: 'dlr', verdict: 'delivered', attempt: 2 });
    const { text } = await metrics.render();
    expect(text).toContain(
      'provider_sim_callback_attempts_total{provider="kaleyra",kind="dlr",verdict="delivered",instance="a"} 1',
    );
    expect(text).toContain(
      'provider_sim_callback_retries_total{provider="kaleyra",kind="dlr",instance="a"} 1',
    );
  });

  it('shows every instance side by side when given the others’ snapshots', async () => {
    const a = new SimMetrics('a', gauges);
    const b = new SimMetrics('b', gauges);
    b.observeAttempt({ provider: 'msg91', kind: 'dlr', verdict: 'delivered', attempt: 1 });
    const { text } = await a.render([await b.snapshot()]);
    expect(text).toContain('provider_sim_journal_entries{instance="a"} 7');
    expect(text).toContain('provider_sim_journal_entries{instance="b"} 7');
    expect(text).toContain(
      'provider_sim_callback_attempts_total{provider="msg91",kind="dlr",verdict="delivered",instance="b"} 1',
    );
  });
});
