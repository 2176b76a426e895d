import { mkdtempSync, readFileSync, existsSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createSimulator, type Simulator } from '../../src/app/create-simulator.js';
import { SchemaRegistry } from '../../src/engine/validation/schema-registry.js';
import { kaleyra } from '../../simulators/kaleyra/index.js';
import { msg91 } from '../../simulators/msg91/index.js';
import { sinchSms } from '../../simulators/sinch-sms/index.js';
import { startCallbackSink, type CallbackSink } from '../support/callback-sink.js';
import { SINCH_SMS_SEND_PATH, sinchSmsSend } from '../support/sinch-sms-fixtures.js';

const schemas = new SchemaRegistry();
let sim: Simulator | undefined;
let sink: CallbackSink | undefined;
let dead: net.Server | undefined;

afterEach(async () => {
  await sim?.close({ drain: false });
  await sink?.close();
  dead?.close();
  sim = sink = dead = undefined;
});

/** A gateway that accepts connections and never answers. */
async function startDeadGateway(): Promise<string> {
  const sockets: net.Socket[] = [];
  dead = net.createServer((socket) => void sockets.push(socket));
  dead.on('close', () => sockets.forEach((s) => s.destroy()));
  await new Promise<void>((resolve) => dead!.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(dead.address() as net.AddressInfo).port}/dlr`;
}

async function post(url: string, body: unknown): Promise<number> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  await response.text();
  return response.status;
}

describe('callback targets with placeholders', () => {
  it('sends each provider and kind to its own path under one URL', async () => {
    sink = await startCallbackSink();
    sim = createSimulator(
      {
        port: 0,
        log: { level: 'silent' },
        callbackUrl: `${sink.url}/{provider}/{kind}`,
        providers: { 'sinch-sms': { settings: { dlrDelayMs: { min: 5, max: 10 } } } },
      },
      [sinchSms, msg91],
      { schemas },
    );
    const url = await sim.listen();
    expect(await post(`${url}${SINCH_SMS_SEND_PATH}`, sinchSmsSend())).toBe(200);
    const injected = sim.inbound({ provider: 'msg91', from: '919800000001', type: 'location' });
    expect(injected).toMatchObject({
      ok: true,
      targets: { inbound: [`${sink.url}/msg91/inbound`] },
    });
    const received = await sink.waitFor(2);
    expect(received.map((r) => r.path).sort()).toEqual([
      '/callbacks/msg91/inbound',
      '/callbacks/sinch-sms/dlr',
    ]);
    const health = async (): Promise<unknown> =>
      ((await (await fetch(`${url}/__admin/health`)).json()) as { callbacks: unknown }).callbacks;
    await expect.poll(health).toEqual({ pending: 0, delivered: 2, givenUp: 0, refused: 0 });
    expect(sim.describe().find((p) => p.id === 'sinch-sms')!.callbacks.dlr).toEqual([
      `${sink.url}/sinch-sms/dlr`,
    ]);
  });
});

describe('DLRs of sends the journal no longer holds', () => {
  it('still reach the gateway, and the entry still held gets its statuses', async () => {
    sink = await startCallbackSink();
    sim = createSimulator(
      {
        port: 0,
        log: { level: 'silent' },
        journal: { size: 1 },
        callbackUrl: `${sink.url}/dlr`,
        providers: { 'sinch-sms': { settings: { dlrDelayMs: { min: 20, max: 20 } } } },
      },
      [sinchSms],
      { schemas },
    );
    const url = await sim.listen();
    for (const to of ['919800000001', '919800000002', '919800000003']) {
      expect(await post(`${url}${SINCH_SMS_SEND_PATH}`, sinchSmsSend({ to }))).toBe(200);
    }
    const received = await sink.waitFor(3);
    expect(received.map((r) => JSON.stringify(r.body)).join()).toContain('919800000001');
    expect(sim.journal.list()).toHaveLength(1);
    // The attempt is journaled once the gateway's answer is read, just after the sink saw it.
    await vi.waitFor(() => {
      const [held] = sim!.journal.list();
      expect(held!.messages[0]!.status).toBe('delivered');
      expect(held!.subEvents.map((e) => e.type).sort()).toEqual(['callback-attempt', 'status']);
    });
  });
});

describe('one choke point for callback targets', () => {
  it('refuses a Kaleyra Incoming URL routing inbound messages to a host outside callbacks.allowedHosts', async () => {
    sink = await startCallbackSink();
    sim = createSimulator({ port: 0, log: { level: 'silent' }, callbackUrl: sink.url }, [kaleyra], {
      schemas,
    });
    await sim.listen();
    const incomingUrl = `https://kaleyra.example/in?payload_version=0.1&inbound_message_callback_url=${encodeURIComponent('http://10.1.2.3/inbound')}`;
    const injected = sim.inbound({
      provider: 'kaleyra',
      from: '919800000001',
      text: 'hi',
      incomingUrl,
    });
    expect(injected.ok).toBe(true);
    const [entry] = sim.journal.list();
    expect(entry!.subEvents.find((s) => s.type === 'callback-refused')).toMatchObject({
      target: 'http://10.1.2.3/inbound',
      reason: expect.stringMatching(/host "10\.1\.2\.3" is not allowed/),
    });
    expect(entry!.subEvents.some((s) => s.type === 'callback-attempt')).toBe(false);
    expect(sim.callbackStats()).toMatchObject({ refused: 1, pending: 0 });
    expect(sink.received).toHaveLength(0);
  });
});

describe('shutdown with 20,000 pending DLRs and a gateway that never answers', () => {
  it('stops within the drain timeout and writes every undelivered callback as one JSON line', async () => {
    const target = await startDeadGateway();
    const file = join(mkdtempSync(join(tmpdir(), 'provider-sim-')), 'undelivered.jsonl');
    sim = createSimulator(
      {
        port: 0,
        log: { level: 'silent' },
        callbackUrl: target,
        callbacks: { drainTimeoutMs: 1000, timeoutMs: 600_000, undeliveredFile: file },
        providers: {
          'sinch-sms': { settings: { dlrDelayMs: { min: 3_600_000, max: 3_600_000 } } },
        },
      },
      [sinchSms],
      { schemas },
    );
    const url = await sim.listen();
    const requests = 20;
    const perRequest = 1000;
    for (let r = 0; r < requests; r++) {
      const to = Array.from(
        { length: perRequest },
        (_, i) => `91${9_000_000_000 + r * perRequest + i}`,
      ).join(',');
      expect(await post(`${url}${SINCH_SMS_SEND_PATH}`, sinchSmsSend({ to, msgid: `m${r}` }))).toBe(
        200,
      );
    }
    expect(existsSync(file)).toBe(false);
    const started = Date.now();
    const report = await sim.close({ drain: true });
    const elapsed = Date.now() - started;
    sim = undefined;
    expect(report.flushed).toBeGreaterThanOrEqual(requests * perRequest);
    const lines = readFileSync(file, 'utf8').trim().split('\n');
    expect(lines).toHaveLength(report.unfinished + report.undelivered);
    expect(lines.length).toBeGreaterThanOrEqual(requests * perRequest);
    const records = lines.map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(new Set(records.map((r) => r.messageId)).size).toBe(requests * perRequest);
    expect(records[0]).toMatchObject({
      undelivered: 'unfinished',
      provider: 'sinch-sms',
      kind: 'dlr',
      target,
      body: expect.anything(),
    });
    // The drain timeout (running the 20,000 steps counts within it) plus 2 s to write them out.
    expect(elapsed).toBeLessThan(1000 + 2000);
  }, 180_000);
});
