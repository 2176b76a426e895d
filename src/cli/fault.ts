import type { ArgumentsCamelCase, Argv, CommandModule } from 'yargs';
import type { ScenarioFile } from '../config/read-scenario-file.js';
import { SimError } from '../engine/errors.js';
import { AdminRefusal, callAdmin } from './admin-client.js';
import {
  adminTokenOption,
  reportError,
  resolveSimulatorUrl,
  simulatorUrlOption,
} from './shared-options.js';

interface FaultArgs {
  action: 'add' | 'list' | 'clear';
  url?: string;
  adminToken?: string;
  file?: string;
  rule?: string;
  id?: string;
  scenario?: string;
}

interface RuleLine {
  id: string;
  source: string;
  sentence: string;
  counters: { seen: number; applied: number };
}

/** One line per rule; a time window's absolute bounds are in its sentence. */
const printRules = (rules: readonly RuleLine[]): void => {
  if (rules.length === 0) process.stdout.write('no fault rules\n');
  for (const r of rules)
    process.stdout.write(
      `[${r.source}] ${r.id}: ${r.sentence} (matched ${r.counters.seen}, applied ${r.counters.applied})\n`,
    );
};

/** The rule(s) of `--rule`, parsed; a `SimError` naming the flag and showing the text when it is not JSON. */
function parseRule(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new SimError(
      'invalid-flag',
      '--rule',
      `--rule is not valid JSON (${(error as Error).message}): ${text}`,
      { actual: text },
    );
  }
}

/** The scenario of `--file`, read and parsed here, so its errors name the file, line and column. */
async function readScenario(path: string): Promise<ScenarioFile> {
  const { readScenarioFile } = await import('../config/read-scenario-file.js');
  let file: ScenarioFile;
  try {
    file = readScenarioFile(path);
  } catch (error) {
    if (!(error instanceof SimError)) throw error;
    throw new SimError(error.code, '--file', `--file ${error.message}`, { actual: path });
  }
  const document = file.document;
  if (typeof document !== 'object' || document === null || Array.isArray(document)) {
    const found = Array.isArray(document) ? 'a list' : JSON.stringify(document);
    throw new SimError(
      'invalid-flag',
      '--file',
      `--file ${path}: expected a scenario (a mapping with "name" and "rules"), found ${found}`,
      { actual: path },
    );
  }
  return file;
}

/** The simulator's refusal of `--file`'s scenario, with the file and the line of each field. */
function refusedFile(file: ScenarioFile, refusal: AdminRefusal): SimError {
  const where = (pointer: string): string => {
    const line = pointer.startsWith('/') ? file.lineOf(pointer) : undefined;
    return `${file.path}${line ? `:${line}` : ''}`;
  };
  const message = refusal.problems.map((p) => `${where(p.pointer)}: ${p.detail}`).join('; ');
  return new SimError(refusal.code, '--file', `--file ${message}`, { actual: file.path });
}

/** The simulator's refusal of `--rule`, naming the flag and showing the rule as given. */
function refusedRule(text: string, refusal: AdminRefusal): SimError {
  return new SimError(refusal.code, '--rule', `--rule ${text} was refused: ${refusal.message}`, {
    actual: text,
  });
}

async function run(args: ArgumentsCamelCase<FaultArgs>): Promise<void> {
  try {
    const base = resolveSimulatorUrl(args.url, process.env);
    const token = args.adminToken;
    if (args.action === 'list') {
      printRules((await callAdmin<{ rules: RuleLine[] }>(base, '/faults', { token })).rules);
    } else if (args.action === 'add') {
      if ((args.file === undefined) === (args.rule === undefined))
        throw new SimError(
          'invalid-flag',
          '--rule',
          'fault add needs exactly one of --file (a scenario file) or --rule (a JSON rule)',
        );
      if (args.file !== undefined) {
        const file = await readScenario(args.file);
        const loaded = await callAdmin<{ name: string; rules: RuleLine[] }>(base, '/scenarios', {
          method: 'POST',
          token,
          body: file.document,
        }).catch((error: unknown) => {
          throw error instanceof AdminRefusal ? refusedFile(file, error) : error;
        });
        process.stdout.write(`loaded scenario ${loaded.name}\n`);
        printRules(loaded.rules);
      } else {
        const text = args.rule!;
        const added = await callAdmin<{ rules: RuleLine[] }>(base, '/faults', {
          method: 'POST',
          token,
          body: parseRule(text),
        }).catch((error: unknown) => {
          throw error instanceof AdminRefusal ? refusedRule(text, error) : error;
        });
        printRules(added.rules);
      }
    } else {
      if (args.id !== undefined && args.scenario !== undefined)
        throw new SimError(
          'invalid-flag',
          '--id',
          `fault clear takes --id (one rule) or --scenario (its rules), not both; got --id ${args.id} --scenario ${args.scenario}`,
        );
      const [path, flag, given] =
        args.id !== undefined
          ? [`/faults/${encodeURIComponent(args.id)}`, '--id', args.id]
          : args.scenario !== undefined
            ? [`/scenarios/${encodeURIComponent(args.scenario)}`, '--scenario', args.scenario]
            : ['/faults', '', ''];
      const { removed } = await callAdmin<{ removed: number }>(base, path, {
        method: 'DELETE',
        token,
      }).catch((error: unknown) => {
        throw error instanceof AdminRefusal
          ? new SimError(error.code, flag, `${flag} ${given}: ${error.message}`, { actual: given })
          : error;
      });
      process.stdout.write(`removed ${removed} rule(s)\n`);
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
