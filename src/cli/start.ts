import type { ArgumentsCamelCase, Argv, CommandModule } from 'yargs';
import { loadConfig } from '../config/load-config.js';
import { locateScenarioError, readScenarioFile } from '../config/read-scenario-file.js';
import type { SimConfigInput } from '../config/sim-config.js';
import { createSimulator, type Simulator } from '../engine/create-simulator.js';
import type { ProviderSummary } from '../engine/describe-providers.js';
import type { RuleListing } from '../engine/faults/fault-registry.js';
import { loadProviders } from '../../simulators/registry.js';
import { integerFlag, positiveFlag, reportError, seedOption } from './shared-options.js';

interface StartArgs {
  /** As given: read by `integerFlag`, so an error shows the text. */
  port?: string;
  host?: string;
  seed?: string;
  config?: string;
  callbackUrl?: string;
  logLevel?: string;
  scenario?: string[];
  speed?: string;
}

/** The start banner: where each provider listens, what it accepts and where it calls back. */
export function formatBanner(
  url: string,
  seed: string,
  providers: readonly ProviderSummary[],
  faults: readonly RuleListing[] = [],
): string {
  const lines = [`provider-sim listening on ${url} (seed "${seed}")`, ''];
  for (const p of providers) {
    lines.push(`${p.id}  ${p.title}`);
    for (const r of p.routes) {
      lines.push(`  ${r.method} ${r.url}`);
      if (r.credentials) lines.push(`    accepts (${r.auth}): ${r.credentials}`);
    }
    for (const [kind, targets] of Object.entries(p.callbacks)) {
      const where =
        targets.length > 0
          ? targets.join(', ')
          : `(none: set --callback-url, or providers.${p.id}.callbacks.${kind} in the config file)`;
      lines.push(`  ${kind} callbacks -> ${where}`);
    }
    for (const note of p.notes) lines.push(`  ${note}`);
    lines.push('');
  }
  if (faults.length > 0) {
    lines.push('fault rules (first that applies wins):');
    for (const rule of faults) lines.push(`  [${rule.source}] ${rule.id}: ${rule.sentence}`);
    lines.push('');
  }
  lines.push(`inbox: ${url}/ (every message as the phone shows it; reply as the customer)`);
  lines.push(
    `admin API: ${url}/__admin/health, ${url}/__admin/journal, ${url}/__admin/providers, ${url}/__admin/faults`,
  );
  return `${lines.join('\n')}\n`;
}

async function run(args: ArgumentsCamelCase<StartArgs>): Promise<void> {
  let simulator: Simulator;
  try {
    const flags: SimConfigInput = {};
    const port = integerFlag('--port', args.port, { min: 0, max: 65535 });
    if (port !== undefined) flags.port = port;
    if (args.host !== undefined) flags.host = args.host;
    if (args.seed !== undefined) flags.seed = args.seed;
    if (args.callbackUrl !== undefined) flags.callbackUrl = args.callbackUrl;
    if (args.logLevel !== undefined) flags.log = { level: args.logLevel as 'info' };
    const speed = positiveFlag('--speed', args.speed);
    if (speed !== undefined) flags.clock = { speed };
    const config = loadConfig({
      file: args.config ?? process.env.PROVIDER_SIM_CONFIG,
      env: process.env,
      flags,
    });
    simulator = createSimulator(config, await loadProviders());
    for (const path of args.scenario ?? []) {
      const file = readScenarioFile(path);
      try {
        simulator.faults.loadScenario(file.document);
      } catch (error) {
        locateScenarioError(file, error);
      }
    }
    const url = await simulator.listen();
    process.stdout.write(
      formatBanner(url, config.seed, simulator.describe(), simulator.faults.list()),
    );
  } catch (error) {
    reportError(error);
    return;
  }
  let stopping = false;
  const stop = (signal: string): void => {
    if (stopping) return;
    stopping = true;
    process.stdout.write(`\n${signal}: sending pending callbacks, then stopping...\n`);
    void simulator.close({ drain: true }).then((report) => {
      process.stdout.write(
        `stopped: ${report.flushed} scheduled step(s) run early, ${report.undelivered} callback(s) undelivered, ${report.unfinished} unfinished\n`,
      );
      process.exit(0);
    });
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

/** `provider-sim start`: serves every provider until stopped (SIGINT/SIGTERM drain pending callbacks). */
export const startCommand: CommandModule<object, StartArgs> = {
  command: 'start',
  describe: 'Start the simulators (all providers) and the admin API',
  builder: (yargs: Argv) =>
    yargs.options({
      port: {
        type: 'string',
        description: 'Port to listen on (0 = any free port)',
        defaultDescription: '4010',
      },
      host: {
        type: 'string',
        description: 'Interface to listen on',
        defaultDescription: '127.0.0.1',
      },
      ...seedOption,
      config: {
        type: 'string',
        description: 'JSON or YAML config file (also PROVIDER_SIM_CONFIG)',
      },
      'callback-url': {
        type: 'string',
        description: 'Default target of every callback (DLRs, inbound) of every provider',
      },
      scenario: {
        type: 'string',
        array: true,
        description: 'Fault scenario file (YAML or JSON) to load at start; repeatable',
      },
      speed: {
        type: 'string',
        description:
          'Run simulated time this many times faster (DLR delays, callback retries, the 24-hour window)',
        defaultDescription: '1',
      },
      'log-level': {
        type: 'string',
        choices: ['silent', 'error', 'warn', 'info', 'debug'],
        description: 'Log verbosity (JSON lines on stderr)',
        defaultDescription: 'warn',
      },
    }),
  handler: run,
};
