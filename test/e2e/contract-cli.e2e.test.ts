import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { CONTRACT_REGISTRY } from '../../contracts/registry.js';
import { PROVIDER_REGISTRY } from '../../simulators/registry.js';
import type { GatewayDefects } from '../../examples/reference-gateway/defects.js';
import {
  createReferenceGateway,
  type ReferenceGateway,
} from '../../examples/reference-gateway/gateway.js';
import { startSimulator, type Simulator } from '../../src/index.js';
import { runCli } from '../support/run-cli.js';
import { SINCH_SMS_SEND_PATH, sinchSmsSend } from '../support/sinch-sms-fixtures.js';

/** True on a Node that imports `.ts` files by itself (22.18+, 23.6+); @types/node 20 does not know the flag. */
const nodeStripsTypes = Boolean((process.features as { typescript?: unknown }).typescript);

let gateway: ReferenceGateway | undefined;
let simulator: Simulator | undefined;
let gatewayProcess: ChildProcessWithoutNullStreams | undefined;

afterEach(async () => {
  await simulator?.close({ drain: false });
  await gateway?.close();
  gatewayProcess?.kill('SIGKILL');
  simulator = undefined;
  gateway = undefined;
  gatewayProcess = undefined;
});

/** A port free right now, for a simulator the CLI starts (the gateway must know it in advance). */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** A reference gateway sending to `simulatorUrl`, with the proof's short timeouts. */
async function startGateway(simulatorUrl: string, defects: GatewayDefects = {}): Promise<string> {
  gateway = createReferenceGateway({
    simulatorUrl,
    defects,
    requestTimeoutMs: 1000,
    concurrency: 3,
    retry: { initialDelayMs: 100 },
    slowAnswerMs: 1500,
  });
  return gateway.listen();
}

function write(name: string, text: string): string {
  const path = join(mkdtempSync(join(tmpdir(), 'psim-contract-e2e-')), name);
  writeFileSync(path, text);
  return path;
}

/** A YAML contract config for the reference gateway at `gatewayUrl`. */
const yamlConfig = (gatewayUrl: string, port: number): string => `
seed: e2e
simulator:
  config: { port: ${port}, log: { level: error } }
gateway:
  ready: { url: ${gatewayUrl}/messages }
  trigger:
    url: ${gatewayUrl}/send
    body: { provider: '{{provider}}', to: '{{to}}', text: '{{text}}', templateId: '{{templateId}}', international: '{{international}}' }
  probe: { url: '${gatewayUrl}/messages/{{id}}' }
  callbacks:
    sinch-sms: { dlr: ${gatewayUrl}/callbacks/sinch-sms }
  concurrency: 3
settings: { timeoutHoldMs: 2000, retryWindowMs: 700, callbackDeadlineMs: 1000, concurrencyHoldMs: 200 }
timeouts: { settleMs: 3000 }
`;

