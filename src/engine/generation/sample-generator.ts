import { Faker, en } from '@faker-js/faker';
import { createGenerator } from 'json-schema-faker';
import { createRandom } from '../random.js';
import type { SchemaRegistry } from '../validation/schema-registry.js';
import { SCHEMA_ID_BASE } from '../validation/schema-registry.js';

/** Most tries at a valid sample before giving up (conditional schemas can defeat a single draw). */
const MAX_TRIES = 50;

/**
 * Makes schema-valid example values with json-schema-faker and faker. Each instance owns its faker and
 * generator options (no global state), and every draw comes from `seed`.
 */
export class SampleGenerator {
  private readonly seedBase: number;
  private drawn = 0;

  constructor(
    private readonly schemas: SchemaRegistry,
    seed: string,
  ) {
    this.seedBase = Math.floor(createRandom(seed).next() * 2 ** 31);
  }

  /** A value valid against schema `schemaId`; throws when none was found within a bounded number of tries. */
  async sample(schemaId: string): Promise<unknown> {
    const document = this.schemas.document(schemaId);
    if (!document)
      throw new Error(`unknown schema "${schemaId}"; known: ${this.schemas.ids().join(', ')}`);
    let lastProblem = '';
    for (let i = 0; i < MAX_TRIES; i++) {
      const seed = this.seedBase + this.drawn++;
      const faker = new Faker({ locale: [en] });
      faker.seed(seed);
      const generator = createGenerator({
        seed,
        extensions: { faker },
        optionalsProbability: 0.5,
        // Template messages nest deeper than the default of 5.
        maxDepth: 12,
        refResolver: (ref: string) => {
          const id = ref.startsWith(SCHEMA_ID_BASE)
            ? ref.slice(SCHEMA_ID_BASE.length).replace(/\.schema\.json.*$/, '')
            : ref;
          const found = this.schemas.document(id);
          if (!found) throw new Error(`cannot resolve $ref ${ref}`);
          return found;
        },
      });
      const value = await generator.generate(document);
      const problems = this.schemas.validate(schemaId, value);
      if (problems.length === 0) return value;
      lastProblem = problems[0]!.message;
    }
    throw new Error(
      `no valid sample of ${schemaId} after ${MAX_TRIES} tries (last problem: ${lastProblem})`,
    );
  }
}
