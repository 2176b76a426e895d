import { afterEach, describe, expect, it } from 'vitest';
import {
  createSimulator,
  loadProviders,
  ManualClock,
  startSimulator,
  type Simulator,
} from '../../src/index.js';
import { SINCH_SMS_SEND_PATH, sinchSmsSend } from '../support/sinch-sms-fixtures.js';

let sim: Simulator;

const quiet = { port: 0, log: { level: 'silent' as const } };

async function post(path: string, body: unknown): Promise<Response> {
  return fetch(`${sim.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
}

afterEach(async () => {
  await sim.close({ drain: false });
});

describe('admin API', () => {
  it('reports health with the seed, providers and journal use', async () => {
    sim = await startSimulator({ ...quiet, seed: 'h' });
    const health = await (await fetch(`${sim.url}/__admin/health`)).json();
    expect(health).toMatchObject({
      status: 'ok',
      seed: 'h',
      providers: expect.arrayContaining(['sinch-sms']),
      journal: { size: 0, capacity: 1000 },
    });
  });

  it('lists providers with URLs under the listening address, credentials and callback targets', async () => {
    sim = await startSimulator({ ...quiet, callbackUrl: 'http://127.0.0.1:3999/cb' });
    const { providers } = (await (await fetch(`${sim.url}/__admin/providers`)).json()) as {
      providers: any[];
    };
    expect(providers.find((p) => p.id === 'sinch-sms')).toMatchObject({
      id: 'sinch-sms',
      baseUrl: `${sim.url}/sinch-sms`,
      routes: [
        {
          id: 'send',
          method: 'POST',
          url: `${sim.url}${SINCH_SMS_SEND_PATH}`,
          credentials: 'appid=clvrtap userId=clvrtap pass=clvrtap_18',
        },
      ],
      callbacks: { dlr: ['http://127.0.0.1:3999/cb'], inbound: ['http://127.0.0.1:3999/cb'] },
    });
  });

  it('filters the journal by provider, recipient and message id, and redacts the password', async () => {
    sim = await startSimulator(quiet);
    await post(SINCH_SMS_SEND_PATH, sinchSmsSend({ to: '919800000001', msgid: 'one' }));
    await post(SINCH_SMS_SEND_PATH, sinchSmsSend({ to: '919800000002', msgid: 'two' }));
    const find = async (query: string) =>
      ((await (await fetch(`${sim.url}/__admin/journal?${query}`)).json()) as { requests: any[] })
        .requests;
    expect(await find('provider=sinch-sms')).toHaveLength(2);
    const [byRecipient] = await find('recipient=%2B919800000002');
    expect(byRecipient.messages[0].reference).toBe('two');
    expect(byRecipient.request.body.pass).toBe('[redacted]');
    expect(JSON.stringify(await find(''))).not.toContain('clvrtap_18');
    const byMessage = await find('messageId=one');
    expect(byMessage.map((r) => r.messages[0].reference)).toEqual(['one']);
    const respid = byMessage[0].messages[0].id as string;
    expect((await find(`messageId=${respid}`))[0].id).toBe(byMessage[0].id);
  });

  it('answers bad journal filters with errors naming the parameter', async () => {
    sim = await startSimulator(quiet);
    const response = await fetch(`${sim.url}/__admin/journal?provider=nope&limit=0&colour=red`);
    expect(response.status).toBe(400);
    const { errors } = (await response.json()) as {
      errors: { code: string; pointer: string; detail: string }[];
    };
    expect(errors.map((e) => e.pointer).sort()).toEqual(['colour', 'limit', 'provider']);
    expect(errors.find((e) => e.pointer === 'provider')!.detail).toContain('served: sinch-sms');
  });

  it('clears the journal, and reset restarts ids from the seed', async () => {
    sim = await startSimulator({ ...quiet, seed: 'reset-seed', deterministicIds: true });
    const first = await (await post(SINCH_SMS_SEND_PATH, sinchSmsSend())).json();
    const cleared = await fetch(`${sim.url}/__admin/journal`, { method: 'DELETE' });
    expect(await cleared.json()).toEqual({ cleared: 1 });
    expect(sim.journal.size).toBe(0);
    await post(SINCH_SMS_SEND_PATH, sinchSmsSend());
    expect(await (await post('/__admin/reset', {})).json()).toEqual({
      reset: true,
      seed: 'reset-seed',
    });
    const again = await (await post(SINCH_SMS_SEND_PATH, sinchSmsSend())).json();
    expect(again).toEqual(first);
  });

  it('lists unmatched requests with the closest routes', async () => {
    sim = await startSimulator(quiet);
    await post('/sinch-sms/v1/enterprises/message.json', {});
    await fetch(`${sim.url}/kaleyra-typo/send`);
    const { requests } = (await (await fetch(`${sim.url}/__admin/requests/unmatched`)).json()) as {
      requests: any[];
    };
    expect(requests).toHaveLength(2);
    expect(requests[0]).toMatchObject({ provider: 'sinch-sms', status: 404 });
    expect(requests[0].explanation.closest[0].route).toBe(`POST ${SINCH_SMS_SEND_PATH}`);
    expect(requests[1]).toMatchObject({ provider: null, path: '/kaleyra-typo/send', status: 404 });
  });

  it('answers an unknown path outside the providers with a hint listing what is served', async () => {
    sim = await startSimulator(quiet);
    const response = await fetch(`${sim.url}/v1/enterprises/messages.json`, { method: 'POST' });
    expect(response.status).toBe(404);
    const { errors } = (await response.json()) as { errors: { detail: string }[] };
    expect(errors[0]!.detail).toContain('/sinch-sms/');
  });

  it('answers malformed admin JSON and unknown operations with admin errors', async () => {
    sim = await startSimulator(quiet);
    const bad = await fetch(`${sim.url}/__admin/reset`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{',
    });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { errors: { code: string }[] }).errors[0]!.code).toBe(
      'malformed-json',
    );
    const unknown = await fetch(`${sim.url}/__admin/nothing`);
    expect(unknown.status).toBe(404);
    expect(
      ((await unknown.json()) as { errors: { detail: string }[] }).errors[0]!.detail,
    ).toContain('GET /__admin/health');
  });
});

describe('configured faults', () => {
  it('answers about the configured share of sends with the native error, reproducibly from the seed', async () => {
    const outcomes = async (): Promise<number[]> => {
      sim = await startSimulator({
        ...quiet,
        seed: 'faults',
        faults: { errorRate: { rate: 0.3, error: 'server_error' } },
      });
      const statuses: number[] = [];
      for (let i = 0; i < 60; i++)
        statuses.push((await post(SINCH_SMS_SEND_PATH, sinchSmsSend())).status);
      const [entry] = sim.journal.list({ outcome: 'fault' });
      expect(entry!.faults).toEqual(['for sinch-sms, 30% of the time, answer server_error']);
      expect(entry!.response).toMatchObject({
        status: 500,
        body: { accepted: false, error: { code: 112 } },
      });
      await sim.close({ drain: false });
      return statuses;
    };
    const first = await outcomes();
    const failures = first.filter((s) => s === 500).length;
    expect(failures).toBeGreaterThan(5);
    expect(failures).toBeLessThan(35);
    expect(new Set(first)).toEqual(new Set([200, 500]));
    expect(await outcomes()).toEqual(first);
    sim = await startSimulator(quiet);
  });

  it('adds the configured latency before answering', async () => {
    sim = await startSimulator({
      ...quiet,
      providers: { 'sinch-sms': { faults: { latency: { type: 'fixed', ms: 150 } } } },
    });
    const started = performance.now();
    expect((await post(SINCH_SMS_SEND_PATH, sinchSmsSend())).status).toBe(200);
    expect(performance.now() - started).toBeGreaterThanOrEqual(140);
    expect(sim.journal.list()[0]!.faults).toEqual(['for sinch-sms, delay 150 ms']);
  });

  it('refuses at start an error rate naming an error the provider does not have', async () => {
    await expect(
      startSimulator({ ...quiet, faults: { errorRate: { rate: 0.1, error: 'no_such_error' } } }),
    ).rejects.toThrow(/\/faults\/errorRate\/error: [a-z-]+ has no error "no_such_error"/);
    sim = await startSimulator(quiet);
  });

  it('refuses at start unknown providers and bad provider settings, naming the field', async () => {
    await expect(startSimulator({ ...quiet, providers: { 'sinch-smss': {} } })).rejects.toThrow(
      /\/providers\/sinch-smss: unknown provider/,
    );
    await expect(
      startSimulator({ ...quiet, providers: { 'sinch-sms': { settings: { dlt: 'maybe' } } } }),
    ).rejects.toThrow(
      /config \/providers\/sinch-sms\/settings\/dlt: must be one of \["dlr","strict","warn","off"\], got "maybe"/,
    );
    sim = await startSimulator(quiet);
  });
});

describe('determinism', () => {
  it('gives the same ids, outcomes and DLR delays for the same seed and the same requests', async () => {
    const run = async (seed: string) => {
      const clock = new ManualClock();
      sim = createSimulator(
        {
          ...quiet,
          seed,
          deterministicIds: true,
          providers: { 'sinch-sms': { settings: { dlrDelayMs: { min: 1_000, max: 120_000 } } } },
        },
        await loadProviders(),
        { clock },
      );
      await sim.listen();
      const answers: unknown[] = [];
      for (let i = 0; i < 300; i++) {
        const to = i % 7 === 0 ? '919800000901' : `91980000${String(1000 + i)}`;
        answers.push(
          await (await post(SINCH_SMS_SEND_PATH, sinchSmsSend({ to, msgid: `m${i}` }))).json(),
        );
      }
      clock.advance(120_000);
      const steps = sim.journal
        .list()
        .map((e) =>
          e.subEvents.filter((s) => s.type === 'status').map((s) => [s.status, s.offsetMs]),
        );
      await sim.close({ drain: false });
      return { answers, steps };
    };
    const a = await run('same');
    expect(a.steps.flat()).toHaveLength(300);
    expect(new Set(a.steps.flat().map(([status]) => status))).toEqual(
      new Set(['delivered', 'failed']),
    );
    expect(await run('same')).toEqual(a);
    const other = await run('other');
    expect(other.answers).not.toEqual(a.answers);
    expect(other.steps).not.toEqual(a.steps);
    sim = await startSimulator(quiet);
  });
});