describe('provider-sim contract', () => {
  it('starts the simulator, runs every case against a gateway from a YAML config, prints progress, writes JUnit and exits 0', async () => {
    const port = await freePort();
    const gatewayUrl = await startGateway(`http://127.0.0.1:${port}`);
    const config = write('contract.config.yaml', yamlConfig(gatewayUrl, port));
    const junit = join(mkdtempSync(join(tmpdir(), 'psim-junit-')), 'reports', 'contract.xml');
    const result = await runCli([
      'contract',
      '--config',
      config,
      '--reporter',
      'junit',
      '--output',
      junit,
    ]);
    expect(result.code, `${result.stdout}\n${result.stderr}`).toBe(0);
    expect(result.stdout).toContain(`simulator: http://127.0.0.1:${port} (started; seed "e2e")`);
    expect(result.stdout).toMatch(/^\[ 1\/17\] pass {2}sinch-sms-payload-valid — /m);
    expect(result.stdout).toMatch(/^\[17\/17\] pass {2}sinch-sms-grouped-dlrs — /m);
    expect(result.stdout).toMatch(/^contract: 17 case\(s\), 17 passed in \d+ ms$/m);
    const xml = readFileSync(junit, 'utf8');
    expect(xml).toMatch(
      /<testsuites name="provider-sim contract" tests="17" failures="0" errors="0" skipped="0"/,
    );
    expect(xml.match(/<testcase /g)).toHaveLength(17);
  }, 60_000);

  it('exits 1 and reports the failure in JUnit when the gateway breaks a case', async () => {
    const port = await freePort();
    const gatewayUrl = await startGateway(`http://127.0.0.1:${port}`, { rejectInbound: true });
    const config = write('contract.config.yaml', yamlConfig(gatewayUrl, port));
    const junit = join(mkdtempSync(join(tmpdir(), 'psim-junit-')), 'contract.xml');
    const result = await runCli([
      'contract',
      '--config',
      config,
      '--case',
      'sinch-sms-callbacks-acknowledged',
      '--reporter',
      'junit',
      '--output',
      junit,
    ]);
    expect(result.code, result.stdout).toBe(1);
    expect(result.stdout).toContain('FAIL  sinch-sms-callbacks-acknowledged');
    expect(result.stdout).toContain('the gateway answered 400 to a replied inbound message');
    const xml = readFileSync(junit, 'utf8');
    expect(xml).toContain('failures="1"');
    expect(xml).toContain(
      '<failure message="the gateway answered 400 to a replied inbound message',
    );
  }, 30_000);

  it('drives the gateway through functions of a .mjs config, against a simulator already running (--url)', async () => {
    const started: { url?: string } = {};
    gateway = createReferenceGateway({ simulatorUrl: () => started.url, requestTimeoutMs: 1000 });
    const ownGateway = await gateway.listen();
    simulator = await startSimulator({
      port: 0,
      log: { level: 'silent' },
      providers: { 'sinch-sms': { callbacks: { dlr: `${ownGateway}/callbacks/sinch-sms` } } },
    });
    started.url = simulator.url;
    const folder = mkdtempSync(join(tmpdir(), 'psim-contract-mjs-'));
    writeFileSync(
      join(folder, 'gateway-hooks.mjs'),
      `const base = process.env.GATEWAY_URL;
export async function send(input) {
  const response = await fetch(base + '/send', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(input) });
  return (await response.json()).messages.map((m) => m.id);
}
export async function status(id) {
  const response = await fetch(base + '/messages/' + id);
  return response.status === 404 ? undefined : (await response.json()).status;
}
`,
    );
    writeFileSync(
      join(folder, 'contract.config.mjs'),
      `import { send, status } from './gateway-hooks.mjs';
export const config = {
  gateway: {
    trigger: send,
    probe: { module: './gateway-hooks.mjs', export: 'status' },
    callbacks: { 'sinch-sms': { dlr: process.env.GATEWAY_URL + '/callbacks/sinch-sms' } },
  },
  timeouts: { settleMs: 3000 },
};
`,
    );
    const result = await runCli(
      [
        'contract',
        '--config',
        join(folder, 'contract.config.mjs'),
        '--url',
        simulator.url!,
        '--case',
        'sinch-sms-payload-valid',
        '--case',
        'sinch-sms-duplicate-callback',
      ],
      { GATEWAY_URL: ownGateway },
    );
    expect(result.code, `${result.stdout}\n${result.stderr}`).toBe(0);
    expect(result.stdout).toContain(`simulator: ${simulator.url} (running; seed "provider-sim")`);
    expect(result.stdout).toMatch(/^contract: 2 case\(s\), 2 passed in \d+ ms$/m);
    expect(simulator.faults.list().filter((r) => r.source === 'admin')).toEqual([]);
  }, 30_000);

  it('writes the JSON report to stdout and the progress to stderr when no --output is given', async () => {
    const port = await freePort();
    const gatewayUrl = await startGateway(`http://127.0.0.1:${port}`);
    const config = write('contract.config.yaml', yamlConfig(gatewayUrl, port));
    const result = await runCli([
      'contract',
      '--config',
      config,
      '--case',
      'sinch-sms-auth',
      '--reporter',
      'json',
    ]);
    expect(result.code, result.stderr).toBe(0);
    const report = JSON.parse(result.stdout) as { format: string; summary: { passed: number } };
    expect(report).toMatchObject({
      format: 'provider-sim/contract-report@1',
      summary: { passed: 1 },
    });
    expect(result.stderr).toMatch(/^\[1\/1\] pass {2}sinch-sms-auth/m);
  }, 30_000);

  it('lists the selected cases with what they need, without running them', async () => {
    const config = write('contract.config.yaml', yamlConfig('http://127.0.0.1:1', 1));
    const result = await runCli(['contract', '--config', config, '--list']);
    expect(result.code).toBe(0);
    expect(result.stdout.trim().split('\n')).toHaveLength(17);
    expect(result.stdout).toContain(
      'sinch-sms-out-of-order-callbacks  never moves a sinch-sms message',
    );
    expect(result.stdout).toMatch(
      /sinch-sms-out-of-order-callbacks .* \[needs faults, status-probe\]$/m,
    );
  });

  it('refuses a case id none of the providers has, and exits 2', async () => {
    const config = write('contract.config.yaml', yamlConfig('http://127.0.0.1:1', 1));
    const result = await runCli(['contract', '--config', config, '--case', 'sinch-sms-nope']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(
      'provider-sim contract: --case / cases.only names no case "sinch-sms-nope" of sinch-sms; see --list',
    );
  });

  it('refuses a config with a bad field, naming the file and the field, and exits 2', async () => {
    const config = write(
      'contract.config.yaml',
      yamlConfig('http://127.0.0.1:1', 1).replace("'{{to}}'", "'{{recipients}}'"),
    );
    const result = await runCli(['contract', '--config', config]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(
      `provider-sim contract: ${config}: contract config /gateway/trigger/body/to: unknown placeholder {{recipients}}`,
    );
  });

  it.runIf(!nodeStripsTypes)(
    'explains how to use a TypeScript config where Node cannot load it, and exits 2',
    async () => {
      const config = write('contract.config.ts', 'export const config: object = {};\n');
      const result = await runCli(['contract', '--config', config]);
      expect(result.code).toBe(2);
      expect(result.stderr).toContain(
        'this Node cannot load TypeScript by itself. Compile it to .js/.mjs, or run under tsx (NODE_OPTIONS="--import tsx" npx provider-sim contract ...)',
      );
    },
  );
});

describe('provider-sim verify', () => {
  async function post(body: Record<string, unknown>): Promise<void> {
    await fetch(`${simulator!.url}${SINCH_SMS_SEND_PATH}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
  }

  it('exits 1 naming the pointer, value and rule of a bad request, and 0 for a clean journal', async () => {
    simulator = await startSimulator({ port: 0, log: { level: 'silent' } });
    await post(sinchSmsSend({ contenttype: 1 }));
    const bad = await runCli(['verify', '--url', simulator.url!]);
    expect(bad.code, bad.stderr).toBe(1);
    expect(bad.stdout).toContain('FAIL  verify-sinch-sms-send-requests');
    expect(bad.stdout).toContain('        where: request req_');
    expect(bad.stdout).toMatch(
      /at \/contenttype\n {8}rule: sinch-sms\/send-request: const\n {8}value: 1/,
    );

    simulator.reset();
    await post(sinchSmsSend());
    const clean = await runCli(['verify', '--url', simulator.url!, '--reporter', 'junit']);
    expect(clean.code, clean.stderr).toBe(0);
    expect(clean.stdout).toMatch(/<testsuites name="provider-sim verify" tests="1" failures="0"/);
  });

  it('exits 1 for a journal with nothing to check, unless told --allow-empty', async () => {
    simulator = await startSimulator({ port: 0, log: { level: 'silent' } });
    const empty = await runCli(['verify', '--url', simulator.url!]);
    expect(empty.code).toBe(1);
    expect(empty.stderr).toContain(`the journal at ${simulator.url} holds nothing to check`);
    expect((await runCli(['verify', '--url', simulator.url!, '--allow-empty'])).code).toBe(0);
  });

  it('names the URL when no simulator answers there', async () => {
    const result = await runCli(['verify', '--url', 'http://127.0.0.1:1']);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('cannot reach the simulator at http://127.0.0.1:1');
  });
});

describe('the shipped example config', () => {
  const root = join(import.meta.dirname, '..', '..');
  const example = join(root, 'examples', 'contract.config.yaml');
  const shipped = parseYaml(readFileSync(example, 'utf8')) as {
    providers: string[];
    gateway: { callbacks: Record<string, unknown> };
  };

  /** `npm run gateway` as package.json runs it: its script from dist, and its arguments. */
  function startShippedGateway(args: string[]): Promise<string> {
    const { scripts } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
      scripts: { gateway: string };
    };
    const [node, script] = scripts.gateway.split(' ');
    expect(node).toBe('node');
    gatewayProcess = spawn(process.execPath, [join(root, script!), ...args]);
    let output = '';
    gatewayProcess.stdout.on('data', (d: Buffer) => (output += d.toString()));
    gatewayProcess.stderr.on('data', (d: Buffer) => (output += d.toString()));
    return new Promise((resolve, reject) => {
      const check = setInterval(() => {
        const listening = /reference gateway at (http:\/\/\S+)/.exec(output);
        if (listening) {
          clearInterval(check);
          resolve(listening[1]!);
        } else if (gatewayProcess?.exitCode !== null) {
          clearInterval(check);
          reject(new Error(`the gateway exited: ${output}`));
        }
      }, 25);
    });
  }

  it('names every provider the simulator serves and the suite covers', () => {
    const served = Object.keys(PROVIDER_REGISTRY).sort();
    expect(Object.keys(CONTRACT_REGISTRY).sort()).toEqual(served);
    expect([...shipped.providers].sort()).toEqual(served);
    expect(Object.keys(shipped.gateway.callbacks).sort()).toEqual(served);
  });

  it('passes against the reference gateway of `npm run gateway`, every provider, moved to free ports', async () => {
    const simulatorPort = await freePort();
    const gatewayUrl = await startShippedGateway([
      '--port',
      '0',
      '--simulator-url',
      `http://127.0.0.1:${simulatorPort}`,
    ]);
    const { providers } = shipped;
    // Per provider: a send, callbacks of every kind, and the status probe.
    const cases = providers.flatMap((p) => [
      `${p}-payload-valid`,
      `${p}-callbacks-acknowledged`,
      `${p}-out-of-order-callbacks`,
    ]);
    const result = await runCli([
      'contract',
      '--config',
      example,
      '--port',
      String(simulatorPort),
      '--gateway-url',
      gatewayUrl,
      ...cases.flatMap((c) => ['--case', c]),
    ]);
    expect(result.code, `${result.stdout}\n${result.stderr}`).toBe(0);
    expect(result.stdout).toContain(
      `simulator: http://127.0.0.1:${simulatorPort} (started; seed "contract-example")`,
    );
    expect(result.stdout).toContain(`gateway: ready at ${gatewayUrl}/health`);
    expect(result.stdout).toContain(`of ${providers.join(', ')} (seed "contract-example")`);
    for (const id of cases) expect(result.stdout).toMatch(new RegExp(`\\] pass {2}${id} — `));
    expect(result.stdout).toMatch(
      new RegExp(`^contract: ${cases.length} case\\(s\\), ${cases.length} passed in \\d+ ms$`, 'm'),
    );
  }, 60_000);
});
