import { SimError } from '../engine/errors.js';

/** Options every command that starts or reaches a simulator shares. */
export const seedOption = {
  seed: {
    type: 'string',
    description: 'Seed of every random choice (same seed + same requests = same run)',
  },
} as const;

/** Exit code of a usage or config error (a bad flag, file or value). */
export const EXIT_USAGE = 2;

/**
 * Writes a user-facing error and sets a failing exit code: 2 for a usage or config error (a
 * `SimError`, which names the setting), 1 for anything else (a port in use, a simulator gone).
 * `command` names the command in the message (`provider-sim verify: ...`).
 */
export function reportError(error: unknown, command?: string): void {
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(`provider-sim${command ? ` ${command}` : ''}: ${message}\n`);
  process.exitCode = error instanceof SimError ? EXIT_USAGE : 1;
}

/** Writes a usage error naming the flag and sets exit code 2. */
export function usageError(message: string): void {
  process.stderr.write(`provider-sim: ${message}\n`);
  process.exitCode = EXIT_USAGE;
}

/** The port a simulator listens on when nothing says otherwise. */
export const DEFAULT_SIMULATOR_PORT = 4010;

/** Hosts that mean "every interface": a client on this machine reaches them on loopback. */
const WILDCARD_HOSTS = new Set(['0.0.0.0', '::', '[::]']);

/** A port number from text; throws a `SimError` naming `name` and showing `raw` as given. */
function portOf(name: string, raw: string): number {
  const port = Number(raw);
  if (!/^\d+$/.test(raw.trim()) || port < 1 || port > 65535) {
    throw new SimError(
      'invalid-flag',
      name,
      `${name} must be a port from 1 to 65535; got "${raw}"`,
      {
        actual: raw,
      },
    );
  }
  return port;
}

/** `raw` if it is an http(s) URL, without trailing slashes; else a `SimError` naming `name`. */
function httpUrlOf(name: string, raw: string): string {
  const parsed = URL.canParse(raw) ? new URL(raw) : undefined;
  if (!parsed || !['http:', 'https:'].includes(parsed.protocol)) {
    throw new SimError(
      'invalid-flag',
      name,
      `${name} must be an http(s) URL such as http://127.0.0.1:4010; got "${raw}"`,
      { actual: raw },
    );
  }
  return raw.replace(/\/+$/, '');
}

/**
 * The base URL of the running simulator a client command talks to, resolved the same way by every
 * command: `--url`, else `PROVIDER_SIM_URL`, else `http://<PROVIDER_SIM_HOST or 127.0.0.1>:<
 * PROVIDER_SIM_PORT or 4010>` (the variables `start` listens by). Throws a `SimError` naming the
 * flag or variable whose value is not usable.
 */
export function resolveSimulatorUrl(
  flag: string | undefined,
  env: Readonly<Record<string, string | undefined>>,
): string {
  if (flag !== undefined) return httpUrlOf('--url', flag);
  if (env.PROVIDER_SIM_URL) return httpUrlOf('PROVIDER_SIM_URL', env.PROVIDER_SIM_URL);
  const port = env.PROVIDER_SIM_PORT
    ? portOf('PROVIDER_SIM_PORT', env.PROVIDER_SIM_PORT)
    : DEFAULT_SIMULATOR_PORT;
  const host = env.PROVIDER_SIM_HOST?.trim();
  const reachable = !host || WILDCARD_HOSTS.has(host) ? '127.0.0.1' : host;
  const literal =
    reachable.includes(':') && !reachable.startsWith('[') ? `[${reachable}]` : reachable;
  return httpUrlOf('PROVIDER_SIM_HOST', `http://${literal}:${port}`);
}

/** `--url` of every client command; read through `resolveSimulatorUrl`. */
export const simulatorUrlOption = {
  url: {
    type: 'string',
    description:
      'Base URL of the running simulator (else PROVIDER_SIM_URL, else PROVIDER_SIM_HOST and PROVIDER_SIM_PORT)',
    defaultDescription: 'http://127.0.0.1:4010',
  },
} as const;

/**
 * A whole-number flag read from its text as given, so an error shows `abc` and not a parsed NaN;
 * undefined when the flag is absent. Throws a `SimError` naming the flag.
 */
export function integerFlag(
  name: string,
  raw: string | undefined,
  range: { min: number; max: number },
): number | undefined {
  if (raw === undefined) return undefined;
  const value = Number(raw);
  if (!/^\d+$/.test(raw.trim()) || value < range.min || value > range.max) {
    throw new SimError(
      'invalid-flag',
      name,
      `${name} must be a whole number from ${range.min} to ${range.max}; got "${raw}"`,
      { actual: raw },
    );
  }
  return value;
}

/** A positive number flag read from its text as given; throws a `SimError` naming the flag. */
export function positiveFlag(name: string, raw: string | undefined): number | undefined {
  if (raw === undefined) return undefined;
  const value = Number(raw);
  if (raw.trim() === '' || !Number.isFinite(value) || value <= 0) {
    throw new SimError('invalid-flag', name, `${name} must be a positive number; got "${raw}"`, {
      actual: raw,
    });
  }
  return value;
}

/** `--admin-token` of the commands that reach a running simulator's admin API. */
export const adminTokenOption = {
  'admin-token': {
    type: 'string',
    description:
      "The simulator's admin token, when it was started with one (also PROVIDER_SIM_ADMIN_TOKEN)",
  },
} as const;

/** The `Authorization` header for `token` (the flag, else `PROVIDER_SIM_ADMIN_TOKEN`); none without one. */
export function adminAuthHeaders(token: string | undefined): Record<string, string> {
  const effective = token ?? process.env.PROVIDER_SIM_ADMIN_TOKEN;
  return effective ? { authorization: `Bearer ${effective}` } : {};
}
