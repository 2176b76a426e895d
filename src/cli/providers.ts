import type { ArgumentsCamelCase, Argv, CommandModule } from 'yargs';
import type { ProviderSummary } from '../engine/describe-providers.js';
import { callAdmin } from './admin-client.js';
import { formatFullListing } from './banner.js';
import {
  adminTokenOption,
  reportError,
  resolveSimulatorUrl,
  simulatorUrlOption,
} from './shared-options.js';

interface ProvidersArgs {
  url?: string;
  adminToken?: string;
}

async function run(args: ArgumentsCamelCase<ProvidersArgs>): Promise<void> {
  try {
    const base = resolveSimulatorUrl(args.url, process.env);
    const { providers } = await callAdmin<{ providers: ProviderSummary[] }>(base, '/providers', {
      token: args.adminToken,
    });
    process.stdout.write(formatFullListing(base, providers));
  } catch (error) {
    reportError(error);
  }
}

/** `provider-sim providers`: every route, credential, callback target and note of a running simulator. */
export const providersCommand: CommandModule<object, ProvidersArgs> = {
  command: 'providers',
  describe:
    "Print every provider's routes, credentials, callback targets and notes (running simulator)",
  builder: (yargs: Argv) => yargs.options({ ...simulatorUrlOption, ...adminTokenOption }),
  handler: run,
};
