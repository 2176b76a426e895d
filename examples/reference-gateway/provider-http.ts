import type { ProviderAnswer } from './providers/gateway-provider.js';

/** One HTTP request to a provider. */
export interface ProviderCall {
  url: string;
  method?: string;
  headers?: Record<string, string>;
  /** Sent as JSON. */
  body: unknown;
  timeoutMs: number;
}

/** A provider's HTTP answer, read once. */
export interface ProviderResponse {
  status: number;
  headers: Headers;
  text: string;
  /** The body parsed as JSON, or undefined when it is not JSON. */
  json: unknown;
}

/** Milliseconds a `Retry-After` header asks for (seconds or an HTTP date), or undefined. */
export function retryAfterMs(header: string | null, now = Date.now()): number | undefined {
  if (header === null || header.trim() === '') return undefined;
  const trimmed = header.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  const at = Date.parse(trimmed);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

/**
 * Makes one provider call and lets `judge` read the answer. Refusals come back with the HTTP
 * status and any `Retry-After`, transport errors (timeouts, resets) as `transport: true`, so the
 * core can tell a passing failure from a final one. Never throws.
 */
export async function callProvider(
  call: ProviderCall,
  judge: (response: ProviderResponse) => ProviderAnswer,
): Promise<ProviderAnswer> {
  let response: Response;
  let text: string;
  try {
    response = await fetch(call.url, {
      method: call.method ?? 'POST',
      headers: { 'content-type': 'application/json', ...call.headers },
      body: JSON.stringify(call.body),
      signal: AbortSignal.timeout(call.timeoutMs),
    });
    text = await response.text();
  } catch (error) {
    const cause = (error as Error & { cause?: { code?: string } }).cause?.code;
    return {
      accepted: false,
      code: 'transport-error',
      description: `${call.method ?? 'POST'} ${call.url}: ${(error as Error).message}${cause ? ` (${cause})` : ''}`,
      transport: true,
    };
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  const answer = judge({ status: response.status, headers: response.headers, text, json });
  if (answer.accepted) return answer;
  const retryAfter = retryAfterMs(response.headers.get('retry-after'));
  return {
    ...answer,
    status: answer.status ?? response.status,
    ...(retryAfter !== undefined &&
      answer.retryAfterMs === undefined && { retryAfterMs: retryAfter }),
  };
}
