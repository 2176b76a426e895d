import type { CallbackAnswer } from './types.js';

/**
 * Posts `body` as JSON to `url`; resolves to the status, the body text and how long the answer
 * took, rejects on transport errors and after `timeoutMs`.
 */
export async function postJson(
  url: string,
  body: unknown,
  headers: Record<string, string> = {},
  timeoutMs = 10_000,
): Promise<CallbackAnswer> {
  const started = performance.now();
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
    signal: AbortSignal.timeout(timeoutMs),
  });
  const text = await response.text();
  return {
    status: response.status,
    body: text,
    durationMs: Math.round(performance.now() - started),
  };
}
