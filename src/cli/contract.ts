import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { ArgumentsCamelCase, Argv, CommandModule } from 'yargs';
import { loadContract } from '../../contracts/registry.js';
import type { ContractConfig } from '../contracts/config/contract-config.js';
import { REPORTER_NAMES, type ReportTarget } from '../contracts/config/report-targets.js';
import { formatProgress, formatSummaryLine } from '../contracts/reporters/console.js';
import { renderReport } from '../contracts/reporters/render-report.js';
import type { ContractReport } from '../contracts/types.js';
import { SimError } from '../engine/errors.js';
import { placeContractRun, readPlacement, type ContractPlacement } from './contract-overrides.js';
import { adminTokenOption, resolveSimulatorUrl, seedOption } from './shared-options.js';

interface ContractArgs {
  config?: string;
  url?: string;
  /** As given: read by `integerFlag`, so an error shows the text. */
  port?: string;
  gatewayUrl?: string;
  adminToken?: string;
  provider?: string[];
  case?: string[];
  reporter?: string[];
  output?: string[];
  seed?: string;
  list?: boolean;
}

/** Config files looked for, in order, when --config is not given. */
const DEFAULT_CONFIGS = [
  'contract.config.yaml',
  'contract.config.yml',
  'contract.config.json',
  'contract.config.mjs',
  'contract.config.js',
];

/** Exit codes: 0 every case passed (or was skipped), 1 a case failed or errored, 2 a usage or config error. */
const EXIT_FAILED = 1;
const EXIT_USAGE = 2;

/** Title of every report the command writes. */
const REPORT_TITLE = 'provider-sim contract';

function usageError(message: string): void {
  process.stderr.write(`provider-sim contract: ${message}\n`);
  process.exitCode = EXIT_USAGE;
}

/** Prints the selected cases without running them. */
async function listCases(config: ContractConfig): Promise<void> {
  for (const provider of config.providers) {
    for (const c of await loadContract(provider)) {
      if (config.cases.only && !config.cases.only.includes(c.id)) continue;
      if (config.cases.skip?.includes(c.id)) continue;
      const needs = c.requires?.length ? ` [needs ${c.requires.join(', ')}]` : '';
      process.stdout.write(`${c.id}  ${c.title}${needs}\n`);
    }
  }
}

/** The config with the command line's values over the file's; undefined after a usage error. */
async function readConfig(
  args: ArgumentsCamelCase<ContractArgs>,
): Promise<ContractConfig | undefined> {
  const path = args.config ?? DEFAULT_CONFIGS.find((file) => existsSync(file));
  if (path === undefined) {
    usageError(`no --config given and none of ${DEFAULT_CONFIGS.join(', ')} here`);
    return undefined;
  }
  let url: string | undefined;
  let placement: ContractPlacement;
  try {
    // Only a given --url means a running simulator: without one the command starts its own.
    url = args.url === undefined ? undefined : resolveSimulatorUrl(args.url, process.env);
    placement = readPlacement(args, process.env);
  } catch (error) {
    usageError((error as Error).message);
    return undefined;
  }
  let config: ContractConfig;
  try {
    const { loadContractConfig } = await import('../contracts/config/load-contract-config.js');
    config = await loadContractConfig(path, {
      ...(args.seed !== undefined && { seed: args.seed }),
      ...(args.provider && { providers: args.provider }),
      ...(args.case && { only: args.case }),
      ...(url !== undefined && { url }),
      ...(args.reporter !== undefined && { reporters: args.reporter }),
      ...(args.output !== undefined && { outputs: args.output }),
    });
    const token = args.adminToken ?? process.env.PROVIDER_SIM_ADMIN_TOKEN;
    if (token !== undefined)
      config.simulator.config = {
        ...config.simulator.config,
        admin: { ...config.simulator.config.admin, token },
      };
  } catch (error) {
    usageError(`${path}: ${(error as Error).message}`);
    return undefined;
  }
  try {
    return placeContractRun(config, placement);
  } catch (error) {
    usageError((error as Error).message);
    return undefined;
  }
}

