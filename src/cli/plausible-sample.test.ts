import { describe, expect, it } from 'vitest';
import { loadProviders } from '../../simulators/registry.js';
import { SchemaRegistry } from '../engine/validation/schema-registry.js';
import { plausibleSamples } from './plausible-sample.js';

const NOW = Date.UTC(2026, 11, 2, 12, 0, 0);
const DAY = 24 * 60 * 60 * 1000;
const schemas = new SchemaRegistry();
/** Samples checked per schema (each from its own seed). */
const PER_SCHEMA = 8;

/** One string or number in a sample: the keys leading to it and the object holding it. */
interface Leaf {
  path: string[];
  key: string;
  value: string | number;
  holder: Record<string, unknown>;
}

function leavesOf(
  value: unknown,
  path: string[] = [],
  holder: Record<string, unknown> = {},
): Leaf[] {
  if (Array.isArray(value)) return value.flatMap((v) => leavesOf(v, path, holder));
  if (value !== null && typeof value === 'object') {
    const own = value as Record<string, unknown>;
    return Object.entries(own).flatMap(([k, v]) => leavesOf(v, [...path, k], own));
  }
  if (typeof value !== 'string' && typeof value !== 'number') return [];
  return [{ path, key: path[path.length - 1] ?? '', value, holder }];
}

/** Every value under `key` anywhere in `value`. */
function valuesOf(value: unknown, key: string): unknown[] {
  return leavesOf(value)
    .filter((l) => l.key === key)
    .map((l) => l.value);
}

const INDIAN_MOBILE = /^\+?91[6-9]\d{9}$/;
const SWEDISH_MOBILE = /^\+?467\d{8}$/;
const ULID = /^[0-9A-HJKMNP-TV-Z]{26}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const HTTPS_URL = /^https:\/\/[a-z0-9-]+(\.[a-z0-9-]+)+(:\d+)?(\/\S*)?$/;
const WHATSAPP_MSGID = /^(\d{7,})\|\d{10}\|\d{8}\|\1$/;
const SMS_MSGID = /^91[6-9]\d{9}\.1200000000\.\d{10}\.\d{8}\.0\.wzrk_default\.-1\.$/;
const PHONE_KEYS =
  /^(to|from|mobile|msisdn|recipient|recipients|destination|phone_number|wabaNumber|members|to_add|to_remove|toPhone|sender_id)$/;
const URL_KEYS = /(url|URL|Url|^target|^endpoint|^kaleyra-host|^link)$/;
const ID_KEYS =
  /^(id|app_id|message_id|contact_id|conversation_id|batch_id|respid|msgid|msgId|msg_id|meta|replyTo|child_groups|project_id)$/;
const TIME_KEYS = /(^ts$|^at$|time|Time|timestamp|_at$|^event_start$|^event_end$)/;
/** Values opaque by nature: secrets and tokens are random on purpose. */
const OPAQUE_KEYS = /^(secret|client_secret|access_token|shortUrl|authorization|identity)$/;

/**
 * A token that reads as machine-made: upper and lower case mixed inside it, or letters and digits,
 * unlike words, camelCase names, hex, `msg91` or `60s`.
 */
function looksRandom(value: string): boolean {
  if (!/^[A-Za-z0-9]{2,}$/.test(value)) return false;
  if (/^[a-z]+([A-Z][a-z]+)*$|^[A-Z][a-z]+$|^[A-Z]+$|^\d+$/.test(value)) return false;
  if (/^[a-z]+\d+$|^[A-Z]+\d+$|^\d+[a-z]{1,2}$|^([0-9A-F]{2})+$|^([0-9a-f]{2})+$/.test(value))
    return false;
  return true;
}

