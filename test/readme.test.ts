import { readFileSync, writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config/load-config.js';
import { createSimulator } from '../src/app/create-simulator.js';
import { loadProviders } from '../simulators/registry.js';

const readme = readFileSync(join(import.meta.dirname, '..', 'README.md'), 'utf8');

describe('README', () => {
  it('shows the two set-up commands', () => {
    expect(readme).toContain('npm ci && npm start');
    expect(readme).toContain('npm test');
  });

  it('documents a configuration file that loads and starts as written', async () => {
    const yaml = /```yaml\n([\s\S]*?)```/.exec(readme)?.[1];
    expect(yaml).toBeDefined();
    const path = join(mkdtempSync(join(tmpdir(), 'psim-readme-')), 'provider-sim.yaml');
    writeFileSync(path, yaml!);
    const config = loadConfig({ file: path });
    const sim = createSimulator(
      { ...config, port: 0, log: { level: 'silent' } },
      await loadProviders(),
    );
    expect(sim.providers.map((p) => p.definition.id)).toContain('sinch-sms');
    await sim.close({ drain: false });
  });
});
