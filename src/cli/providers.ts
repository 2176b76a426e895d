import type { ArgumentsCamelCase, Argv, CommandModule } from 'yargs';
import type { ProviderSummary } from '../engine/describe-providers.js';
import { formatFullListing } from './banner.js';
import {
  adminAuthHeaders,
  adminTokenOption,
  reportError,
  simulatorUrlOption,
} from './shared-options.js';

interface ProvidersArgs {
  url: string;
  adminToken?: string;
}

async function run(args: ArgumentsCamelCase<ProvidersArgs>): Promise<void> {
  const base = args.url.replace(/\/+$/, '');
  try {
    let response: Response;
    try {
      response = await fetch(`${base}/__admin/providers`, {
        headers: adminAuthHeaders(args.adminToken),
      });
    } catch (error) {
      throw new Error(
        `cannot reach the simulator at ${base} (${(error as Error).message}); is it running? (--url)`,
      );
    }
    if (!response.ok) {
      const answer = (await response.json().catch(() => ({}))) as {
        errors?: { detail?: string }[];
      };
      const detail = answer.errors?.map((e) => e.detail).join('; ');
      throw new Error(
        `${base}/__admin/providers answered ${response.status}${detail ? `: ${detail}` : ''}`,
      );
    }
    const { providers } = (await response.json()) as { providers: ProviderSummary[] };
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
