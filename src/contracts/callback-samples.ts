import { Faker, en } from '@faker-js/faker';
import { createGenerator, type GenerateOptions, type JsonSchema } from 'json-schema-faker';
import { createRandom, type Random } from '../engine/random.js';
import { SCHEMA_ID_BASE } from '../engine/validation/schema-registry.js';
import type { Diagnostic } from '../engine/types.js';
import { withExtraKeys } from './extra-keys.js';
import { inlineSchema } from './inline-schema.js';

/**
 * How a generated callback stretches a gateway: every optional field present, undocumented keys
 * wherever the schema allows them, free text in many scripts, or strings and lists at their
 * longest.
 */
export type SampleVariant = 'all-optional' | 'extra-keys' | 'unicode' | 'max-lengths';

/** Every sample variant, in the order the robustness case uses them. */
export const SAMPLE_VARIANTS: readonly SampleVariant[] = [
  'all-optional',
  'extra-keys',
  'unicode',
  'max-lengths',
];

/** Where the sampler reads schemas: the documents and a validator. */
export interface SchemaSource {
  document(schemaId: string): unknown;
  validate(schemaId: string, value: unknown): Diagnostic[];
}

/** Most draws tried for one valid sample (conditional schemas can defeat a single draw). */
const MAX_TRIES = 40;
/** Free text used when a string has no maxLength, in the max-lengths variant. */
const LONG_TEXT_CHARS = 1024;
/** Filler for strings at their longest. */
const LOREM = 'Lorem ipsum dolor sit amet, consectetur adipiscing elit. ';
/** Pieces of free text in many scripts: Devanagari, Arabic (RTL), CJK, emoji with ZWJ, combining marks. */
const UNICODE_PIECES = [
  'नमस्ते',
  'आपका OTP',
  'مرحبا',
  '你好世界',
  'Ünïcödé',
  'e\u0301',
  '😀',
  '👩‍💻',
  '🇮🇳',
  'Ω≈ç√',
  '"quoted"',
  'back\\slash',
  'tab\there',
  'line\nbreak',
];

/** True for a string schema whose value is free text (no pattern, format, enum or const to respect). */
function isFreeText(schema: JsonSchema): schema is Record<string, unknown> {
  if (typeof schema !== 'object') return false;
  const type = schema.type;
  return (
    (type === 'string' || (Array.isArray(type) && type.includes('string'))) &&
    schema.pattern === undefined &&
    schema.format === undefined &&
    schema.enum === undefined &&
    schema.const === undefined
  );
}

/** Text of exactly `length` code points drawn from the unicode pieces. */
function unicodeText(random: Random, length: number): string {
  const points: string[] = [];
  while (points.length < length)
    points.push(...UNICODE_PIECES[random.int(0, UNICODE_PIECES.length - 1)]!);
  return points.slice(0, length).join('');
}

/** A 31-bit integer seed from text. */
const numericSeed = (text: string): number => Math.floor(createRandom(text).next() * 2 ** 31);

/**
 * Seeded, schema-valid callback samples made with json-schema-faker and faker, stretched per
 * variant. Each instance owns its generators (no global state): the same seed gives the same
 * samples in the same order.
 */
export class CallbackSampler {
  private drawn = 0;

  constructor(
    private readonly schemas: SchemaSource,
    private readonly seed: string,
  ) {}

  private options(variant: SampleVariant, seed: number): GenerateOptions {
    const faker = new Faker({ locale: [en] });
    faker.seed(seed);
    const random = createRandom(`${this.seed}:${variant}:${seed}`);
    const options: GenerateOptions = {
      seed,
      extensions: { faker },
      alwaysFakeOptionals: true,
      refResolver: (ref: string) => {
        const id = ref.startsWith(SCHEMA_ID_BASE)
          ? ref.slice(SCHEMA_ID_BASE.length).replace(/\.schema\.json.*$/, '')
          : ref;
        const found = this.schemas.document(id);
        if (!found) throw new Error(`cannot resolve $ref ${ref}`);
        return found as JsonSchema;
      },
    };
    if (variant === 'unicode') {
      options.outputTransform = (value, schema) => {
        if (typeof value !== 'string' || !isFreeText(schema)) return value;
        const min = typeof schema.minLength === 'number' ? schema.minLength : 1;
        const max = typeof schema.maxLength === 'number' ? schema.maxLength : 40;
        return unicodeText(random, Math.max(min, Math.min(max, random.int(8, 40))));
      };
    } else if (variant === 'max-lengths') {
      options.minItems = 3;
      options.outputTransform = (value, schema) => {
        if (typeof value !== 'string' || !isFreeText(schema)) return value;
        const max = typeof schema.maxLength === 'number' ? schema.maxLength : LONG_TEXT_CHARS;
        const length = Math.min(max, 10_000);
        return LOREM.repeat(Math.ceil(length / LOREM.length)).slice(0, length);
      };
    }
    return options;
  }

  /** A valid value of `schemaId` stretched as `variant` says; throws when none was found in a bounded number of draws. */
  async sample(schemaId: string, variant: SampleVariant): Promise<unknown> {
    const document = this.schemas.document(schemaId);
    if (!document) throw new Error(`unknown schema "${schemaId}"`);
    const isValid = (value: unknown): boolean =>
      this.schemas.validate(schemaId, value).length === 0;
    // Generators skip optional properties behind $ref and allOf; the inlined copy shows them all.
    // Should it defeat the generator, the second half of the draws use the schema as written.
    const inlined = inlineSchema(document, (id) => this.schemas.document(id)) as JsonSchema;
    let lastProblem = '';
    for (let i = 0; i < MAX_TRIES; i++) {
      const seed = numericSeed(`${this.seed}:${schemaId}:${variant}:${this.drawn++}`);
      let value = await createGenerator(this.options(variant, seed)).generate(
        i < MAX_TRIES / 2 ? inlined : (document as JsonSchema),
      );
      if (variant === 'extra-keys') value = withExtraKeys(value, isValid).document;
      const problems = this.schemas.validate(schemaId, value);
      if (problems.length === 0) return value;
      lastProblem = problems[0]!.message;
    }
    throw new Error(
      `no valid ${variant} sample of ${schemaId} after ${MAX_TRIES} draws (last problem: ${lastProblem})`,
    );
  }
}
