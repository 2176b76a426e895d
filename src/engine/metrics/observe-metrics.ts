import { randomUUID } from 'node:crypto';
import type { Engine } from '../engine.js';
import { SimMetrics } from './sim-metrics.js';

/** How often an instance publishes its figures for the others (with shared state). */
const PUBLISH_EVERY_MS = 5000;

/**
 * Builds the engine's metrics and feeds them: every request this process records and every
 * callback attempt its dispatcher makes. With shared state the figures are also published for the
 * other replicas every few seconds.
 */
export function observeMetrics(engine: Engine, instance = randomUUID().slice(0, 8)): SimMetrics {
  const metrics = new SimMetrics(instance, {
    scheduledPending: () => engine.scheduler.size,
    journalEntries: () => engine.journal.size,
    callbacksInFlight: () => engine.dispatcher.pending,
  });
  let ruleIds = new Map<string, string>();
  const ruleIdOf = (sentence: string): string => {
    let id = ruleIds.get(sentence);
    if (id === undefined) {
      ruleIds = new Map(engine.faults.list().map((rule) => [rule.sentence, rule.id]));
      id = ruleIds.get(sentence) ?? 'unknown';
    }
    return id;
  };
  engine.recorder.onRecord((entry) => {
    if (entry.outcome === 'unmatched' || entry.provider === null) return;
    metrics.observeRequest({
      provider: entry.provider,
      route: entry.route ?? 'unknown',
      status: entry.response?.status ?? 0,
      outcome: entry.outcome,
      durationMs: entry.timing.totalMs,
      rules: entry.faults.map(ruleIdOf),
    });
  });
  engine.dispatcher.observe((report) =>
    metrics.observeAttempt({
      provider: report.job.provider,
      kind: report.job.kind,
      verdict: report.verdict,
      attempt: report.attempt,
    }),
  );
  return metrics;
}

/** Starts publishing `metrics` through `publish` every few seconds; returns the stopper. */
export function publishPeriodically(publish: () => Promise<unknown>): () => void {
  const timer = setInterval(() => void publish().catch(() => undefined), PUBLISH_EVERY_MS);
  timer.unref();
  return () => clearInterval(timer);
}
