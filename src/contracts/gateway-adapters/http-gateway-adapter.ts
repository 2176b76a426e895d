import type { GatewayAdapter, GatewaySendInput } from '../types.js';

/** Where a gateway with the reference gateway's HTTP API lives, and how to read it. */
export interface HttpGatewayAdapterOptions {
  /** The gateway's base URL, e.g. `http://127.0.0.1:8080`. */
  baseUrl: string;
  /** Where the gateway takes callbacks; default `<baseUrl>/callbacks/<provider>` for a provider's first kind `dlr`, else `/callbacks/<provider>/<kind>`. */
  callbackUrl?: (provider: string, kind: string) => string;
  /** Path of the send trigger; default `/send`. */
  sendPath?: string;
  /** Path of the status probe with `{id}` for the message id; default `/messages/{id}`; `null` for no probe. */
  statusPath?: string | null;
  /** Maps the gateway's own status words to the suite's (`delivered`, `failed`, ...); default as is. */
  mapStatus?: (status: string) => string;
  /** Extra headers on every request (e.g. an API key of the gateway). */
  headers?: Record<string, string>;
  /** Longest wait for one gateway answer; default 30 s. */
  timeoutMs?: number;
}

/**
 * Drives a gateway over HTTP: `POST <sendPath>` with `{provider, to, text, templateId?, international?}`
 * answering `{messages: [{id}]}`, and `GET <statusPath>` answering `{status}` (404 when unknown).
 */
export function createHttpGatewayAdapter(options: HttpGatewayAdapterOptions): GatewayAdapter {
  const base = options.baseUrl.replace(/\/+$/, '');
  const timeoutMs = options.timeoutMs ?? 30_000;
  const headers = options.headers ?? {};
  const statusPath = options.statusPath === undefined ? '/messages/{id}' : options.statusPath;

  const adapter: GatewayAdapter = {
    async send(input: GatewaySendInput) {
      const url = `${base}${options.sendPath ?? '/send'}`;
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: JSON.stringify(input),
        signal: AbortSignal.timeout(timeoutMs),
      });
      const text = await response.text();
      if (!response.ok) {
        throw new Error(
          `gateway send: POST ${url} answered ${response.status}: ${text.slice(0, 300)}`,
        );
      }
      let body: unknown;
      try {
        body = JSON.parse(text);
      } catch {
        throw new Error(
          `gateway send: POST ${url} answered a body that is not JSON: ${text.slice(0, 300)}`,
        );
      }
      const messages = (body as { messages?: unknown }).messages;
      if (
        !Array.isArray(messages) ||
        !messages.every((m) => typeof (m as { id?: unknown } | null)?.id === 'string')
      ) {
        throw new Error(
          `gateway send: POST ${url} answered without /messages[].id strings: ${text.slice(0, 300)}`,
        );
      }
      return { ids: messages.map((m) => (m as { id: string }).id) };
    },
    callbackUrl(provider, kind) {
      if (options.callbackUrl) return options.callbackUrl(provider, kind);
      return kind === 'dlr'
        ? `${base}/callbacks/${provider}`
        : `${base}/callbacks/${provider}/${kind}`;
    },
  };
  if (statusPath !== null) {
    adapter.status = async (id) => {
      const url = `${base}${statusPath.replace('{id}', encodeURIComponent(id))}`;
      const response = await fetch(url, { headers, signal: AbortSignal.timeout(timeoutMs) });
      if (response.status === 404) return undefined;
      const text = await response.text();
      if (!response.ok)
        throw new Error(
          `gateway status: GET ${url} answered ${response.status}: ${text.slice(0, 300)}`,
        );
      const status = (JSON.parse(text) as { status?: unknown }).status;
      if (typeof status !== 'string') {
        throw new Error(
          `gateway status: GET ${url} answered without a /status string: ${text.slice(0, 300)}`,
        );
      }
      return options.mapStatus ? options.mapStatus(status) : status;
    };
  }
  return adapter;
}
