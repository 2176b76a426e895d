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

/** Runs each command line in turn (one at a time: each is a whole Node process). */
async function runEach(
  commands: readonly (readonly string[])[],
  env: Record<string, string>,
): Promise<Awaited<ReturnType<typeof runCli>>[]> {
  const results = [];
  for (const args of commands) results.push(await runCli([...args], env));
  return results;
}

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
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('provider-sim: --from abc: /from must match pattern');
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
    const [, until] = await cli.waitForOutput(
      /sinch-sms-down: for sinch-sms, within 60 s of loading \(until (\S+)\), answer unavailable/,
    );
    // Loaded at start: the window ends a minute after the banner.
    expect(Math.abs(Date.parse(until!) - 60_000 - Date.now())).toBeLessThan(30_000);
    const post = () =>
      fetch(`${url}${SINCH_SMS_SEND_PATH}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(sinchSmsSend()),
      });
    expect((await post()).status).toBe(503);
    const listed = await runCli(['fault', 'list', '--url', url!]);
    expect(listed.stdout).toContain(
      `[scenario:provider-outage] sinch-sms-down: for sinch-sms, within 60 s of loading (until ${until}), answer unavailable (matched 1, applied 1)`,
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
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain(
      'provider-sim: --rule {"then":{"error":"nope"}} was refused: /0/then/error: sinch-sms has no error "nope"',
    );
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
    const whatsapp = await runCli(['sample', 'sinch-whatsapp/dlr-callback', '--seed', 'e2e']);
    const dlr = JSON.parse(whatsapp.stdout) as {
      payloadVersion: string;
      statuses: { msgId: string }[];
    };
    expect(dlr.payloadVersion).toBe('0.1');
    for (const s of dlr.statuses) expect(s.msgId).toMatch(/^(\d+)\|\d{10}\|\d{8}\|\1$/);
  });

  it('names the known schemas when asked for an unknown one, and exits 2', async () => {
    const result = await runCli(['sample', 'sinch-sms/nope']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('unknown schema "sinch-sms/nope"; known: ');
    expect(result.stderr).toContain('sinch-sms/dlr-callback');
  });
});

describe('client commands', { timeout: 120_000 }, () => {
  /** Every command that talks to a running simulator, with arguments that succeed against one. */
  const CLIENT_COMMANDS: readonly (readonly string[])[] = [
    ['verify', '--allow-empty'],
    ['fault', 'list'],
    ['providers'],
    [
      'inbound',
      '--provider',
      'sinch-sms',
      '--from',
      '919800000001',
      '--text',
      'hi',
      '--reply-to',
      'm-1.',
    ],
  ];

  it('find the simulator through PROVIDER_SIM_PORT or PROVIDER_SIM_URL, every one alike', async () => {
    cli = startCli(['start', '--port', '0', '--callback-url', sink.url]);
    const [, url, port] = await cli.waitForOutput(/listening on (http:\/\/127\.0\.0\.1:(\d+))/);
    const first: Awaited<ReturnType<typeof runCli>>[] = [];
    for (const env of [
      { PROVIDER_SIM_PORT: port!, PROVIDER_SIM_URL: '' },
      { PROVIDER_SIM_URL: url!, PROVIDER_SIM_PORT: '' },
    ]) {
      const results = await runEach(CLIENT_COMMANDS, env);
      if (first.length === 0) first.push(...results);
      results.forEach((result, i) => {
        expect(
          result.code,
          `${CLIENT_COMMANDS[i]!.join(' ')} with ${JSON.stringify(env)}: ${result.stderr}`,
        ).toBe(0);
      });
    }
    // The first verify ran before anything was sent: it names the journal it read.
    expect(first[0]!.stdout).toContain(`the journal at ${url} holds nothing to check`);
  });

  it('name the target they could not reach (exit 1), and a bad PROVIDER_SIM_PORT or URL as given (exit 2)', async () => {
    for (const args of CLIENT_COMMANDS) {
      const down = await runCli([...args], { PROVIDER_SIM_PORT: '9', PROVIDER_SIM_URL: '' });
      expect(down.code, args.join(' ')).toBe(1);
      expect(down.stderr).toContain('cannot reach the simulator at http://127.0.0.1:9');
    }
    const badPort = await runCli(['fault', 'list'], {
      PROVIDER_SIM_PORT: 'abc',
      PROVIDER_SIM_URL: '',
    });
    expect(badPort.code).toBe(2);
    expect(badPort.stderr).toContain('PROVIDER_SIM_PORT must be a port from 1 to 65535; got "abc"');
    const badUrl = await runCli(['verify'], { PROVIDER_SIM_URL: 'localhost:4010' });
    expect(badUrl.code).toBe(2);
    expect(badUrl.stderr).toContain('PROVIDER_SIM_URL must be an http(s) URL');
    expect(badUrl.stderr).toContain('got "localhost:4010"');
  });
});

describe(
  'usage and config errors exit 2, naming the flag and the value as given',
  { timeout: 120_000 },
  () => {
    it('refuses bad scenario files, rules, ids and inbound input of a running simulator', async () => {
      cli = startCli(['start', '--port', '0']);
      const [, url] = await cli.waitForOutput(/listening on (http:\/\/[^ ]+)/);
      const malformed = configFile('name: broken\nrules: [\n  - bad', 'malformed.yaml');
      const list = configFile('- just\n- a list\n', 'list.yaml');
      const negative = configFile(
        'name: broken\nrules:\n  - match: { provider: sinch-sms }\n    then:\n      latency: { type: fixed, ms: -5 }\n',
        'negative.yaml',
      );
      const cases: [string[], string | RegExp][] = [
        [
          ['fault', 'add', '--file', malformed],
          new RegExp(`--file ${malformed}:3:\\d+: not valid YAML`),
        ],
        [['fault', 'add', '--file', list], `--file ${list}: expected a scenario`],
        [
          ['fault', 'add', '--file', negative],
          `--file ${negative}:5: /rules/0/then/latency/ms: must be >= 0`,
        ],
        [
          ['fault', 'add', '--file', `${list}.missing`],
          `--file cannot read scenario file ${list}.missing`,
        ],
        [
          ['fault', 'add', '--rule', '{"match":{"bogus":1}}'],
          '--rule {"match":{"bogus":1}} was refused: /0/',
        ],
        [['fault', 'add', '--rule', '{bad json'], '--rule is not valid JSON'],
        [['fault', 'clear', '--id', 'nope'], '--id nope: no removable rule "nope"'],
        [['fault', 'clear', '--scenario', 'nope'], '--scenario nope: no scenario "nope" is loaded'],
        [['fault', 'clear', '--id', 'a', '--scenario', 'b'], 'not both; got --id a --scenario b'],
        [
          ['inbound', '--provider', 'nope', '--from', '919800000001'],
          '--provider nope: /provider:',
        ],
        [
          ['inbound', '--provider', 'sinch-sms', '--from', '919800000001', '--json', '{bad'],
          '--json is not valid JSON',
        ],
        [
          ['inbound', '--provider', 'sinch-sms', '--from', '919800000001', '--json', '[1]'],
          '--json must be a JSON object; got [1]',
        ],
        [['verify', '--provider', 'nope'], '--provider nope is not served at'],
        [
          ['verify', '--callback-deadline-ms', 'soon'],
          '--callback-deadline-ms must be a whole number from 1 to 86400000; got "soon"',
        ],
      ];
      const results = await runEach(
        cases.map(([args]) => [...args, '--url', url!]),
        {},
      );
      results.forEach((result, i) => {
        const [args, expected] = cases[i]!;
        expect(result.code, `${args.join(' ')}: ${result.stderr}`).toBe(2);
        if (typeof expected === 'string') expect(result.stderr).toContain(expected);
        else expect(result.stderr).toMatch(expected);
      });
    });

    it('refuses unknown schema ids, providers and counts without a simulator', async () => {
      const cases: [string[], string][] = [
        [['sample', 'nope/nope'], 'unknown schema "nope/nope"; known: '],
        [
          ['sample', 'sinch-sms/dlr-callback', '--count', 'abc'],
          '--count must be a whole number from 1 to 1000; got "abc"',
        ],
        [['magic-numbers', '--provider', 'nope'], '--provider "nope" is not served'],
        [
          ['contract', '--config', 'examples/contract.config.yaml', '--url', 'nope'],
          '--url must be an http(s) URL such as http://127.0.0.1:4010; got "nope"',
        ],
      ];
      const results = await runEach(
        cases.map(([args]) => args),
        {},
      );
      results.forEach((result, i) => {
        const [args, expected] = cases[i]!;
        expect(result.code, `${args.join(' ')}: ${result.stderr}`).toBe(2);
        expect(result.stderr).toContain(expected);
      });
    });
  },
);
