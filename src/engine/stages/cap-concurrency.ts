import { answerError, type RequestContext } from '../request-context.js';

/**
 * Counts the request in flight for its provider (until it ends) and, past the provider's
 * `maxConcurrent`, answers its native `throttled` error without reading the body.
 */
export function capConcurrency(ctx: RequestContext): void {
  const { provider, engine } = ctx;
  const key = `in-flight:${provider.definition.id}`;
  const inFlight = engine.counters.incrementNow(key);
  ctx.releases.push(() => void engine.counters.incrementNow(key, -1));
  if (inFlight > provider.state.peakInFlight) provider.state.peakInFlight = inFlight;
  const max = provider.config.maxConcurrent;
  if (max === undefined || inFlight <= max) return;
  ctx.req.resume();
  answerError(
    ctx,
    'throttled',
    `more than ${max} concurrent requests (providers.${provider.definition.id}.maxConcurrent)`,
  );
  ctx.subEvents.push({ type: 'concurrency-cap', offsetMs: 0, inFlight, max });
}