/** What is implausible about one value of a `schemaId` sample; none when it reads like the real thing. */
function problemsOf(schemaId: string, leaf: Leaf, catalog: Set<string>): string[] {
  const [provider = '', name = ''] = schemaId.split('/');
  const { key, value, holder, path } = leaf;
  const at = `${path.join('/')} = ${JSON.stringify(value)}`;
  const problems: string[] = [];
  const fail = (why: string): void => void problems.push(`${at}: ${why}`);
  if (key === 'payloadVersion' && String(value) !== '0.1') fail('payloadVersion is "0.1"');
  if (TIME_KEYS.test(key)) {
    const ms =
      typeof value === 'number'
        ? value * (value > 1e12 ? 1 : 1000)
        : /^\d+$/.test(value)
          ? Number(value) * (value.length > 11 ? 1 : 1000)
          : Date.parse(value);
    if (!(Math.abs(ms - NOW) < 3 * DAY)) fail('a time within days of now');
  }
  if (typeof value !== 'string') return problems;
  const inbound = /inbound|mo-text/.test(name);
  const swedish = provider === 'sinch-conversation' || provider === 'sinch-sms-rest';
  const mobile = swedish ? SWEDISH_MOBILE : INDIAN_MOBILE;
  const sender =
    (provider === 'sinch-sms' && key === 'from' && name !== 'inbound-input') ||
    (provider === 'sinch-sms-rest' &&
      ((key === 'from' && !inbound) || (key === 'to' && inbound) || key === 'applied_originator'));
  const phoneChannel =
    key === 'identity' &&
    /^(WHATSAPP|SMS|RCS|MMS|VIBERBM|KAKAOTALK|KAKAOTALKCHAT)$/.test(String(holder.channel));
  if (sender) {
    if (!/^([A-Z]{6}|\d{5,6}|\+?467\d{8})$/.test(value)) fail('a sender id, short code or number');
  } else if (PHONE_KEYS.test(key) || phoneChannel) {
    for (const n of value.split(','))
      if (!mobile.test(n.trim())) fail(`a ${swedish ? 'Swedish' : 'Indian'} mobile number`);
  }
  if (URL_KEYS.test(key) && !HTTPS_URL.test(value)) fail('an https URL');
  if (ID_KEYS.test(key) || URL_KEYS.test(key) || PHONE_KEYS.test(key)) {
    if (/^[A-Za-z0-9]{1,5}$/.test(value) && !sender) fail('not a short random token');
  }
  if (/^(msgId|msg_id)$/.test(key) || (key === 'id' && path.includes('context')))
    if (!WHATSAPP_MSGID.test(value)) fail("CleverTap's WhatsApp msgId");
  if (provider === 'sinch-sms' && /^(msgid|meta|replyTo)$/.test(key) && !SMS_MSGID.test(value))
    fail("CleverTap's SMS msgid");
  if (swedish && /^(id|app_id|message_id|contact_id|conversation_id|batch_id)$/.test(key)) {
    const product = path[path.length - 2] === 'product';
    if (product ? !/^SKU-\d{6}$/.test(value) : !ULID.test(value))
      fail(product ? 'a SKU' : 'a ULID');
  }
  if (key === 'respid' && !ULID.test(value)) fail('a ULID');
  if (key === 'project_id' && !UUID.test(value)) fail('a UUID');
  if (catalog.size > 0 && 'code' in holder && (key === 'description' || key === 'title'))
    if (!catalog.has(value)) fail("a description from the provider's catalog");
  // A binary SMS body is base64 bytes: it must decode to what a business sends.
  const binary = holder.type === 'mt_binary' && key === 'body';
  if (binary && !/^[\x20-\x7e]+$/.test(Buffer.from(value, 'base64').toString('latin1')))
    fail('base64 of a text');
  const exempt = OPAQUE_KEYS.test(key) || ID_KEYS.test(key) || key === '@type' || binary;
  if (!exempt && looksRandom(value)) fail('not a random token');
  if (!/\s/.test(value) && value.length > 120 && !exempt && !URL_KEYS.test(key))
    fail('not a long random string');
  return problems;
}

