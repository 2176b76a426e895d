import type { ArgumentsCamelCase, Argv, CommandModule } from 'yargs';
import type { SimConfigInput } from '../config/sim-config.js';
import type { Simulator } from '../app/create-simulator.js';
import {
  isClusterWorker,
  requireSharedState,
  resolveWorkerCount,
  runWorkers,
  workerIndex,
} from './cluster-workers.js';
import { formatBanner, formatFullListing } from './banner.js';
import { checkAdminExposure } from './admin-exposure.js';
import { integerFlag, positiveFlag, reportError, seedOption } from './shared-options.js';

interface StartArgs {
  /** As given: read by `integerFlag`, so an error shows the text. */
  port?: string;
  host?: string;
  seed?: string;
  deterministicIds?: boolean;
  config?: string;
  callbackUrl?: string;
  logLevel?: string;
  scenario?: string[];
  speed?: string;
  undeliveredFile?: string;
  verbose?: boolean;
  adminToken?: string;
  insecureAdmin?: boolean;
  redis?: string;
  workers?: string;
}

/** The start banner (kept here for callers that import it from the start command). */
export { formatBanner } from './banner.js';

async function run(args: ArgumentsCamelCase<StartArgs>): Promise<void> {
  let simulator: Simulator;
  try {
    const [
      { loadConfig },
      { locateScenarioError, readScenarioFile },
      { openSimulator },
      { loadProviders },
    ] = await Promise.all([
      import('../config/load-config.js'),
      import('../config/read-scenario-file.js'),
      import('../app/create-simulator.js'),
      import('../../simulators/registry.js'),
    ]);
    const flags: SimConfigInput = {};
    const port = integerFlag('--port', args.port, { min: 0, max: 65535 });
    if (port !== undefined) flags.port = port;
    if (args.host !== undefined) flags.host = args.host;
    if (args.seed !== undefined) flags.seed = args.seed;
    if (args.deterministicIds !== undefined) flags.deterministicIds = args.deterministicIds;
    if (args.callbackUrl !== undefined) flags.callbackUrl = args.callbackUrl;
    if (args.logLevel !== undefined) flags.log = { level: args.logLevel as 'info' };
    const speed = positiveFlag('--speed', args.speed);
    if (speed !== undefined) flags.clock = { speed };
    if (args.undeliveredFile !== undefined)
      flags.callbacks = { undeliveredFile: args.undeliveredFile };
    if (args.adminToken !== undefined) flags.admin = { token: args.adminToken };
    if (args.redis !== undefined) flags.state = { redis: args.redis };
    const config = loadConfig({
      file: args.config ?? process.env.PROVIDER_SIM_CONFIG,
      env: process.env,
      flags,
    });
    const warning = checkAdminExposure(config, args.insecureAdmin === true);
    const workers = resolveWorkerCount(args.workers ?? process.env.PROVIDER_SIM_WORKERS);
    requireSharedState(workers, config.state.redis);
    if (workers > 1 && !isClusterWorker()) {
      process.stdout.write(`provider-sim: starting ${workers} workers on port ${config.port}\n`);
      process.exit(await runWorkers(workers, (line) => process.stderr.write(`${line}\n`)));
    }
    simulator = await openSimulator(config, await loadProviders());
    for (const path of args.scenario ?? []) {
      const file = readScenarioFile(path);
      try {
        simulator.faults.loadScenario(file.document);
      } catch (error) {
        locateScenarioError(file, error);
      }
    }
    const url = await simulator.listen();
    const banner = args.verbose
      ? `provider-sim listening on ${url} (seed "${config.seed}")\n\n${formatFullListing(url, simulator.describe(), simulator.faults.list())}`
      : formatBanner(url, config.seed, simulator.describe(), simulator.faults.list());
    // One banner per cluster: the other workers serve the same port silently.
    if (workerIndex() === 0) process.stdout.write(banner);
    if (warning && workerIndex() === 0) process.stderr.write(`provider-sim: warning: ${warning}\n`);
  } catch (error) {
    reportError(error);
    // A worker's IPC channel to the primary would keep it alive: leave, so the primary sees it.
    if (isClusterWorker()) process.exit();
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
      redis: {
        type: 'string',
        description:
          'Share all state with other replicas through this Redis (redis://host:port; also PROVIDER_SIM_REDIS_URL)',
      },
      workers: {
        type: 'string',
        description:
          'Processes serving the one port: a number or "auto" (one per core); needs --redis',
        defaultDescription: '1',
      },
      'deterministic-ids': {
        type: 'boolean',
        description:
          'Repeat ids, nonces and tokens for the same seed (for golden files); also PROVIDER_SIM_DETERMINISTIC_IDS',
      },
      config: {
        type: 'string',
        description: 'JSON or YAML config file (also PROVIDER_SIM_CONFIG)',
      },
      'callback-url': {
        type: 'string',
        description: 'Default target of every callback (DLRs, inbound) of every provider',
      },
      'undelivered-file': {
        type: 'string',
        description:
          'Append callbacks still undelivered at shutdown here, one JSON line each (default: stderr)',
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
      'admin-token': {
        type: 'string',
        description:
          'Token the admin API (/__admin) asks for as "Authorization: Bearer <token>"; also PROVIDER_SIM_ADMIN_TOKEN. Needed with a non-loopback --host',
      },
      'insecure-admin': {
        type: 'boolean',
        description: 'Serve the admin API on a non-loopback --host without a token (warns)',
      },
      verbose: {
        type: 'boolean',
        description: 'Print every route, credential, callback target and note at start',
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
