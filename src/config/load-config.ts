import { readFileSync } from 'node:fs';
import { extname } from 'node:path';
import { parse as parseYaml, YAMLParseError } from 'yaml';
import { SimError } from '../engine/errors.js';
import { createAjv } from '../engine/validation/create-ajv.js';
import { deepMerge, isPlainObject } from '../engine/deep-merge.js';
import { configError } from '../engine/validation/config-error.js';
import {
  DEFAULT_CONFIG,
  SIM_CONFIG_SCHEMA,
  type SimConfig,
  type SimConfigInput,
} from './sim-config.js';

export { configError } from '../engine/validation/config-error.js';

const ajv = createAjv({ strict: false });
const validateSimConfig = ajv.compile(SIM_CONFIG_SCHEMA);

/** Merges `input` over the defaults and validates the result; throws a SimError naming the bad field. */
export function resolveConfig(input: SimConfigInput = {}): SimConfig {
  const merged = deepMerge(DEFAULT_CONFIG, input);
  if (!validateSimConfig(merged)) throw configError(validateSimConfig.errors![0]!, merged);
  return merged;
}

/** Reads a JSON or YAML config file (by extension; YAML also for `.yml`). */
export function readConfigFile(path: string): SimConfigInput {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new SimError(
      'config-file-unreadable',
      '--config',
      `cannot read config file ${path}: ${(error as Error).message}`,
    );
  }
  let parsed: unknown;
  try {
    parsed = ['.yaml', '.yml'].includes(extname(path).toLowerCase())
      ? parseYaml(text)
      : JSON.parse(text);
  } catch (error) {
    const where =
      error instanceof YAMLParseError && error.linePos
        ? ` at line ${error.linePos[0].line}, column ${error.linePos[0].col}`
        : '';
    throw new SimError(
      'config-file-invalid',
      '--config',
      `config file ${path} is not valid${where}: ${(error as Error).message}`,
    );
  }
  if (!isPlainObject(parsed)) {
    throw new SimError(
      'config-file-invalid',
      '--config',
      `config file ${path} must hold an object at the top level`,
      {
        expected: 'an object',
        actual: parsed,
      },
    );
  }
  return parsed;
}

const intOf = (name: string, raw: string): number => {
  const value = Number(raw);
  if (!Number.isInteger(value)) {
    throw new SimError('invalid-env', name, `${name}: expected an integer, got "${raw}"`, {
      expected: 'an integer',
      actual: raw,
    });
  }
  return value;
};

const boolOf = (name: string, raw: string): boolean => {
  const value = { true: true, '1': true, false: false, '0': false }[raw.toLowerCase()];
  if (value === undefined) {
    throw new SimError('invalid-env', name, `${name}: expected true or false, got "${raw}"`, {
      expected: 'true, false, 1 or 0',
      actual: raw,
    });
  }
  return value;
};

/** Config from `PROVIDER_SIM_*` environment variables (the flags' twins). */
export function configFromEnv(env: Record<string, string | undefined>): SimConfigInput {
  const out: SimConfigInput = {};
  if (env.PROVIDER_SIM_HOST) out.host = env.PROVIDER_SIM_HOST;
  if (env.PROVIDER_SIM_PORT) out.port = intOf('PROVIDER_SIM_PORT', env.PROVIDER_SIM_PORT);
  if (env.PROVIDER_SIM_SEED) out.seed = env.PROVIDER_SIM_SEED;
  if (env.PROVIDER_SIM_DETERMINISTIC_IDS)
    out.deterministicIds = boolOf(
      'PROVIDER_SIM_DETERMINISTIC_IDS',
      env.PROVIDER_SIM_DETERMINISTIC_IDS,
    );
  if (env.PROVIDER_SIM_REDIS_URL) out.state = { redis: env.PROVIDER_SIM_REDIS_URL };
  if (env.PROVIDER_SIM_CALLBACK_URL) out.callbackUrl = env.PROVIDER_SIM_CALLBACK_URL;
  if (env.PROVIDER_SIM_JOURNAL_SIZE)
    out.journal = { size: intOf('PROVIDER_SIM_JOURNAL_SIZE', env.PROVIDER_SIM_JOURNAL_SIZE) };
  if (env.PROVIDER_SIM_ADMIN_TOKEN) out.admin = { token: env.PROVIDER_SIM_ADMIN_TOKEN };
  if (env.PROVIDER_SIM_LOG_LEVEL)
    out.log = { level: env.PROVIDER_SIM_LOG_LEVEL as SimConfig['log']['level'] };
  return out;
}

/** Config sources, lowest precedence first after the defaults. */
export interface ConfigSources {
  /** Path of a JSON/YAML config file. */
  file?: string;
  env?: Record<string, string | undefined>;
  /** Values from command-line flags. */
  flags?: SimConfigInput;
}

/** defaults < file < env < flags, validated once. */
export function loadConfig(sources: ConfigSources): SimConfig {
  const fromFile = sources.file ? readConfigFile(sources.file) : {};
  const merged = deepMerge(
    deepMerge(fromFile, configFromEnv(sources.env ?? {})),
    sources.flags ?? {},
  );
  return resolveConfig(merged);
}
