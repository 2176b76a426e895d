import { afterEach, describe, expect, it } from 'vitest';
import {
  startReferenceStack,
  type ReferenceStack,
} from '../../examples/reference-gateway/start-stack.js';
import type { GatewayDefects } from '../../examples/reference-gateway/defects.js';
import {
  connectSimulator,
  formatConsoleReport,
  routeSchemasOf,
  verifyJournal,
  type ContractReport,
} from '../../src/contracts/index.js';
import { loadProviders } from '../../src/index.js';

const TEMPLATE_ID = '1107100000000000002';
let stack: ReferenceStack | undefined;

afterEach(async () => {
  await stack?.close();
  stack = undefined;
});

async function start(defects: GatewayDefects = {}, journalSize?: number): Promise<ReferenceStack> {
  stack = await startReferenceStack({
    gateway: { defects },
    simulator: {
      log: { level: 'silent' },
      ...(journalSize !== undefined && { journal: { size: journalSize } }),
      providers: { 'sinch-sms': { settings: { dlrDelayMs: { min: 5, max: 10 } } } },
    },
  });
  return stack;
}

async function send(to: string): Promise<void> {
  const response = await fetch(`${stack!.gateway.url}/send`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      provider: 'sinch-sms',
      to,
      text: 'Your OTP is 123456',
      templateId: TEMPLATE_ID,
    }),
  });
  expect(response.status).toBe(200);
}

/** Waits until every DLR the simulator owes has had an answer from the gateway. */
async function callbacksAnswered(count: number): Promise<void> {
  const deadline = Date.now() + 5000;
  while (Date.now() < deadline) {
    const attempts = stack!.simulator.journal
      .list()
      .flatMap((e) => e.subEvents.filter((s) => s.type === 'callback-attempt'));
    if (attempts.length >= count) return;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error(`fewer than ${count} callback attempts within 5 s`);
}

async function verify(options: { journal?: boolean } = {}): Promise<ContractReport> {
  const simulator = connectSimulator(stack!.simulator.url!);
  const health = await simulator.health();
  return verifyJournal(await simulator.journal.list(), {
    schemas: simulator.schemas,
    routeSchemas: routeSchemasOf(await loadProviders()),
    callbackDeadlineMs: 1000,
    ...(options.journal !== false && { journal: health.journal }),
  });
}

describe('verifyJournal on a journal read over the admin API', () => {
  it("passes a clean gateway's requests and its answers to every DLR", async () => {
    await start();
    await send('919800000001');
    await send('919800000901');
    await callbacksAnswered(2);
    const report = await verify();
    expect(report.summary, formatConsoleReport(report)).toMatchObject({ total: 2, passed: 2 });
    expect(report.results.map((r) => r.title)).toEqual([
      'sinch-sms send requests satisfy sinch-sms/send-request (2 checked)',
      'the gateway acknowledges sinch-sms dlr callbacks with 2xx within 1000 ms (2 attempts checked)',
    ]);
  });

  it('reports each request violation with its pointer, the value sent and the rule', async () => {
    await start({ numericFlags: true });
    await send('919800000001');
    const report = await verify();
    const requests = report.results.find((r) => r.id === 'verify-sinch-sms-send-requests')!;
    expect(requests.status).toBe('failed');
    expect(requests.failures).toContainEqual(
      expect.objectContaining({
        pointer: '/alert',
        value: 1,
        rule: 'sinch-sms/send-request: enum',
        message: '/alert must be one of ["0","1"]',
      }),
    );
  });

  it('checks against the schema the requests a fault answered, which the simulator never validated', async () => {
    await start({ numericFlags: true });
    stack!.simulator.faults.addRules({ then: { error: 'server_error' } });
    await send('919800000001');
    const report = await verify();
    const requests = report.results.find((r) => r.id === 'verify-sinch-sms-send-requests')!;
    expect(requests.failures.map((f) => f.pointer)).toEqual(
      expect.arrayContaining(['/contenttype', '/alert', '/intflag']),
    );
  });

  it('reports every callback the gateway did not acknowledge with 2xx', async () => {
    await start({ rejectFailedDlr: true });
    await send('919800000901');
    await callbacksAnswered(1);
    const report = await verify();
    const answers = report.results.find((r) => r.id === 'verify-sinch-sms-dlr-callback-answers')!;
    expect(answers.status).toBe('failed');
    expect(answers.failures[0]).toMatchObject({
      message: 'the gateway answered 400; a callback not acknowledged with 2xx is retried or lost',
      value: { status: 400 },
      rule: 'acknowledge callbacks with 2xx',
    });
  });

  it('reports requests that matched no route, with the closest routes', async () => {
    await start();
    await fetch(`${stack!.simulator.url}/sinch-sms/v1/enterprises/message.json`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{}',
    });
    const report = await verify();
    const unmatched = report.results.find((r) => r.id === 'verify-unmatched-requests')!;
    expect(unmatched.failures[0]).toMatchObject({
      message: 'POST /sinch-sms/v1/enterprises/message.json matched no route',
      value: { type: 'request-not-matched' },
    });
  });

  it('fails when requests were evicted from the journal before they could be checked', async () => {
    await start({}, 2);
    for (const to of ['919800000001', '919800000002', '919800000003']) await send(to);
    const report = await verify();
    expect(report.results[0]).toMatchObject({
      id: 'verify-journal-complete',
      status: 'failed',
      failures: [
        expect.objectContaining({
          message: expect.stringMatching(/^1 of 3 recorded requests were evicted/),
        }),
      ],
    });
  });
});
