import { Faker, en } from '@faker-js/faker';
import { loadProviders } from '../../simulators/registry.js';
import { SampleGenerator } from '../engine/generation/sample-generator.js';
import { createRandom } from '../engine/random.js';
import type { CatalogFailureCode } from '../engine/types.js';
import { SchemaRegistry } from '../engine/validation/schema-registry.js';

/** What makes a generated sample look like the real provider's. */
export interface PlausibleContext {
  /** The provider the schema belongs to (its id decides number and id formats). */
  provider: string;
  /** The provider's documented failure codes (`catalog.failureCodes`). */
  failureCodes: readonly CatalogFailureCode[];
  /** Seed of every choice made here. */
  seed: number;
  /** "Now" in epoch milliseconds: times fall within the hour before it. */
  now: number;
  /** Whether a changed value still passes the schema (a change that does not is undone). */
  isValid(value: unknown): boolean;
}

const SWEDISH = new Set(['sinch-conversation', 'sinch-sms-rest']);
const PHONE_KEYS =
  /^(to|from|mobile|msisdn|number|recipient|destination|phone|wa_id|waid|sender)$/i;
const TIME_KEYS = /^(ts|time|timestamp|date|at|.*_at|.*_time|.*At|.*Time)$/;
const DOTTED_MSGID = /^msgid$/;
const PIPED_MSGID = /^(msgId|msg_id)$/;

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

/** `yyyymmdd` of `ms` in UTC. */
const dayOf = (ms: number): string => {
  const d = new Date(ms);
  return `${d.getUTCFullYear()}${pad(d.getUTCMonth() + 1)}${pad(d.getUTCDate())}`;
};

/**
 * Rewrites a schema-valid sample so it reads like the real thing: times near `now`, failure code
 * and description from the catalog, Indian (or, for Sinch's global APIs, Swedish) mobile numbers,
 * and CleverTap's msgid formats. Each change is kept only when the whole value stays valid.
 */
export function makePlausible(sample: unknown, context: PlausibleContext): unknown {
  const faker = new Faker({ locale: [en] });
  faker.seed(context.seed);
  const root = { value: structuredClone<unknown>(sample) };
  const sentAt = context.now - faker.number.int({ min: 60, max: 3600 }) * 1000;
  const swedish = SWEDISH.has(context.provider);
  const number = (): string =>
    swedish
      ? `467${faker.string.numeric({ length: 8 })}`
      : `91${faker.helpers.arrayElement(['6', '7', '8', '9'])}${faker.string.numeric({ length: 9 })}`;
  const recipient = number();
  const epoch = Math.floor(sentAt / 1000);
  const replacements = (key: string, value: unknown): unknown[] => {
    if (TIME_KEYS.test(key)) {
      const at = sentAt + faker.number.int({ min: 1, max: 30 }) * 1000;
      if (typeof value === 'number') return [value > 1e12 ? at : Math.floor(at / 1000)];
      if (typeof value === 'string') {
        if (/^\d+$/.test(value)) return [String(value.length > 11 ? at : Math.floor(at / 1000))];
        return [new Date(at).toISOString(), new Date(at).toISOString().replace(/\.\d{3}Z$/, 'Z')];
      }
    }
    if (PHONE_KEYS.test(key) && typeof value === 'string') {
      const n = key === 'to' || key === 'msisdn' || key === 'mobile' ? recipient : number();
      return [value.startsWith('+') ? `+${n}` : n, n, n.slice(2)];
    }
    if (DOTTED_MSGID.test(key) && typeof value === 'string')
      return [`${recipient}.1200000000.${epoch}.${dayOf(sentAt)}.0.wzrk_default.-1.`];
    if (PIPED_MSGID.test(key) && typeof value === 'string') {
      const id = faker.string.numeric({ length: 7, allowLeadingZeros: false });
      return [`${id}|${epoch}|${dayOf(sentAt)}|${id}`];
    }
    return [];
  };
  const tryEach = (holder: Record<string, unknown>, key: string, candidates: unknown[]): void => {
    const before = holder[key];
    for (const candidate of candidates) {
      holder[key] = candidate;
      if (context.isValid(root.value)) return;
    }
    holder[key] = before;
  };
  const failureCode = (holder: Record<string, unknown>): void => {
    if (context.failureCodes.length === 0 || !('description' in holder)) return;
    const picked = faker.helpers.arrayElement([...context.failureCodes]);
    const beforeCode = holder.code;
    const beforeDescription = holder.description;
    if ('code' in holder)
      holder.code = typeof holder.code === 'number' ? Number(picked.code) : picked.code;
    holder.description = picked.description;
    if (context.isValid(root.value)) return;
    holder.code = beforeCode;
    tryEach(holder, 'description', [picked.description]);
    if (holder.description === beforeDescription && 'code' in holder) holder.code = beforeCode;
  };
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) {
      for (const item of node) walk(item);
      return;
    }
    if (typeof node !== 'object' || node === null) return;
    const holder = node as Record<string, unknown>;
    failureCode(holder);
    for (const key of Object.keys(holder)) {
      const candidates = replacements(key, holder[key]);
      if (candidates.length > 0) tryEach(holder, key, candidates);
      else walk(holder[key]);
    }
  };
  walk(root.value);
  return root.value;
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
