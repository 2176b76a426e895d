import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SchemaRegistry } from '../../src/engine/validation/schema-registry.js';
import { startCallbackSink, type CallbackSink } from '../support/callback-sink.js';
import { runCli, startCli, type RunningCli } from '../support/run-cli.js';
import { SINCH_SMS_SEND_PATH, sinchSmsSend } from '../support/sinch-sms-fixtures.js';

let sink: CallbackSink;
let cli: RunningCli | undefined;

const configFile = (config: unknown, name = 'config.json'): string => {
  const path = join(mkdtempSync(join(tmpdir(), 'psim-e2e-')), name);
  writeFileSync(path, typeof config === 'string' ? config : JSON.stringify(config));
  return path;
};

beforeEach(async () => {
  sink = await startCallbackSink();
});
afterEach(async () => {
  cli?.child.kill('SIGKILL');
  cli = undefined;
  await sink.close();
});

describe('provider-sim start', () => {
  it('prints each provider URL, credentials and callback target, serves sends and calls back DLRs', async () => {
    cli = startCli(['start', '--port', '0', '--callback-url', sink.url]);
    const [, url] = await cli.waitForOutput(/listening on (http:\/\/127\.0\.0\.1:\d+)/);
    expect(cli.output()).toContain(`POST ${url}${SINCH_SMS_SEND_PATH}`);
    expect(cli.output()).toContain('appid=clvrtap userId=clvrtap pass=clvrtap_18');
    expect(cli.output()).toContain(`callbacks: dlr -> ${sink.url}`);
    const response = await fetch(`${url}${SINCH_SMS_SEND_PATH}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(sinchSmsSend({ to: '919800000001,919800000901' })),
    });
    expect(response.status).toBe(200);
    const callbacks = await sink.waitFor(2);
    const events = callbacks.map((c) => (c.body as [{ event: string }])[0].event).sort();
    expect(events).toEqual(['delivered', 'failed']);
    cli.child.kill('SIGTERM');
    expect(await cli.exited).toBe(0);
  });

  it('on SIGTERM sends DLRs still pending before it exits', async () => {
    const config = configFile({
      providers: { 'sinch-sms': { settings: { dlrDelayMs: { min: 600_000, max: 600_000 } } } },
    });
    cli = startCli(['start', '--port', '0', '--config', config, '--callback-url', sink.url]);
    const [, url] = await cli.waitForOutput(/listening on (http:\/\/[^ ]+)/);
    await fetch(`${url}${SINCH_SMS_SEND_PATH}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(sinchSmsSend()),
    });
    expect(sink.received).toHaveLength(0);
    cli.child.kill('SIGTERM');
    expect(await cli.exited).toBe(0);
    expect(sink.received).toHaveLength(1);
    expect(cli.output()).toContain(
      'stopped: 1 scheduled step(s) run early, 0 callback(s) undelivered',
    );
  });

  it('refuses a bad config file with a message naming the field, and exits 2', async () => {
    const config = configFile('journal:\n  size: lots\n', 'bad.yaml');
    const result = await runCli(['start', '--port', '0', '--config', config]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('config /journal/size: must be integer, got "lots"');
  });

  it('refuses an unknown flag and an unknown command with usage help, and exits 2', async () => {
    const flag = await runCli(['start', '--prot', '1']);
    expect(flag.code).toBe(2);
    expect(flag.stderr).toMatch(/Unknown argument: prot/);
    const command = await runCli(['stat']);
    expect(command.code).toBe(2);
    expect(command.stderr).toMatch(/Did you mean start|Unknown argument: stat/);
  });
});

