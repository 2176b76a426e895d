import type {
  ContractConfig,
  HookContext,
  HttpProbe,
  HttpTrigger,
} from '../config/contract-config.js';
import type { GatewayAdapter, GatewaySendInput } from '../types.js';
import { renderTemplate, selectAll } from './trigger-template.js';

/** The first 300 characters of `text`, for error messages. */
const excerpt = (text: string): string => (text.length > 300 ? `${text.slice(0, 300)}…` : text);

/** Sends through an HTTP template; resolves to the ids the answer holds at `trigger.ids`. */
async function sendByTemplate(
  trigger: HttpTrigger,
  input: GatewaySendInput,
  context: HookContext,
  timeoutMs: number,
): Promise<string[]> {
  const values = { ...input, simulatorUrl: context.simulatorUrl };
  const url = String(renderTemplate(trigger.url, values));
  const method = (trigger.method ?? 'POST').toUpperCase();
  const body = trigger.body === undefined ? undefined : renderTemplate(trigger.body, values);
  const response = await fetch(url, {
    method,
    headers: {
      ...(body !== undefined && { 'content-type': 'application/json' }),
      ...(renderTemplate(trigger.headers ?? {}, values) as Record<string, string>),
    },
    ...(body !== undefined && { body: JSON.stringify(body) }),
    signal: AbortSignal.timeout(timeoutMs),
  });
  const text = await response.text();
  if (!response.ok) {
    throw new Error(
      `gateway trigger: ${method} ${url} answered ${response.status}: ${excerpt(text)}`,
    );
  }
  let answer: unknown;
  try {
    answer = JSON.parse(text);
  } catch {
    throw new Error(
      `gateway trigger: ${method} ${url} answered a body that is not JSON: ${excerpt(text)}`,
    );
  }
  const pointer = trigger.ids ?? '/messages/*/id';
  const ids = selectAll(answer, pointer);
  if (!ids.every((id) => typeof id === 'string' || typeof id === 'number')) {
    throw new Error(
      `gateway trigger: ${method} ${url} answered non-string ids at ${pointer}: ${excerpt(text)}`,
    );
  }
  return ids.map(String);
}

/** Reads a status through an HTTP template; 404 means the gateway does not know the message. */
async function statusByTemplate(
  probe: HttpProbe,
  id: string,
  timeoutMs: number,
): Promise<string | undefined> {
  const url = String(renderTemplate(probe.url, { id: encodeURIComponent(id) }));
  const response = await fetch(url, {
    headers: renderTemplate(probe.headers ?? {}, { id }) as Record<string, string>,
    signal: AbortSignal.timeout(timeoutMs),
  });
  const text = await response.text();
  if (response.status === 404) return undefined;
  if (!response.ok)
    throw new Error(`gateway probe: GET ${url} answered ${response.status}: ${excerpt(text)}`);
  const pointer = probe.status ?? '/status';
  let status: unknown;
  try {
    status = selectAll(JSON.parse(text), pointer)[0];
  } catch {
    throw new Error(`gateway probe: GET ${url} answered a body that is not JSON: ${excerpt(text)}`);
  }
  if (typeof status !== 'string') {
    throw new Error(
      `gateway probe: GET ${url} answered no status string at ${pointer}: ${excerpt(text)}`,
    );
  }
  return probe.map?.[status] ?? status;
}

/**
 * A gateway adapter from the `gateway` section of a contract config: the trigger and probe as
 * HTTP templates or functions, callback URLs per provider and kind (kinds left out go to the
 * provider's first URL).
 */
export function createConfiguredGatewayAdapter(
  gateway: ContractConfig['gateway'],
  context: HookContext,
  timeoutMs = 30_000,
): GatewayAdapter {
  const trigger = gateway.trigger;
  const probe = gateway.probe;
  const adapter: GatewayAdapter = {
    async send(input) {
      if (typeof trigger === 'function') {
        const answer = await trigger(input, context);
        const ids = Array.isArray(answer) ? answer : answer?.ids;
        if (!Array.isArray(ids)) {
          throw new Error(
            `gateway trigger function returned ${JSON.stringify(answer)}; expected { ids: string[] } or string[]`,
          );
        }
        return { ids: ids.map(String) };
      }
      return { ids: await sendByTemplate(trigger, input, context, timeoutMs) };
    },
    callbackUrl(provider, kind) {
      const urls = gateway.callbacks[provider];
      if (!urls) {
        throw new Error(
          `gateway.callbacks has no URLs for ${provider}; add gateway.callbacks.${provider}.${kind}`,
        );
      }
      return urls[kind] ?? Object.values(urls)[0]!;
    },
  };
  if (probe !== undefined) {
    adapter.status = (id) =>
      typeof probe === 'function' ? probe(id, context) : statusByTemplate(probe, id, timeoutMs);
  }
  return adapter;
}
