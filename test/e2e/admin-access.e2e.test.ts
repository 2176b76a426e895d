import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runCli, startCli, type RunningCli } from '../support/run-cli.js';

let cli: RunningCli | undefined;

afterEach(() => {
  cli?.child.kill('SIGKILL');
  cli = undefined;
});

const noToken = { PROVIDER_SIM_ADMIN_TOKEN: '' };

describe('provider-sim start and the admin API', { timeout: 120_000 }, () => {
  it('refuses to serve the admin API on a non-loopback host without a token, naming --admin-token (exit 2)', async () => {
    const run = await runCli(['start', '--port', '0', '--host', '0.0.0.0'], noToken);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('--admin-token');
    expect(run.stderr).toContain('--insecure-admin');
    expect(run.stdout).not.toContain('listening on');
  });

  it('starts open with --insecure-admin and warns', async () => {
    cli = startCli(['start', '--port', '0', '--host', '0.0.0.0', '--insecure-admin']);
    await cli.waitForOutput(/listening on http:\/\/[^ ]+/, 60_000);
    await cli.waitForOutput(/warning: .*without a token \(--insecure-admin\)/, 60_000);
  });

  it('starts on a non-loopback host with a token, and the client commands send it', async () => {
    cli = startCli([
      'start',
      '--port',
      '0',
      '--host',
      '0.0.0.0',
      '--admin-token',
      'e2e-token',
      '--log-level',
      'silent',
    ]);
    const [, port] = await cli.waitForOutput(/listening on http:\/\/[^:]+:(\d+)/, 60_000);
    const url = `http://127.0.0.1:${port}`;
    expect((await fetch(`${url}/__admin/health`)).status).toBe(401);
    const refused = await runCli(['fault', 'list', '--url', url], noToken);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('Authorization: Bearer');
    const rule = '{"id":"down","match":{"provider":"sinch-sms"},"then":{"error":"unavailable"}}';
    const added = await runCli(['fault', 'add', '--url', url, '--rule', rule], {
      PROVIDER_SIM_ADMIN_TOKEN: 'e2e-token',
    });
    expect(added.stderr).toBe('');
    expect(added.stdout).toContain('down');
    const dir = mkdtempSync(join(tmpdir(), 'admin-e2e-'));
    const scenario = join(dir, 'bad-day.yaml');
    writeFileSync(scenario, 'name: bad-day\nrules:\n  - then: { error: unavailable }\n');
    const loaded = await runCli(
      ['fault', 'add', '--url', url, '--file', scenario, '--admin-token', 'e2e-token'],
      noToken,
    );
    expect(loaded.stdout).toContain('loaded scenario bad-day');
    const listed = await runCli(['providers', '--url', url, '--admin-token', 'e2e-token'], noToken);
    expect(listed.code).toBe(0);
    expect(listed.stdout).toContain('sinch-sms');
    const inbound = await runCli(
      [
        'inbound',
        '--url',
        url,
        '--admin-token',
        'e2e-token',
        '--provider',
        'sinch-sms',
        '--from',
        '919800000001',
        '--text',
        'hi',
      ],
      noToken,
    );
    expect(inbound.stderr).not.toContain('401');
    expect(inbound.stderr).not.toContain('admin token');
  });
});

describe('malformed YAML', { timeout: 120_000 }, () => {
  it('start --scenario names the file, line and column (exit 2)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'yaml-e2e-'));
    const file = join(dir, 'broken.yaml');
    writeFileSync(file, 'name: broken\nrules:\n  - then: { error: unavailable\n');
    const run = await runCli(['start', '--port', '0', '--scenario', file], noToken);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(
      new RegExp(`${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:\\d+:\\d+`),
    );
    expect(run.stderr).toMatch(/line \d+, column \d+/);
  });

  it('fault add --file names the line and column', async () => {
    cli = startCli(['start', '--port', '0', '--log-level', 'silent']);
    const [, url] = await cli.waitForOutput(/listening on (http:\/\/[^ ]+)/, 60_000);
    const dir = mkdtempSync(join(tmpdir(), 'yaml-e2e-'));
    const file = join(dir, 'broken.yaml');
    writeFileSync(file, 'name: broken\nrules:\n  - then: { error: unavailable\n');
    const run = await runCli(['fault', 'add', '--url', url!, '--file', file], noToken);
    expect(run.code).not.toBe(0);
    expect(run.stderr).toContain(file);
    expect(run.stderr).toMatch(/line \d+, column \d+/);
  });
});
