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
 */
export function reportError(error: unknown): void {
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(`provider-sim: ${message}\n`);
  process.exitCode = error instanceof SimError ? EXIT_USAGE : 1;
}

/** Writes a usage error naming the flag and sets exit code 2. */
export function usageError(message: string): void {
  process.stderr.write(`provider-sim: ${message}\n`);
  process.exitCode = EXIT_USAGE;
}

/**
 * The running simulator client commands talk to: `PROVIDER_SIM_URL`, else
 * `http://127.0.0.1:<PROVIDER_SIM_PORT or 4010>`.
 */
export function defaultSimulatorUrl(env: Readonly<Record<string, string | undefined>>): string {
  if (env.PROVIDER_SIM_URL) return env.PROVIDER_SIM_URL;
  return `http://127.0.0.1:${env.PROVIDER_SIM_PORT || '4010'}`;
}

/** `--url` of the client commands (`fault`, `inbound`), defaulting from the environment. */
export const simulatorUrlOption = {
  url: {
    type: 'string',
    default: defaultSimulatorUrl(process.env),
    description: 'Base URL of the running simulator (also PROVIDER_SIM_URL, or PROVIDER_SIM_PORT)',
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
