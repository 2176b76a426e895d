import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadContractConfig } from './load-contract-config.js';

const dir = (): string => mkdtempSync(join(tmpdir(), 'psim-contract-config-'));

function file(name: string, text: string): string {
  const path = join(dir(), name);
  writeFileSync(path, text);
  return path;
}

const YAML = `
seed: ci
gateway:
  trigger:
    url: http://127.0.0.1:8080/send
    headers: { authorization: 'Bearer {{env.GATEWAY_TOKEN}}' }
    body: { provider: '{{provider}}', to: '{{to}}', text: '{{text}}', templateId: '{{templateId}}' }
  probe: { url: 'http://127.0.0.1:8080/messages/{{id}}', map: { DELIVRD: delivered } }
  callbacks:
    sinch-sms: { dlr: http://127.0.0.1:8080/callbacks/sinch-sms }
  concurrency: 4
settings: { callbackDeadlineMs: 1500 }
`;

describe('loadContractConfig', () => {
  it('reads YAML, fills in defaults and runs the providers named in gateway.callbacks', async () => {
    const config = await loadContractConfig(file('contract.config.yaml', YAML));
    expect(config).toMatchObject({
      seed: 'ci',
      providers: ['sinch-sms'],
      simulator: { config: { port: 4010 } },
      gateway: { concurrency: 4, trigger: { url: 'http://127.0.0.1:8080/send' } },
      settings: { callbackDeadlineMs: 1500 },
      timeouts: { settleMs: 10_000, graceMs: 100, caseMs: 60_000, totalMs: 900_000 },
      report: { targets: [{ reporter: 'console' }] },
    });
  });

  it('lets command-line values beat the file', async () => {
    const config = await loadContractConfig(file('c.yaml', YAML), {
      seed: 'flag',
      url: 'http://127.0.0.1:4999',
      only: ['sinch-sms-auth'],
      reporters: ['junit'],
      outputs: ['out.xml'],
    });
    expect(config).toMatchObject({
      seed: 'flag',
      simulator: { url: 'http://127.0.0.1:4999' },
      cases: { only: ['sinch-sms-auth'] },
      report: { targets: [{ reporter: 'junit', output: 'out.xml' }] },
    });
  });

  it('loads trigger and probe functions from a module config', async () => {
    const folder = dir();
    writeFileSync(
      join(folder, 'hooks.mjs'),
      'export async function send(input) { return [input.to[0]]; }\nexport const status = async () => "sent";\n',
    );
    writeFileSync(
      join(folder, 'contract.config.mjs'),
      `export const config = { gateway: { trigger: { module: './hooks.mjs' }, probe: { module: './hooks.mjs' }, callbacks: { 'sinch-sms': { dlr: 'http://127.0.0.1:1/cb' } } } };\n`,
    );
    const config = await loadContractConfig(join(folder, 'contract.config.mjs'));
    expect(typeof config.gateway.trigger).toBe('function');
    expect(typeof config.gateway.probe).toBe('function');
  });

  it('names the field, the expectation and the value found for a bad field', async () => {
    await expect(
      loadContractConfig(
        file('c.json', JSON.stringify({ gateway: { trigger: { url: 5 }, callbacks: {} } })),
      ),
    ).rejects.toThrow('contract config /gateway/trigger/url: must be string, got 5');
    await expect(
      loadContractConfig(file('c.yaml', YAML.replace('concurrency: 4', 'concurency: 4'))),
    ).rejects.toThrow(
      'contract config /gateway/concurency: is not a known field (check the spelling)',
    );
  });

  it('names an unknown placeholder and lists the known ones', async () => {
    await expect(
      loadContractConfig(file('c.yaml', YAML.replace("'{{to}}'", "'{{recipient}}'"))),
    ).rejects.toThrow(
      'config /gateway/trigger/body/to: unknown placeholder {{recipient}}; known: {{provider}}, {{to}}',
    );
  });

  it('refuses a provider without contract cases, or without callback URLs', async () => {
    await expect(loadContractConfig(file('c.yaml', `${YAML}providers: [nope]\n`))).rejects.toThrow(
      'contract config /providers/0: no contract cases for provider "nope"; known: sinch-sms',
    );
    await expect(
      loadContractConfig(file('c.yaml', YAML), { providers: ['sinch-sms', 'nope'] }),
    ).rejects.toThrow('contract config --provider: no contract cases for provider "nope"');
  });

  it("names the simulator config's bad field under /simulator/config", async () => {
    await expect(
      loadContractConfig(
        file('c.yaml', `${YAML}simulator: { config: { journal: { size: lots } } }\n`),
      ),
    ).rejects.toThrow(
      'contract config /simulator/config/journal/size: must be integer, got "lots"',
    );
  });

  it('names a module that lacks the hook function, with the functions it has', async () => {
    const folder = dir();
    writeFileSync(join(folder, 'hooks.mjs'), 'export function trigger() {}\n');
    writeFileSync(
      join(folder, 'c.json'),
      JSON.stringify({
        gateway: {
          trigger: { module: './hooks.mjs' },
          callbacks: { 'sinch-sms': { dlr: 'http://x/cb' } },
        },
      }),
    );
    await expect(loadContractConfig(join(folder, 'c.json'))).rejects.toThrow(
      'contract config /gateway/trigger/export: ./hooks.mjs exports no function "send"; functions it exports: trigger',
    );
  });

  it('imports a TypeScript config where a loader can (as here; the built CLI on plain Node explains instead)', async () => {
    const path = file('contract.config.ts', 'export const config: object = { gateway: {} };\n');
    await expect(loadContractConfig(path)).rejects.toThrow(
      'contract config /gateway/trigger: is required',
    );
  });

  it('reports YAML that does not parse with its line', async () => {
    await expect(loadContractConfig(file('c.yaml', 'gateway:\n  trigger: [\n'))).rejects.toThrow(
      /is not valid YAML at line \d/,
    );
  });
});
