import type { ArgumentsCamelCase, Argv, CommandModule } from 'yargs';
import { readFileSync } from 'node:fs';
import { SimError } from '../engine/errors.js';
import {
  adminAuthHeaders,
  adminTokenOption,
  reportError,
  simulatorUrlOption,
} from './shared-options.js';

interface FaultArgs {
  action: 'add' | 'list' | 'clear';
  url: string;
  adminToken?: string;
  file?: string;
  rule?: string;
  id?: string;
  scenario?: string;
}

interface AdminAnswer {
  errors?: { pointer: string; detail: string }[];
  rules?: {
    id: string;
    source: string;
    sentence: string;
    counters: { seen: number; applied: number };
    window?: { from: string; until?: string };
  }[];
  removed?: number;
  name?: string;
}

async function call(
  url: string,
  method: string,
  token: string | undefined,
  body?: string,
): Promise<AdminAnswer> {
  let response: Response;
  try {
    response = await fetch(url, {
      method,
      headers: {
        ...adminAuthHeaders(token),
        ...(body !== undefined && { 'content-type': 'application/json' }),
      },
      ...(body !== undefined && { body }),
    });
  } catch (error) {
    throw new Error(
      `cannot reach the simulator at ${url} (${(error as Error).message}); is it running? (--url)`,
    );
  }
  const answer = (await response.json()) as AdminAnswer;
  if (!response.ok)
    throw new Error(answer.errors?.map((e) => e.detail).join('; ') ?? `HTTP ${response.status}`);
  return answer;
}

const printRules = (rules: NonNullable<AdminAnswer['rules']>): void => {
  if (rules.length === 0) process.stdout.write('no fault rules\n');
  for (const r of rules)
    process.stdout.write(
      `[${r.source}] ${r.id}: ${r.sentence} (matched ${r.counters.seen}, applied ${r.counters.applied})${r.window ? `, active ${r.window.from} to ${r.window.until ?? 'open end'}` : ''}\n`,
    );
};

/** Throws a `SimError` naming `--rule` when its text is not JSON. */
function checkRuleJson(text: string): void {
  try {
    JSON.parse(text);
  } catch (error) {
    throw new SimError(
      'invalid-flag',
      '--rule',
      `--rule is not valid JSON (${(error as Error).message}): ${text}`,
      { actual: text },
    );
  }
}

async function run(args: ArgumentsCamelCase<FaultArgs>): Promise<void> {
  try {
    const admin = `${args.url.replace(/\/$/, '')}/__admin`;
    if (args.action === 'list') {
      printRules((await call(`${admin}/faults`, 'GET', args.adminToken)).rules ?? []);
    } else if (args.action === 'add') {
      if ((args.file === undefined) === (args.rule === undefined))
        throw new SimError(
          'invalid-flag',
          '--rule',
          'fault add needs exactly one of --file (a scenario file) or --rule (a JSON rule)',
        );
      if (args.file !== undefined) {
        let text: string;
        try {
          text = readFileSync(args.file, 'utf8');
        } catch (error) {
          throw new SimError(
            'invalid-flag',
            '--file',
            `--file ${args.file}: cannot read it (${(error as Error).message})`,
          );
        }
        const wrapped = JSON.stringify({ yaml: text });
        const loaded = await call(`${admin}/scenarios`, 'POST', args.adminToken, wrapped).catch(
          (error: Error) => {
            throw new Error(`${args.file}: ${error.message}`);
          },
        );
        process.stdout.write(`loaded scenario ${loaded.name ?? ''}\n`);
        printRules(loaded.rules ?? []);
      } else {
        checkRuleJson(args.rule!);
        printRules((await call(`${admin}/faults`, 'POST', args.adminToken, args.rule)).rules ?? []);
      }
    } else {
      const path =
        args.id !== undefined
          ? `/faults/${encodeURIComponent(args.id)}`
          : args.scenario !== undefined
            ? `/scenarios/${encodeURIComponent(args.scenario)}`
            : '/faults';
      const { removed } = await call(`${admin}${path}`, 'DELETE', args.adminToken);
      process.stdout.write(`removed ${removed ?? 0} rule(s)\n`);
    }
  } catch (error) {
    reportError(error);
  }
}

/** `provider-sim fault add|list|clear`: manage the fault rules of a running simulator. */
export const faultCommand: CommandModule<object, FaultArgs> = {
  command: 'fault <action>',
  describe: 'Add, list or clear fault rules of a running simulator',
  builder: (yargs: Argv) =>
    yargs
      .positional('action', {
        choices: ['add', 'list', 'clear'] as const,
        demandOption: true,
        description: 'add, list or clear',
      })
      .options({
        ...simulatorUrlOption,
        ...adminTokenOption,
        file: {
          type: 'string',
          description:
            'add: a scenario file (YAML or JSON), replacing a loaded scenario of the same name',
        },
        rule: {
          type: 'string',
          description:
            'add: one rule (or an array) as JSON, e.g. \'{"match":{"provider":"sinch-sms"},"then":{"error":"unavailable"}}\'',
        },
        id: { type: 'string', description: 'clear: only this rule' },
        scenario: { type: 'string', description: 'clear: only this scenario' },
      }),
  handler: run,
};
