import type { JournalQuery } from '../engine/journal/query.js';
import type { ServeEvent } from '../engine/journal/serve-event.js';
import { SchemaRegistry } from '../engine/validation/schema-registry.js';
import type { ContractSimulator } from './types.js';

/** What `GET /__admin/health` says. */
export interface SimulatorHealth {
  status: string;
  seed: string;
  providers: string[];
  journal: { size: number; capacity: number; recorded: number };
}

/** A simulator reached over its admin API, as the suite uses it. */
export interface RemoteSimulator extends ContractSimulator {
  readonly url: string;
  health(): Promise<SimulatorHealth>;
}

interface AdminErrors {
  errors?: { pointer?: string; detail?: string }[];
}

/** How a remote simulator is reached. */
export interface ConnectOptions {
  /** Longest wait for one admin answer (default 10 s). */
  timeoutMs?: number;
  /** The simulator's admin token (`--admin-token`); default `PROVIDER_SIM_ADMIN_TOKEN`. */
  adminToken?: string;
}

/**
 * A running simulator (`provider-sim start`) reached over its admin API: journal reads, fault
 * rules. Schemas are the package's own, as the simulator's are. Throws on the first call when
 * the simulator cannot be reached, naming its URL.
 */
export function connectSimulator(baseUrl: string, options: ConnectOptions = {}): RemoteSimulator {
  const url = baseUrl.replace(/\/+$/, '');
  const admin = `${url}/__admin`;
  const timeoutMs = options.timeoutMs ?? 10_000;
  const token = options.adminToken ?? process.env.PROVIDER_SIM_ADMIN_TOKEN;
  const auth: Record<string, string> = token ? { authorization: `Bearer ${token}` } : {};
  const call = async <T>(method: string, path: string, body?: unknown): Promise<T> => {
    let response: Response;
    try {
      response = await fetch(`${admin}${path}`, {
        method,
        headers: { ...auth, ...(body !== undefined && { 'content-type': 'application/json' }) },
        ...(body !== undefined && { body: JSON.stringify(body) }),
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch (error) {
      throw new Error(
        `cannot reach the simulator at ${url} (${(error as Error).message}); is provider-sim start running there?`,
      );
    }
    const text = await response.text();
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      throw new Error(
        `${method} ${admin}${path} answered ${response.status} without JSON: ${text.slice(0, 200)}`,
      );
    }
    if (!response.ok) {
      const details = (parsed as AdminErrors).errors
        ?.map((e) => `${e.pointer ?? ''} ${e.detail ?? ''}`.trim())
        .join('; ');
      throw new Error(
        `${method} ${admin}${path} answered ${response.status}: ${details ?? text.slice(0, 200)}`,
      );
    }
    return parsed as T;
  };
  return {
    url,
    health: () => call<SimulatorHealth>('GET', '/health'),
    journal: {
      async list(query: JournalQuery = {}) {
        const params = new URLSearchParams();
        for (const [key, value] of Object.entries(query)) {
          if (value !== undefined) params.set(key, String(value));
        }
        const search = params.size > 0 ? `?${params.toString()}` : '';
        return (await call<{ requests: ServeEvent[] }>('GET', `/journal${search}`)).requests;
      },
      async clear() {
        await call('DELETE', '/journal');
      },
    },
    schemas: new SchemaRegistry(),
    faults: {
      addRules: (rules: unknown) => call('POST', '/faults', rules),
      async remove(id: string) {
        await call('DELETE', `/faults/${encodeURIComponent(id)}`);
        return true;
      },
    },
  };
}
