import type { ArgumentsCamelCase, Argv, CommandModule } from 'yargs';
import { SimError } from '../engine/errors.js';
import { AdminRefusal, callAdmin } from './admin-client.js';
import {
  adminTokenOption,
  reportError,
  resolveSimulatorUrl,
  simulatorUrlOption,
} from './shared-options.js';

interface InboundArgs {
  url?: string;
  adminToken?: string;
  provider: string;
  from: string;
  text?: string;
  replyTo?: string;
  json?: string;
}

/** The flag that set each top-level field of the inbound input; other fields come from `--json`. */
const FLAG_OF_FIELD: Readonly<Record<string, string>> = {
  provider: '--provider',
  from: '--from',
  text: '--text',
  replyTo: '--reply-to',
};

/** `--json` as an object; a `SimError` showing the text as given when it is not one. */
function parseExtra(text: string): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new SimError(
      'invalid-flag',
      '--json',
      `--json is not valid JSON (${(error as Error).message}): ${text}`,
      { actual: text },
    );
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw new SimError('invalid-flag', '--json', `--json must be a JSON object; got ${text}`, {
      actual: text,
    });
  return value as Record<string, unknown>;
}

/** The simulator's refusal, each problem naming the flag that set the field and its value as given. */
function refused(
  refusal: AdminRefusal,
  args: ArgumentsCamelCase<InboundArgs>,
  extra: Record<string, unknown>,
): SimError {
  const parts = refusal.problems.map((p) => {
    const field = p.pointer.split('/')[1] ?? '';
    const flag = field in extra || !(field in FLAG_OF_FIELD) ? '--json' : FLAG_OF_FIELD[field]!;
    const given = flag === '--json' ? args.json : (args as Partial<Record<string, string>>)[field];
    const where = p.pointer && !p.detail.startsWith(p.pointer) ? `${p.pointer}: ` : '';
    return `${flag} ${given ?? '(not given)'}: ${where}${p.detail}`;
  });
  return new SimError(refusal.code, refusal.pointer, parts.join('; '));
}

/** Posts an inbound message to a running simulator's admin API and prints what happened. */
async function run(args: ArgumentsCamelCase<InboundArgs>): Promise<void> {
  try {
    const base = resolveSimulatorUrl(args.url, process.env);
    const extra = args.json !== undefined ? parseExtra(args.json) : {};
    const body = {
      provider: args.provider,
      from: args.from,
      ...(args.text !== undefined && { text: args.text }),
      ...(args.replyTo !== undefined && { replyTo: args.replyTo }),
      ...extra,
    };
    const answer = await callAdmin<unknown>(base, '/inbound', {
      method: 'POST',
      token: args.adminToken,
      body,
    }).catch((error: unknown) => {
      throw error instanceof AdminRefusal ? refused(error, args, extra) : error;
    });
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
