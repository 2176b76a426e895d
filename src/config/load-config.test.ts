import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SimError } from '../engine/errors.js';
import { loadConfig, resolveConfig } from './load-config.js';

const file = (name: string, text: string): string => {
  const path = join(mkdtempSync(join(tmpdir(), 'psim-')), name);
  writeFileSync(path, text);
  return path;
};

describe('config', () => {
  it('merges defaults < file < env < flags', () => {
    const path = file('c.json', JSON.stringify({ port: 5000, seed: 'from-file', host: '0.0.0.0' }));
    const config = loadConfig({
      file: path,
      env: { PROVIDER_SIM_SEED: 'from-env', PROVIDER_SIM_PORT: '6000' },
      flags: { port: 7000 },
    });
    expect(config).toMatchObject({
      port: 7000,
      seed: 'from-env',
      host: '0.0.0.0',
      journal: { size: 1000 },
    });
  });

  it('reads YAML files', () => {
    const path = file(
      'c.yaml',
      'port: 4999\nproviders:\n  sinch-sms:\n    callbacks:\n      dlr: http://127.0.0.1:3000/dlr\n',
    );
    expect(loadConfig({ file: path }).providers['sinch-sms']?.callbacks.dlr).toBe(
      'http://127.0.0.1:3000/dlr',
    );
  });

  it('names the field, the expectation and the value of a bad setting', () => {
    expect(() => resolveConfig({ port: 70000 })).toThrow(
      'config /port: must be <= 65535, got 70000',
    );
    expect(() => resolveConfig({ journal: { size: -1 } })).toThrow(/\/journal\/size/);
    expect(() => resolveConfig({ callbackUrl: 'ftp://x' })).toThrow(/\/callbackUrl.*"ftp:\/\/x"/);
    expect(() => resolveConfig({ prot: 1 } as never)).toThrow(
      'config /prot: is not a known field (check the spelling), got 1',
    );
    try {
      resolveConfig({ log: { level: 'loud' } } as never);
    } catch (error) {
      expect(error).toBeInstanceOf(SimError);
      expect((error as SimError).pointer).toBe('/log/level');
      expect((error as SimError).message).toContain(
        'one of ["silent","error","warn","info","debug"]',
      );
    }
  });

  it('says where a YAML file is broken and rejects a non-integer env port', () => {
    expect(() => loadConfig({ file: file('bad.yaml', 'port: 1\n  seed: [\n') })).toThrow(
      /not valid at line \d/,
    );
    expect(() => loadConfig({ file: '/nonexistent/c.json' })).toThrow(/cannot read config file/);
    expect(() => loadConfig({ env: { PROVIDER_SIM_PORT: 'abc' } })).toThrow(
      'PROVIDER_SIM_PORT: expected an integer, got "abc"',
    );
  });
});
