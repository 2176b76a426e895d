import { SimError } from '../engine/errors.js';
import { adminAuthHeaders } from './shared-options.js';

/** One problem an admin answer names: where (JSON pointer) and what. */
export interface AdminProblem {
  pointer: string;
  detail: string;
}

/**
 * The simulator refused what a command sent (400 or 404): a usage error of the command (exit 2),
 * whose flags decide how to word it.
 */
export class AdminRefusal extends SimError {
  constructor(
    readonly status: number,
    readonly problems: readonly AdminProblem[],
  ) {
    super(
      'admin-refused',
      problems[0]?.pointer ?? '/',
      problems.map((p) => p.detail).join('; ') || `refused (HTTP ${status})`,
    );
  }
}

/** What `callAdmin` sends. */
export interface AdminCall {
  method?: string;
  /** The admin token flag's value (else `PROVIDER_SIM_ADMIN_TOKEN`). */
  token?: string | undefined;
  /** Sent as JSON. */
  body?: unknown;
}

/**
 * Calls `path` of the admin API of the simulator at `base` and answers the parsed JSON. Throws
 * an `AdminRefusal` when the simulator refuses the input, and a plain error (exit code 1) when it
 * cannot be reached or fails otherwise (a missing token, a server error).
 */
export async function callAdmin<T>(base: string, path: string, call: AdminCall = {}): Promise<T> {
  const url = `${base}/__admin${path}`;
  let response: Response;
  try {
    response = await fetch(url, {
      method: call.method ?? 'GET',
      headers: {
        ...adminAuthHeaders(call.token),
        ...(call.body !== undefined && { 'content-type': 'application/json' }),
      },
      ...(call.body !== undefined && { body: JSON.stringify(call.body) }),
    });
  } catch (error) {
    throw new Error(
      `cannot reach the simulator at ${base} (${(error as Error).message}); is it running? (--url, PROVIDER_SIM_URL or PROVIDER_SIM_PORT)`,
    );
  }
  const answer = (await response.json().catch(() => ({}))) as {
    errors?: { pointer?: string; detail?: string }[];
  };
  if (response.ok) return answer as T;
  const problems = (answer.errors ?? []).map((e) => ({
    pointer: e.pointer ?? '',
    detail: e.detail ?? '',
  }));
  if (response.status === 400 || response.status === 404)
    throw new AdminRefusal(response.status, problems);
  const detail = problems.map((p) => p.detail).join('; ');
  throw new Error(`${url} answered ${response.status}${detail ? `: ${detail}` : ''}`);
}
