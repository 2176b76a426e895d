import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { ArgumentsCamelCase, Argv, CommandModule } from 'yargs';
import type { ReporterName } from '../contracts/config/contract-config.js';
import { SimError } from '../engine/errors.js';
import {
  adminTokenOption,
  integerFlag,
  reportError,
  resolveSimulatorUrl,
  simulatorUrlOption,
} from './shared-options.js';

interface VerifyArgs {
  url?: string;
  adminToken?: string;
  provider?: string[];
  /** As given: read by `integerFlag`, so an error shows the text. */
  callbackDeadlineMs?: string;
  errorsOnly?: boolean;
  allowEmpty?: boolean;
  reporter?: ReporterName;
  output?: string;
}

async function run(args: ArgumentsCamelCase<VerifyArgs>): Promise<void> {
  try {
    const callbackDeadlineMs =
      integerFlag('--callback-deadline-ms', args.callbackDeadlineMs, {
        min: 1,
        max: 24 * 60 * 60 * 1000,
      }) ?? 5000;
    const [
      { loadProviders },
      { connectSimulator },
      { formatSummaryLine },
      { renderReport },
      { routeSchemasOf, verifyJournal },
    ] = await Promise.all([
      import('../../simulators/registry.js'),
      import('../contracts/remote-simulator.js'),
      import('../contracts/reporters/console.js'),
      import('../contracts/reporters/render-report.js'),
      import('../contracts/verify-journal.js'),
    ]);
    const simulator = connectSimulator(resolveSimulatorUrl(args.url, process.env), {
      ...(args.adminToken !== undefined && { adminToken: args.adminToken }),
    });
    const health = await simulator.health();
    const unknown = (args.provider ?? []).filter((p) => !health.providers.includes(p));
    if (unknown.length > 0) {
      throw new SimError(
        'invalid-flag',
        '--provider',
        `--provider ${unknown.join(', ')} is not served at ${simulator.url}; served: ${health.providers.join(', ')}`,
        { actual: unknown },
      );
    }
    const entries = await simulator.journal.list();
    const report = verifyJournal(entries, {
      schemas: simulator.schemas,
      routeSchemas: routeSchemasOf(await loadProviders(health.providers)),
      callbackDeadlineMs,
      includeWarnings: !args.errorsOnly,
      ...(args.provider && { providers: args.provider }),
      journal: health.journal,
    });
    if (report.summary.total === 0) {
      const message = `the journal at ${simulator.url} holds nothing to check; did the tests send through ${simulator.url}?`;
      if (args.allowEmpty) {
        process.stdout.write(`${message} (--allow-empty)\n`);
        return;
      }
      process.stderr.write(`provider-sim verify: ${message}\n`);
      process.exitCode = 1;
      return;
    }
    const reporter = args.reporter ?? 'console';
    const rendered = renderReport(report, reporter, 'provider-sim verify');
    const machineOnStdout = reporter !== 'console' && args.output === undefined;
    const say = (text: string): void => {
      (machineOnStdout ? process.stderr : process.stdout).write(`${text}\n`);
    };
    if (args.output !== undefined) {
      mkdirSync(dirname(args.output), { recursive: true });
      writeFileSync(args.output, rendered);
      if (reporter !== 'console') process.stdout.write(renderReport(report, 'console', 'verify'));
      say(`${reporter} report written to ${args.output}`);
    } else if (machineOnStdout) {
      process.stdout.write(rendered);
      say(formatSummaryLine(report, 'verify'));
    } else {
      process.stdout.write(renderReport(report, 'console', 'verify'));
    }
    if (report.summary.failed > 0) process.exitCode = 1;
  } catch (error) {
    reportError(error, 'verify');
  }
}

/** `provider-sim verify`: checks a running simulator's journal after the user's own tests (passive mode). */
export const verifyCommand: CommandModule<object, VerifyArgs> = {
  command: 'verify',
  describe:
    "Check every request in a running simulator's journal, and every answer to its callbacks, against the contracts (passive mode)",
  builder: (yargs: Argv) =>
    yargs.options({
      ...simulatorUrlOption,
      ...adminTokenOption,
      provider: {
        type: 'string',
        array: true,
        description: 'Check only these providers (repeatable)',
      },
      'callback-deadline-ms': {
        type: 'string',
        defaultDescription: '5000',
        description: 'Longest the gateway may take to answer a callback',
      },
      'errors-only': {
        type: 'boolean',
        description:
          "Ignore the simulator's warnings (findings of lenient checks such as dlt: warn)",
      },
      'allow-empty': {
        type: 'boolean',
        description: 'Exit 0 when the journal holds nothing to check',
      },
      reporter: {
        type: 'string',
        choices: ['console', 'junit', 'json'] as const,
        defaultDescription: 'console',
        description: 'Report format (written to --output, or to stdout)',
      },
      output: { type: 'string', description: 'File to write the report to' },
    }),
  handler: run,
};
