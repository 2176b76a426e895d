import type { ArgumentsCamelCase, Argv, CommandModule } from 'yargs';
import { SimError } from '../engine/errors.js';
import { integerFlag, reportError, seedOption } from './shared-options.js';

interface SampleArgs {
  schemaId: string;
  seed?: string;
  /** As given: read by `integerFlag`, so an error shows the text. */
  count?: string;
}

/** Most samples one run prints. */
const MAX_COUNT = 1000;

/** `provider-sim sample <schema-id>`: prints valid example(s) of a schema as JSON. */
export const sampleCommand: CommandModule<object, SampleArgs> = {
  command: 'sample <schema-id>',
  describe:
    "Print a valid example of a schema (e.g. sinch-sms/dlr-callback) that reads like the provider's own: its number, id and URL formats, catalog codes, times near now",
  builder: (yargs: Argv) =>
    yargs
      .positional('schema-id', {
        type: 'string',
        demandOption: true,
        description: 'Schema id: <provider>/<name>, or scenario',
      })
      .options({
        ...seedOption,
        count: {
          type: 'string',
          defaultDescription: '1',
          description: 'How many examples (printed as a JSON array when more than 1)',
        },
      }) as unknown as Argv<SampleArgs>,
  handler: async (args: ArgumentsCamelCase<SampleArgs>) => {
    try {
      const [{ SchemaRegistry }, { plausibleSamples }] = await Promise.all([
        import('../engine/validation/schema-registry.js'),
        import('./plausible-sample.js'),
      ]);
      const schemas = new SchemaRegistry();
      if (!schemas.document(args.schemaId)) {
        throw new SimError(
          'unknown-schema',
          '<schema-id>',
          `unknown schema "${args.schemaId}"; known: ${schemas.ids().join(', ')}`,
          { actual: args.schemaId },
        );
      }
      const count = integerFlag('--count', args.count, { min: 1, max: MAX_COUNT }) ?? 1;
      const values = await plausibleSamples(
        args.schemaId,
        args.seed ?? 'provider-sim',
        count,
        // Anchored to the hour: the same seed prints the same sample all hour long.
        Math.floor(Date.now() / 3_600_000) * 3_600_000,
        schemas,
      );
      process.stdout.write(`${JSON.stringify(count === 1 ? values[0] : values, null, 2)}\n`);
    } catch (error) {
      reportError(error);
    }
  },
};