/** False (after a usage error) when `--case` or `cases.skip` names a case no chosen provider has. */
async function checkCaseIds(config: ContractConfig): Promise<boolean> {
  const ids = (
    await Promise.all(config.providers.map(async (provider) => loadContract(provider)))
  ).flatMap((cases) => cases.map((c) => c.id));
  for (const [name, chosen] of [
    ['--case / cases.only', config.cases.only],
    ['cases.skip', config.cases.skip],
  ] as const) {
    const unknown = (chosen ?? []).filter((id) => !ids.includes(id));
    if (unknown.length > 0) {
      usageError(
        `${name} names no case ${unknown.map((id) => `"${id}"`).join(', ')} of ${config.providers.join(', ')}; see --list`,
      );
      return false;
    }
  }
  return true;
}

/** Writes every configured report: to its file, or (one machine format at most) to stdout. */
function writeReports(
  report: ContractReport,
  targets: readonly ReportTarget[],
  say: (text: string) => void,
): void {
  for (const { reporter, output } of targets) {
    if (output === undefined) {
      // The console report is the progress already shown.
      if (reporter !== 'console')
        process.stdout.write(renderReport(report, reporter, REPORT_TITLE));
      continue;
    }
    mkdirSync(dirname(output), { recursive: true });
    writeFileSync(output, renderReport(report, reporter, REPORT_TITLE));
    say(`${reporter} report written to ${output}`);
  }
}

async function run(args: ArgumentsCamelCase<ContractArgs>): Promise<void> {
  const config = await readConfig(args);
  if (config === undefined || !(await checkCaseIds(config))) return;
  if (args.list) {
    await listCases(config);
    return;
  }
  const { targets } = config.report;
  // A machine report without a file owns stdout; the readable progress then goes to stderr.
  const machineOnStdout = targets.some((t) => t.reporter !== 'console' && t.output === undefined);
  const say = (text: string): void => {
    (machineOnStdout ? process.stderr : process.stdout).write(`${text}\n`);
  };
  const progress = { index: 0, total: 0 };
  try {
    const { runConfiguredContract } = await import('../contracts/run-configured-contract.js');
    const report = await runConfiguredContract(config, {
      onInfo: say,
      onCaseStart: (_case, index, total) => {
        progress.total = total;
        if (index === 0)
          say(`running ${total} case(s) of ${config.providers.join(', ')} (seed "${config.seed}")`);
      },
      onResult: (result) => say(formatProgress(result, progress.index++, progress.total)),
    });
    say(formatSummaryLine(report, 'contract'));
    writeReports(report, targets, say);
    if (report.summary.failed + report.summary.errored > 0) process.exitCode = EXIT_FAILED;
  } catch (error) {
    if (error instanceof SimError) {
      usageError(error.message);
      return;
    }
    process.stderr.write(`provider-sim contract: ${(error as Error).message}\n`);
    process.exitCode = EXIT_FAILED;
  }
}

/** `provider-sim contract`: drives a gateway through the configured hooks and runs the providers' contract cases. */
export const contractCommand: CommandModule<object, ContractArgs> = {
  command: 'contract',
  describe: "Run the providers' contract cases against a gateway (active mode)",
  builder: (yargs: Argv) =>
    yargs.options({
      config: {
        type: 'string',
        description: `Contract config: YAML, JSON, or a .js/.mjs module (.ts under tsx)`,
        defaultDescription: DEFAULT_CONFIGS.join(' | '),
      },
      url: {
        type: 'string',
        description: 'Use the simulator running at this URL instead of starting one',
      },
      port: {
        type: 'string',
        description:
          'Port of the simulator the command starts, over the config file (also PROVIDER_SIM_PORT)',
        defaultDescription: 'simulator.config.port, else 4010',
      },
      'gateway-url': {
        type: 'string',
        description:
          'Move every gateway URL of the config (ready, trigger, probe, callbacks) to this origin, keeping paths, e.g. http://127.0.0.1:8081',
      },
      ...adminTokenOption,
      provider: {
        type: 'string',
        array: true,
        description: 'Run only these providers’ cases (repeatable)',
      },
      case: { type: 'string', array: true, description: 'Run only these case ids (repeatable)' },
      reporter: {
        type: 'string',
        array: true,
        choices: REPORTER_NAMES,
        description: 'Report format, repeatable (--reporter junit --reporter html)',
        defaultDescription: 'console',
      },
      output: {
        type: 'string',
        array: true,
        description:
          'File of the report (one reporter), or <reporter>=<file> per reporter (--output html=report.html); without one, a machine format goes to stdout',
      },
      ...seedOption,
      list: { type: 'boolean', description: 'List the selected cases and exit' },
    }),
  handler: run,
};
