import type { ArgumentsCamelCase, Argv, CommandModule } from 'yargs';
import { SampleGenerator } from '../engine/generation/sample-generator.js';
import { SchemaRegistry } from '../engine/validation/schema-registry.js';
import { createRandom } from '../engine/random.js';
import type { CatalogFailureCode } from '../engine/types.js';
import { loadProviders } from '../../simulators/registry.js';
import { makePlausible } from './plausible-sample.js';
import { reportError, seedOption } from './shared-options.js';

interface SampleArgs {
  schemaId: string;
  seed?: string;
  count: number;
}

/** The documented failure codes of the provider a schema id (`<provider>/<name>`) belongs to. */
async function failureCodesOf(schemaId: string): Promise<CatalogFailureCode[]> {
  const provider = schemaId.split('/')[0]!;
  const definitions = await loadProviders();
  const own = definitions.find((d) => d.id === provider);
  // A family's schemas (e.g. clevertap-whatsapp) take the codes of the providers built on it.
  const family = provider.split('-')[1];
  const related = own
    ? [own]
    : family === undefined
      ? []
      : definitions.filter((d) => d.id.endsWith(`-${family}`));
  return related.flatMap((d) => d.catalog?.failureCodes ?? []);
}

/**
 * `count` valid samples of `schemaId` for `seed`, reading like the provider's own (times near
 * `now`, catalog failure codes, realistic numbers and ids).
 */
export async function plausibleSamples(
  schemaId: string,
  seed: string,
  count: number,
  now: number,
  schemas = new SchemaRegistry(),
): Promise<unknown[]> {
  const generator = new SampleGenerator(schemas, seed);
  const failureCodes = await failureCodesOf(schemaId);
  const random = createRandom(`${seed}:plausible`);
  const values: unknown[] = [];
  for (let i = 0; i < count; i++) {
    const raw = await generator.sample(schemaId);
    values.push(
      makePlausible(raw, {
        provider: schemaId.split('/')[0]!,
        failureCodes,
        seed: Math.floor(random.next() * 2 ** 31),
        now,
        isValid: (value) => schemas.validate(schemaId, value).length === 0,
      }),
    );
  }
  return values;
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
      const values = await plausibleSamples(
        args.schemaId,
        args.seed ?? 'provider-sim',
        args.count,
        // Anchored to the hour: the same seed prints the same sample all hour long.
        Math.floor(Date.now() / 3_600_000) * 3_600_000,
        schemas,
      );
      process.stdout.write(`${JSON.stringify(args.count === 1 ? values[0] : values, null, 2)}\n`);
    } catch (error) {
      reportError(error);
    }
  },
};