describe('provider-sim inbound', () => {
  it('acts as the customer: the reply reaches the gateway as a replied event', async () => {
    cli = startCli(['start', '--port', '0', '--callback-url', sink.url]);
    const [, url] = await cli.waitForOutput(/listening on (http:\/\/[^ ]+)/);
    await fetch(`${url}${SINCH_SMS_SEND_PATH}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(sinchSmsSend({ msgid: 'sent-9.' })),
    });
    await sink.waitFor(1);
    const result = await runCli([
      'inbound',
      '--url',
      url!,
      '--provider',
      'sinch-sms',
      '--from',
      '919800000001',
      '--text',
      'STOP',
    ]);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ ok: true, provider: 'sinch-sms' });
    const [, reply] = await sink.waitFor(2);
    expect(reply!.body).toEqual([
      {
        event: 'replied',
        data: [expect.objectContaining({ meta: 'sent-9.', incomingText: 'STOP' })],
      },
    ]);
  });

  it('says what is wrong when the input is refused or the simulator is not running', async () => {
    cli = startCli(['start', '--port', '0']);
    const [, url] = await cli.waitForOutput(/listening on (http:\/\/[^ ]+)/);
    const refused = await runCli([
      'inbound',
      '--url',
      url!,
      '--provider',
      'sinch-sms',
      '--from',
      'abc',
      '--text',
      'x',
    ]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('/from:');
    const down = await runCli([
      'inbound',
      '--url',
      'http://127.0.0.1:9',
      '--provider',
      'sinch-sms',
      '--from',
      '1',
      '--text',
      'x',
    ]);
    expect(down.code).toBe(1);
    expect(down.stderr).toContain('cannot reach the simulator');
  });
});

describe('fault scenarios from the command line', () => {
  it('loads scenarios at start, lists them in the banner, and manages rules of the running simulator', async () => {
    cli = startCli(['start', '--port', '0', '--scenario', 'scenarios/provider-outage.yaml']);
    const [, url] = await cli.waitForOutput(/listening on (http:\/\/[^ ]+)/);
    await cli.waitForOutput(
      /sinch-sms-down: for sinch-sms, until 60 s after start, answer unavailable/,
    );
    const post = () =>
      fetch(`${url}${SINCH_SMS_SEND_PATH}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(sinchSmsSend()),
      });
    expect((await post()).status).toBe(503);
    const listed = await runCli(['fault', 'list', '--url', url!]);
    expect(listed.stdout).toContain(
      '[scenario:provider-outage] sinch-sms-down: for sinch-sms, until 60 s after start, answer unavailable (matched 1, applied 1)',
    );
    expect((await runCli(['fault', 'clear', '--url', url!])).stdout).toContain('removed 1 rule(s)');
    expect((await post()).status).toBe(200);
    const added = await runCli([
      'fault',
      'add',
      '--url',
      url!,
      '--rule',
      '{"id":"slow","then":{"error":"throttled"}}',
    ]);
    expect(added.stdout).toContain('slow: answer throttled');
    expect((await post()).status).toBe(429);
    const fromFile = await runCli([
      'fault',
      'add',
      '--url',
      url!,
      '--file',
      'scenarios/throttled.yaml',
    ]);
    expect(fromFile.stdout).toContain('loaded scenario throttled');
    const bad = await runCli([
      'fault',
      'add',
      '--url',
      url!,
      '--rule',
      '{"then":{"error":"nope"}}',
    ]);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('sinch-sms has no error "nope"');
  });

  it('refuses a bad scenario file at start, naming the file, line and field', async () => {
    const file = configFile(
      'name: broken\nrules:\n  - match: { provider: sinch-sms }\n    then:\n      latency: { type: fixed, ms: -5 }\n',
      'broken.yaml',
    );
    const result = await runCli(['start', '--port', '0', '--scenario', file]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/broken\.yaml:5: \/rules\/0\/then\/latency\/ms: must be >= 0/);
  });

  it('lists magic numbers per provider', async () => {
    const result = await runCli(['magic-numbers', '--provider', 'sinch-sms']);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/919800000901 +failed 901 \(DND failure\)/);
    expect(result.stdout).toMatch(/919800000001 +delivered/);
  });
});

describe('provider-sim sample', () => {
  const schemas = new SchemaRegistry();

  it('prints a valid example of a schema, the same for the same seed', async () => {
    const a = await runCli(['sample', 'sinch-sms/dlr-callback', '--seed', 'e2e']);
    expect(a.code).toBe(0);
    expect(schemas.validate('sinch-sms/dlr-callback', JSON.parse(a.stdout))).toEqual([]);
    const b = await runCli(['sample', 'sinch-sms/dlr-callback', '--seed', 'e2e']);
    expect(b.stdout).toBe(a.stdout);
    const many = await runCli(['sample', 'sinch-sms/send-request', '--count', '3']);
    const values = JSON.parse(many.stdout) as unknown[];
    expect(values).toHaveLength(3);
    for (const value of values)
      expect(schemas.validate('sinch-sms/send-request', value)).toEqual([]);
  });

  it('names the known schemas when asked for an unknown one', async () => {
    const result = await runCli(['sample', 'sinch-sms/nope']);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('unknown schema "sinch-sms/nope"; known: ');
    expect(result.stderr).toContain('sinch-sms/dlr-callback');
  });
});