describe('provider-sim sample', () => {
  const ids = schemas.ids();

  it('offers every schema', () => {
    expect(ids.length).toBeGreaterThan(50);
    expect(ids).toContain('scenario');
  });

  it.each(ids)(
    'makes %s samples that are valid, repeatable and read like the real thing',
    async (id) => {
      const provider = id.split('/')[0]!;
      const definitions = (await loadProviders()).filter(
        (d) =>
          d.id === provider ||
          (provider === 'clevertap-whatsapp' && d.id.endsWith('-whatsapp')) ||
          (provider === 'clevertap-whatsapp' && (d.id === 'kaleyra' || d.id === 'msg91')),
      );
      const catalog = new Set(
        definitions.flatMap((d) => d.catalog?.failureCodes.map((c) => c.description) ?? []),
      );
      const samples = (
        await Promise.all(
          Array.from({ length: PER_SCHEMA }, async (_, i) =>
            plausibleSamples(id, `seed-${i}`, 1, NOW, schemas),
          ),
        )
      ).flat();
      const problems: string[] = [];
      for (const sample of samples) {
        expect(schemas.validate(id, sample)).toEqual([]);
        for (const leaf of leavesOf(sample)) problems.push(...problemsOf(id, leaf, catalog));
      }
      expect(problems).toEqual([]);
      expect(await plausibleSamples(id, 'seed-0', 1, NOW, schemas)).toEqual([samples[0]]);
    },
  );

  it('makes Sinch SMS DLRs with epoch seconds near now, catalog failures and CleverTap msgids as meta', async () => {
    const catalog = (await loadProviders(['sinch-sms']))[0]!.catalog!.failureCodes;
    const samples = await plausibleSamples('sinch-sms/dlr-callback', 'seed-1', 20, NOW, schemas);
    const ts = samples.flatMap((s) => valuesOf(s, 'ts')) as number[];
    expect(ts.length).toBeGreaterThan(0);
    for (const t of ts) expect(Math.abs(t * 1000 - NOW)).toBeLessThan(DAY);
    const known = new Map(catalog.map((c) => [c.description, c.code]));
    const records = samples.flatMap((s) => leavesOf(s).filter((l) => l.key === 'description'));
    expect(records.length).toBeGreaterThan(0);
    for (const { value, holder } of records) {
      if (holder.code === undefined) expect(value).toBe('Delivered to handset');
      else expect(holder.code, String(value)).toBe(known.get(value as string));
    }
    expect(records.some((r) => r.holder.code !== undefined)).toBe(true);
    const metas = samples.flatMap((s) => valuesOf(s, 'meta'));
    expect(metas.length).toBeGreaterThan(0);
    for (const meta of metas) expect(meta).toMatch(SMS_MSGID);
    for (const url of samples.flatMap((s) => valuesOf(s, 'url'))) expect(url).toMatch(HTTPS_URL);
  });

  it('uses the Indian mobile format and the same recipient in a Sinch SMS send and its msgid', async () => {
    const [send] = await plausibleSamples('sinch-sms/send-request', 'seed-2', 1, NOW, schemas);
    const to = valuesOf(send, 'to')[0] as string;
    expect(to).toMatch(INDIAN_MOBILE);
    expect(valuesOf(send, 'msgid')[0]).toMatch(SMS_MSGID);
    expect(valuesOf(send, 'msgid')[0]).toMatch(new RegExp(`^${to.replace('+', '')}\\.`));
  });

  it('gives WhatsApp DLRs the documented payloadVersion and catalog error titles', async () => {
    const samples = await plausibleSamples('sinch-whatsapp/dlr-callback', 'wa', 10, NOW, schemas);
    for (const s of samples) expect(valuesOf(s, 'payloadVersion')).toEqual(['0.1']);
    const catalog = new Set(
      (await loadProviders(['sinch-whatsapp']))[0]!.catalog!.failureCodes.map((c) => c.description),
    );
    const titles = samples.flatMap((s) => valuesOf(s, 'title'));
    expect(titles.length).toBeGreaterThan(0);
    for (const title of titles) expect(catalog.has(title as string), String(title)).toBe(true);
  });

  it('repeats the same samples for the same seed and now', async () => {
    const a = await plausibleSamples('msg91/dlr-callback', 'same', 3, NOW, schemas);
    const b = await plausibleSamples('msg91/dlr-callback', 'same', 3, NOW, schemas);
    expect(b).toEqual(a);
    const c = await plausibleSamples('msg91/dlr-callback', 'other', 3, NOW, schemas);
    expect(c).not.toEqual(a);
  });
});
