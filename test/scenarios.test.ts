import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readScenarioFile } from '../src/config/read-scenario-file.js';
import { createSimulator } from '../src/app/create-simulator.js';
import { loadProviders } from '../simulators/registry.js';

const folder = join(import.meta.dirname, '..', 'scenarios');

describe('ready scenarios', () => {
  it.each(readdirSync(folder).filter((f) => f.endsWith('.yaml')))(
    '%s loads against every provider',
    async (file) => {
      const sim = createSimulator({ port: 0, log: { level: 'silent' } }, await loadProviders());
      const scenario = readScenarioFile(join(folder, file));
      const loaded = sim.faults.loadScenario(scenario.document);
      expect(loaded.name).toBe(file.replace(/\.yaml$/, ''));
      expect(loaded.rules.length).toBeGreaterThan(0);
      for (const rule of loaded.rules) expect(rule.sentence).not.toBe('');
      await sim.close({ drain: false });
    },
  );
});
