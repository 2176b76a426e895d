import { readFileSync } from 'node:fs';
import { dirname, extname, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parse as parseYaml, YAMLParseError } from 'yaml';
import { CONTRACT_REGISTRY } from '../../../contracts/registry.js';
import { configError, resolveConfig } from '../../config/load-config.js';
import { SimError } from '../../engine/errors.js';
import { createAjv } from '../../engine/validation/create-ajv.js';
import { DEFAULT_CONTRACT_SETTINGS } from '../contract-settings.js';
import { checkPlaceholders } from '../gateway-adapters/trigger-template.js';
import { resolveReportTargets, type ReportTarget } from './report-targets.js';
import {
  CONTRACT_CONFIG_SCHEMA,
  type ContractConfig,
  type ContractConfigInput,
  type HttpProbe,
  type HttpTrigger,
  type ModuleHook,
  type SendHook,
  type StatusHook,
} from './contract-config.js';

const validateShape = createAjv({ strict: false }).compile(CONTRACT_CONFIG_SCHEMA);

/** Placeholders a trigger template may use. */
export const TRIGGER_PLACEHOLDERS = [
  'provider',
  'to',
  'text',
  'templateId',
  'international',
  'simulatorUrl',
] as const;

/** Extensions read as modules (the config's default or `config` export). */
const MODULE_EXTENSIONS = ['.js', '.mjs', '.cjs', '.ts', '.mts', '.cts'];

/** Values from the command line that beat the file. */
export interface ContractConfigOverrides {
  seed?: string;
  providers?: string[];
  only?: string[];
  url?: string;
  /** `--reporter`, repeatable; replaces the file's `report.reporter`. */
  reporters?: string[];
  /** `--output`, repeatable (`<file>` or `<reporter>=<file>`); replaces the file's `report.output`. */
  outputs?: string[];
}

/** The report targets: command-line values over the file's, checked, naming the setting at fault. */
function reportTargets(
  input: ContractConfigInput['report'],
  overrides: ContractConfigOverrides,
): ReportTarget[] {
  const fileReporters = input?.reporter === undefined ? undefined : [input.reporter].flat();
  const fileOutputs =
    input?.output === undefined
      ? undefined
      : typeof input.output === 'string'
        ? [input.output]
        : Object.entries(input.output).map(([name, path]) => `${name}=${path}`);
  const reporters = overrides.reporters ?? fileReporters;
  const outputs = overrides.outputs ?? fileOutputs;
  const names = {
    reporter: overrides.reporters ? '--reporter' : 'report.reporter',
    output: overrides.outputs ? '--output' : 'report.output',
  };
  try {
    return resolveReportTargets(reporters, outputs, names);
  } catch (error) {
    throw invalid('/report', (error as Error).message);
  }
}

const invalid = (pointer: string, message: string, actual?: unknown): SimError =>
  new SimError('invalid-contract-config', pointer, `contract config ${pointer}: ${message}`, {
    actual,
  });

/** Imports a module, explaining what Node 20 cannot import (TypeScript without a loader). */
async function importModule(path: string, pointer: string): Promise<Record<string, unknown>> {
  try {
    return (await import(pathToFileURL(path).href)) as Record<string, unknown>;
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code === 'ERR_UNKNOWN_FILE_EXTENSION' && /\.[mc]?ts$/.test(path)) {
      throw invalid(
        pointer,
        `cannot import ${path}: this Node cannot load TypeScript by itself. Compile it to .js/.mjs, or run under tsx (NODE_OPTIONS="--import tsx" npx provider-sim contract ...)`,
        path,
      );
    }
    if (code === 'ERR_MODULE_NOT_FOUND' && (error as Error).message.includes(path)) {
      throw invalid(pointer, `no module at ${path}`, path);
    }
    throw invalid(pointer, `cannot import ${path}: ${(error as Error).message}`, path);
  }
}

/** Reads the config file: YAML, JSON, or a module whose `config` (or default) export is the config or makes it. */
export async function readContractConfigFile(path: string): Promise<ContractConfigInput> {
  const extension = extname(path).toLowerCase();
  if (MODULE_EXTENSIONS.includes(extension)) {
    const module = await importModule(resolve(path), '--config');
    const exported = module.config ?? module.default;
    const value: unknown =
      typeof exported === 'function' ? await (exported as () => unknown)() : exported;
    if (value === null || typeof value !== 'object') {
      throw invalid('/', `${path} must export the config as \`config\` (or as its default export)`);
    }
    return value as ContractConfigInput;
  }
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new SimError(
      'config-file-unreadable',
      '--config',
      `cannot read contract config ${path}: ${(error as Error).message}`,
    );
  }
  try {
    return (
      ['.yaml', '.yml'].includes(extension) ? parseYaml(text) : JSON.parse(text)
    ) as ContractConfigInput;
  } catch (error) {
    const where =
      error instanceof YAMLParseError && error.linePos
        ? ` at line ${error.linePos[0].line}, column ${error.linePos[0].col}`
        : '';
    throw new SimError(
      'config-file-invalid',
      '--config',
      `contract config ${path} is not valid ${['.yaml', '.yml'].includes(extension) ? 'YAML' : 'JSON'}${where}: ${(error as Error).message}`,
    );
  }
}

/** `input` with hook functions swapped for module-shaped stand-ins, so the schema can check the rest. */
function shapeOf(input: ContractConfigInput): unknown {
  const gateway = input.gateway as Record<string, unknown> | undefined;
  if (!gateway || typeof gateway !== 'object') return input;
  const standIn = (hook: unknown): unknown =>
    typeof hook === 'function' ? { module: '(function)' } : hook;
  return {
    ...input,
    gateway: {
      ...gateway,
      trigger: standIn(gateway.trigger),
      ...(gateway.probe !== undefined && { probe: standIn(gateway.probe) }),
    },
  };
}

