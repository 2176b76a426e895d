import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator, type Simulator } from '../../src/index.js';
import { sampleTemplateMessage } from '../../simulators/families/clevertap-whatsapp/sample-messages.js';
import { sinchSmsSend } from '../support/sinch-sms-fixtures.js';

let sim: Simulator;

beforeAll(async () => {
  sim = await startSimulator({ port: 0, log: { level: 'silent' }, seed: 'expensive' });
});

afterAll(async () => {
  await sim.close({ drain: false });
});

/** Credentials the sandbox defaults accept, for every provider at once (each reads its own). */
const SANDBOX_HEADERS = {
  authorization: `Basic ${Buffer.from('sandbox:sandbox').toString('base64')}`,
  authkey: 'sandbox',
  'api-key': 'sandbox',
  sid: 'sandbox',
  'kaleyra-host': 'https://api.kaleyra.io/',
  accept: 'application/json',
};

/** About 30,000 invalid items: under the 1 MiB body limit, and costly to validate item by item. */
const invalidItems = (): unknown[] =>
  Array.from({ length: 30_000 }, (_, i) => ({ type: `bogus${i % 7}`, parameters: [{}] }));

/** The most expensive bodies we know how to build, each under the body limit. */
const worstBodies = (): { label: string; body: string }[] => [
  {
    label: '30,000 invalid components',
    body: JSON.stringify({
      ...sampleTemplateMessage(),
      ...sinchSmsSend(),
      components: invalidItems(),
    }),
  },
  {
    label: '30,000 invalid recipients and messages',
    body: JSON.stringify({
      ...sinchSmsSend(),
      to: Array.from({ length: 30_000 }, (_, i) => `x${i}`),
      messages: invalidItems(),
    }),
  },
  { label: '10,000-deep nesting', body: '['.repeat(10_000) + ']'.repeat(10_000) },
  { label: '300,000 empty objects', body: `[${new Array(300_000).fill('{}').join(',')}]` },
];

/**
 * Sends `body` and, while it is being served, asks for health. Resolves the big request's status
 * and whether health answered before it or within a second.
 */
async function sendWhileCheckingHealth(
  path: string,
  body: string,
  headers: Record<string, string>,
): Promise<{ status: number; healthStatus: number; healthKeptUp: boolean }> {
  let bigDoneAt = Infinity;
  const big = fetch(`${sim.url}${path}`, {
    method: 'POST',
    headers,
    body,
    signal: AbortSignal.timeout(60_000),
  }).then(async (answer) => {
    await answer.arrayBuffer();
    bigDoneAt = performance.now();
    return answer.status;
  });
  const healthStarted = performance.now();
  const health = await fetch(`${sim.url}/__admin/health`, { signal: AbortSignal.timeout(60_000) });
  await health.arrayBuffer();
  const healthDoneAt = performance.now();
  const status = await big;
  return {
    status,
    healthStatus: health.status,
    healthKeptUp: healthDoneAt <= bigDoneAt || healthDoneAt - healthStarted < 1000,
  };
}

describe('expensive input is refused cheaply', () => {
  it('answers the worst bodies on every provider send route without a 5xx, health answering meanwhile', async () => {
    const listing = (await (await fetch(`${sim.url}/__admin/providers`)).json()) as {
      providers: { routes: { method: string; url: string }[] }[];
    };
    const routes = listing.providers
      .flatMap((p) => p.routes)
      .filter((r) => r.method === 'POST')
      .map((r) => new URL(r.url).pathname.replace(/%7B[a-z_]+%7D|\{[a-z_]+\}/gi, 'x'));
    expect(routes.length).toBeGreaterThanOrEqual(5);
    const failures: string[] = [];
    for (const path of routes) {
      for (const { label, body } of worstBodies()) {
        const outcome = await sendWhileCheckingHealth(path, body, {
          ...SANDBOX_HEADERS,
          'content-type': 'application/json',
        });
        if (outcome.status >= 500 || outcome.healthStatus !== 200 || !outcome.healthKeptUp) {
          failures.push(`${path} ${label}: ${JSON.stringify(outcome)}`);
        }
      }
    }
    expect(failures).toEqual([]);
  }, 300_000);

  it('refuses deep, oversized and rule-flooding fault bodies with a clear 400', async () => {
    const cases: { path: string; type: string; body: string; code: string }[] = [
      {
        path: '/__admin/faults',
        type: 'application/json',
        body: `{"match":${'['.repeat(10_000)}${']'.repeat(10_000)}}`,
        code: 'body-too-deep',
      },
      {
        path: '/__admin/faults',
        type: 'application/json',
        body: JSON.stringify(Array.from({ length: 40_000 }, () => ({ bogus: [1, 2, 3] }))),
        code: 'too-many-rules',
      },
      {
        path: '/__admin/scenarios',
        type: 'application/json',
        body: JSON.stringify({ name: 'flood', rules: invalidItems().slice(0, 5_000) }),
        code: 'too-many-rules',
      },
      {
        path: '/__admin/scenarios',
        type: 'text/yaml',
        body: `name: deep\nrules: ${'['.repeat(5_000)}${']'.repeat(5_000)}\n`,
        code: 'body-too-deep',
      },
      {
        path: '/__admin/scenarios',
        type: 'text/yaml',
        body: `name: big\nrules:\n${'  - { bogus: 1 }\n'.repeat(40_000)}`,
        code: 'body-too-large',
      },
      {
        path: '/__admin/scenarios',
        type: 'text/yaml',
        // A "billion laughs" document: each level doubles the expansion.
        body: `a: &a [x, x]\n${Array.from({ length: 30 }, (_, i) => `l${i}: &l${i} [*${i === 0 ? 'a' : `l${i - 1}`}, *${i === 0 ? 'a' : `l${i - 1}`}]`).join('\n')}\nname: laughs\nrules: []\n`,
        code: 'malformed-yaml',
      },
    ];
    for (const c of cases) {
      const outcome = await sendWhileCheckingHealth(c.path, c.body, {
        'content-type': c.type,
        'x-provider-sim': '1',
      });
      expect(outcome, `${c.path} ${c.code}`).toMatchObject({
        status: 400,
        healthStatus: 200,
        healthKeptUp: true,
      });
      const answer = await fetch(`${sim.url}${c.path}`, {
        method: 'POST',
        headers: { 'content-type': c.type, 'x-provider-sim': '1' },
        body: c.body,
      });
      expect(((await answer.json()) as { errors: { code: string }[] }).errors[0]!.code).toBe(
        c.code,
      );
    }
    expect(
      ((await (await fetch(`${sim.url}/__admin/faults`)).json()) as { rules: unknown[] }).rules,
    ).toEqual([]);
  }, 300_000);
});
