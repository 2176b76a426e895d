import type { ArgumentsCamelCase, Argv, CommandModule } from 'yargs';
import { SampleGenerator } from '../engine/generation/sample-generator.js';
import { SchemaRegistry } from '../engine/validation/schema-registry.js';
import { reportError, seedOption } from './shared-options.js';

interface SampleArgs {
  schemaId: string;
  seed?: string;
  count: number;
}

/** `provider-sim sample <schema-id>`: prints valid example(s) of a schema as JSON. */
export const sampleCommand: CommandModule<object, SampleArgs> = {
  command: 'sample <schema-id>',
  describe:
    'Print a valid example of a schema (e.g. sinch-sms/dlr-callback), made with json-schema-faker + faker',
  builder: (yargs: Argv) =>
    yargs
      .positional('schema-id', {
        type: 'string',
        demandOption: true,
        description: 'Schema id: <provider>/<name>',
      })
      .options({
        ...seedOption,
        count: {
          type: 'number',
          default: 1,
          description: 'How many examples (printed as a JSON array when more than 1)',
        },
      }) as unknown as Argv<SampleArgs>,
  handler: async (args: ArgumentsCamelCase<SampleArgs>) => {
    try {
      const schemas = new SchemaRegistry();
      if (!schemas.document(args.schemaId)) {
        throw new Error(`unknown schema "${args.schemaId}"; known: ${schemas.ids().join(', ')}`);
      }
      if (!Number.isInteger(args.count) || args.count < 1)
        throw new Error(`--count must be a whole number of at least 1, got ${args.count}`);
      const generator = new SampleGenerator(schemas, args.seed ?? 'provider-sim');
      const values: unknown[] = [];
      for (let i = 0; i < args.count; i++) values.push(await generator.sample(args.schemaId));
      process.stdout.write(`${JSON.stringify(args.count === 1 ? values[0] : values, null, 2)}\n`);
    } catch (error) {
      reportError(error);
    }
  },
};