/** Loads a hook function from a module, or names what is missing. */
async function moduleFunction(
  hook: ModuleHook,
  fallback: string,
  baseDir: string,
  pointer: string,
): Promise<(...args: never[]) => unknown> {
  const path = resolve(baseDir, hook.module);
  const module = await importModule(path, `${pointer}/module`);
  const name = hook.export ?? fallback;
  const found = module[name];
  if (typeof found !== 'function') {
    const functions = Object.keys(module).filter((k) => typeof module[k] === 'function');
    throw invalid(
      `${pointer}/export`,
      `${hook.module} exports no function "${name}"; functions it exports: ${functions.join(', ') || '(none)'}`,
      name,
    );
  }
  return found as (...args: never[]) => unknown;
}

/** The providers to run (overrides, the config's list, or every callback entry), each checked. */
function checkedProviders(
  input: ContractConfigInput,
  overrides: ContractConfigOverrides,
): string[] {
  const { gateway } = input;
  const known = Object.keys(CONTRACT_REGISTRY);
  const providers = overrides.providers ?? input.providers ?? Object.keys(gateway.callbacks);
  providers.forEach((provider, i) => {
    const at = overrides.providers
      ? '--provider'
      : input.providers
        ? `/providers/${i}`
        : `/gateway/callbacks/${provider}`;
    if (!known.includes(provider))
      throw invalid(
        at,
        `no contract cases for provider "${provider}"; known: ${known.join(', ')}`,
        provider,
      );
    if (!gateway.callbacks[provider])
      throw invalid(
        `/gateway/callbacks/${provider}`,
        `is required to run ${provider}'s cases: where does the gateway take ${provider}'s callbacks?`,
      );
  });
  return providers;
}

/**
 * Checks `input` (with `overrides` from the command line) and fills in defaults: errors name the
 * field, what was expected and what was found. Relative module paths are read from `baseDir`.
 */
export async function resolveContractConfig(
  input: ContractConfigInput,
  baseDir: string,
  overrides: ContractConfigOverrides = {},
): Promise<ContractConfig> {
  if (!validateShape(shapeOf(input))) {
    const error = configError(validateShape.errors![0]!, shapeOf(input));
    throw new SimError(
      'invalid-contract-config',
      error.pointer,
      error.message.replace(/^config /, 'contract config '),
      { expected: error.expected, actual: error.actual },
    );
  }
  const { gateway } = input;

  let trigger: HttpTrigger | SendHook;
  if (typeof gateway.trigger === 'function') trigger = gateway.trigger;
  else if ('module' in gateway.trigger)
    trigger = (await moduleFunction(
      gateway.trigger,
      'send',
      baseDir,
      '/gateway/trigger',
    )) as SendHook;
  else {
    checkPlaceholders(
      { url: gateway.trigger.url, headers: gateway.trigger.headers, body: gateway.trigger.body },
      TRIGGER_PLACEHOLDERS,
      '/gateway/trigger',
    );
    trigger = gateway.trigger;
  }
  let probe: HttpProbe | StatusHook | undefined;
  if (typeof gateway.probe === 'function') probe = gateway.probe;
  else if (gateway.probe !== undefined && 'module' in gateway.probe)
    probe = (await moduleFunction(
      gateway.probe,
      'status',
      baseDir,
      '/gateway/probe',
    )) as StatusHook;
  else if (gateway.probe !== undefined) {
    checkPlaceholders(
      { url: gateway.probe.url, headers: gateway.probe.headers },
      ['id'],
      '/gateway/probe',
    );
    probe = gateway.probe;
  }

  const providers = checkedProviders(input, overrides);

  const simulatorConfig = { port: 4010, ...input.simulator?.config };
  try {
    resolveConfig(simulatorConfig);
  } catch (error) {
    if (!(error instanceof SimError)) throw error;
    const pointer = `/simulator/config${error.pointer === '/' ? '' : error.pointer}`;
    throw invalid(pointer, error.message.replace(/^config \S+: /, ''), error.actual);
  }
  const url = overrides.url ?? input.simulator?.url;
  const only = overrides.only ?? input.cases?.only;
  return {
    seed: overrides.seed ?? input.seed ?? DEFAULT_CONTRACT_SETTINGS.seed,
    providers,
    cases: { ...(only && { only }), ...(input.cases?.skip && { skip: input.cases.skip }) },
    simulator: { ...(url !== undefined && { url }), config: simulatorConfig },
    gateway: {
      ...(gateway.ready && {
        ready: { url: gateway.ready.url, timeoutMs: gateway.ready.timeoutMs ?? 30_000 },
      }),
      trigger,
      ...(probe !== undefined && { probe }),
      callbacks: gateway.callbacks,
      ...(gateway.concurrency !== undefined && { concurrency: gateway.concurrency }),
    },
    settings: { ...input.settings },
    timeouts: {
      settleMs: input.timeouts?.settleMs ?? 10_000,
      graceMs: input.timeouts?.graceMs ?? 100,
      caseMs: input.timeouts?.caseMs ?? 60_000,
      totalMs: input.timeouts?.totalMs ?? 15 * 60_000,
    },
    report: { targets: reportTargets(input.report, overrides) },
    baseDir,
  };
}

/** Reads, checks and completes the contract config at `path` (YAML, JSON, or a JS/TS module). */
export async function loadContractConfig(
  path: string,
  overrides: ContractConfigOverrides = {},
): Promise<ContractConfig> {
  return resolveContractConfig(
    await readContractConfigFile(path),
    dirname(resolve(path)),
    overrides,
  );
}
