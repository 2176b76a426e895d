import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadProviders } from '../../simulators/registry.js';
import { createSimulator } from '../app/create-simulator.js';
import { formatBanner } from './banner.js';

/** The banner `npm start` prints with the defaults (port 4010, seed provider-sim, no config). */
async function defaultBanner(): Promise<string> {
  const simulator = createSimulator({ log: { level: 'silent' } }, await loadProviders());
  try {
    // Not listening: the summaries use the configured host and port, as the started one would.
    const url = 'http://127.0.0.1:4010';
    return formatBanner(url, simulator.config.seed, simulator.describe(), simulator.faults.list());
  } finally {
    await simulator.close({ drain: false });
  }
}

describe('start banner', () => {
  it('fits one screen: at most 30 lines, none longer than 160 characters', async () => {
    const lines = (await defaultBanner()).trimEnd().split('\n');
    expect(lines.length).toBeLessThanOrEqual(30);
    expect(lines.filter((l) => l.length > 160)).toEqual([]);
    expect(lines.some((l) => l.startsWith('sinch-sms '))).toBe(true);
    expect(lines.some((l) => l.startsWith('inbox: http://127.0.0.1:4010/'))).toBe(true);
  });

  it('is what the README shows after "npm start" prints', async () => {
    const readme = readFileSync(join(import.meta.dirname, '..', '..', 'README.md'), 'utf8');
    const excerpt = /will call back:\n\n```\n([\s\S]*?)```/.exec(readme)?.[1];
    expect(excerpt, 'README has the banner excerpt').toBeDefined();
    expect(excerpt).toBe(await defaultBanner());
  });
});
