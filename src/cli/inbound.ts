import type { ArgumentsCamelCase, Argv, CommandModule } from 'yargs';
import {
  adminAuthHeaders,
  adminTokenOption,
  reportError,
  simulatorUrlOption,
} from './shared-options.js';

interface InboundArgs {
  url: string;
  adminToken?: string;
  provider: string;
  from: string;
  text?: string;
  replyTo?: string;
  json?: string;
}

/** Posts an inbound message to a running simulator's admin API and prints what happened. */
async function run(args: ArgumentsCamelCase<InboundArgs>): Promise<void> {
  try {
    let extra: Record<string, unknown> = {};
    if (args.json !== undefined) {
      try {
        extra = JSON.parse(args.json) as Record<string, unknown>;
      } catch (error) {
        throw new Error(`--json is not valid JSON: ${(error as Error).message}`);
      }
    }
    const body = {
      provider: args.provider,
      from: args.from,
      ...(args.text !== undefined && { text: args.text }),
      ...(args.replyTo !== undefined && { replyTo: args.replyTo }),
      ...extra,
    };
    const endpoint = `${args.url.replace(/\/$/, '')}/__admin/inbound`;
    let response: Response;
    try {
      response = await fetch(endpoint, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...adminAuthHeaders(args.adminToken) },
        body: JSON.stringify(body),
      });
    } catch (error) {
      throw new Error(
        `cannot reach the simulator at ${endpoint} (${(error as Error).message}); is it running? (--url)`,
      );
    }
    const answer = (await response.json()) as { errors?: { pointer: string; detail: string }[] };
    if (!response.ok) {
      throw new Error(
        answer.errors?.map((e) => `${e.pointer || 'body'}: ${e.detail}`).join('; ') ??
          `HTTP ${response.status}`,
      );
    }
    process.stdout.write(`${JSON.stringify(answer, null, 2)}\n`);
  } catch (error) {
    reportError(error);
  }
}

/** `provider-sim inbound`: act as the customer and write to the business through a running simulator. */
export const inboundCommand: CommandModule<object, InboundArgs> = {
  command: 'inbound',
  describe:
    "Send a customer's message to the gateway as the provider's inbound callback (needs a running simulator)",
  builder: (yargs: Argv) =>
    yargs.options({
      ...simulatorUrlOption,
      ...adminTokenOption,
      provider: { type: 'string', demandOption: true, description: 'Provider id, e.g. sinch-sms' },
      from: { type: 'string', demandOption: true, description: "The customer's number" },
      text: { type: 'string', description: 'Message text' },
      'reply-to': {
        type: 'string',
        description: 'Id of the message replied to (default: the latest one sent to --from)',
      },
      json: {
        type: 'string',
        description: 'More fields as a JSON object (media, location, button replies...)',
      },
    }),
  handler: run,
};
