import { describe, expect, it } from 'vitest';
import { loadProviders } from '../../simulators/registry.js';
import { SchemaRegistry } from '../engine/validation/schema-registry.js';
import { plausibleSamples } from './plausible-sample.js';

const NOW = Date.UTC(2026, 11, 2, 12, 0, 0);
const DAY = 24 * 60 * 60 * 1000;
const schemas = new SchemaRegistry();

/** Every value under `key` anywhere in `value`. */
function valuesOf(value: unknown, key: string): unknown[] {
  if (Array.isArray(value)) return value.flatMap((v) => valuesOf(v, key));
  if (typeof value !== 'object' || value === null) return [];
  return Object.entries(value).flatMap(([k, v]) => [
    ...(k === key ? [v] : []),
    ...valuesOf(v, key),
  ]);
}

describe('provider-sim sample', () => {
  it('makes Sinch SMS DLRs with epoch seconds near now, catalog failures and CleverTap msgids, all schema-valid', async () => {
    const catalog = (await loadProviders(['sinch-sms']))[0]!.catalog!.failureCodes;
    const samples = await plausibleSamples('sinch-sms/dlr-callback', 'seed-1', 20, NOW, schemas);
    const ts = samples.flatMap((s) => valuesOf(s, 'ts')) as number[];
    expect(ts.length).toBeGreaterThan(0);
    for (const t of ts) expect(Math.abs(t * 1000 - NOW)).toBeLessThan(DAY);
    const descriptions = samples.flatMap((s) => valuesOf(s, 'description'));
    expect(descriptions.length).toBeGreaterThan(0);
    const known = new Map(catalog.map((c) => [c.description, c.code]));
    for (const d of descriptions) expect(known.has(d as string), String(d)).toBe(true);
    for (const s of samples) expect(schemas.validate('sinch-sms/dlr-callback', s)).toEqual([]);
  });

  it('uses the Indian mobile format and the dotted CleverTap msgid on a Sinch SMS send', async () => {
    const [send] = await plausibleSamples('sinch-sms/send-request', 'seed-2', 1, NOW, schemas);
    const to = valuesOf(send, 'to')[0] as string;
    expect(to).toMatch(/^(\+?91)?[6-9]\d{9}$/);
    const msgid = valuesOf(send, 'msgid')[0];
    if (msgid !== undefined)
      expect(msgid).toMatch(/^\d+\.1200000000\.\d{10}\.\d{8}\.0\.wzrk_default\.-1\.$/);
    expect(schemas.validate('sinch-sms/send-request', send)).toEqual([]);
  });

  it('repeats the same samples for the same seed and now', async () => {
    const a = await plausibleSamples('msg91/dlr-callback', 'same', 3, NOW, schemas);
    const b = await plausibleSamples('msg91/dlr-callback', 'same', 3, NOW, schemas);
    expect(b).toEqual(a);
  });
});
