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
  ...wideBodies({ ...sampleTemplateMessage(), ...sinchSmsSend() }),
];

/** An object of `count` members (`k0`, `k1`, ...), each holding `value(i)`. */
const wide = (count: number, value: (i: number) => unknown = (i) => i): Record<string, unknown> =>
  Object.fromEntries(Array.from({ length: count }, (_, i) => [`k${i}`, value(i)]));

/**
 * Bodies under the 1 MiB limit built around `send` (a send the route accepts): 60,000 members at
 * the top, 50,000 in one nested object, 100,000 values spread over objects of 10 members.
 */
function wideBodies(send: Record<string, unknown>): { label: string; body: string }[] {
  return [
    { label: '60,000 top-level members', body: JSON.stringify({ ...send, ...wide(60_000) }) },
    {
      label: '50,000 members in one object',
      body: JSON.stringify({ ...send, extra: wide(50_000) }),
    },
    {
      label: '100,000 values in small objects',
      body: JSON.stringify({ ...send, extra: Array.from({ length: 10_000 }, () => wide(10)) }),
    },
  ];
}

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

/** An answer with every sentence about the request body replaced, to compare error shapes. */
async function answerShape(answer: Response): Promise<{ status: number; body: string }> {
  const text = await answer.text();
  return { status: answer.status, body: text.replace(/the request body [^"]*/g, '<detail>') };
}

const basic = (user: string, password: string): string =>
  `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;

const CONVERSATION_SEND = {
  app_id: 'sandbox-app',
  recipient: {
    identified_by: { channel_identities: [{ channel: 'WHATSAPP', identity: '+919800000001' }] },
  },
  message: { text_message: { text: 'Your order has shipped' } },
};

/** One send route of each provider family, with credentials it accepts and its widest bodies. */
const FAMILIES: {
  family: string;
  path: string;
  headers: Record<string, string>;
  bodies: { label: string; body: string }[];
}[] = [
  {
    family: 'Sinch SMS',
    path: '/sinch-sms/v1/enterprises/messages.json',
    headers: {},
    bodies: wideBodies(sinchSmsSend()),
  },
  {
    family: 'Sinch India WhatsApp',
    path: '/sinch-whatsapp/v1/messages',
    headers: { user: 'sandbox', password: 'sandbox' },
    bodies: [
      ...wideBodies(sampleTemplateMessage()),
      {
        label: '50,000 members in the template',
        body: JSON.stringify({
          ...sampleTemplateMessage(),
          template: { namespace: 'order_shipped', languageCode: 'en', ...wide(50_000) },
        }),
      },
    ],
  },
  {
    family: 'Kaleyra',
    path: '/kaleyra/v1/clevertap/messages',
    headers: {
      'api-key': 'sandbox',
      sid: 'sandbox',
      'kaleyra-host': 'https://api.kaleyra.io/',
      'delivery-report-callback-url': 'http://127.0.0.1:9/dlr',
      'inbound-message-callback-url': 'http://127.0.0.1:9/inbound',
    },
    bodies: wideBodies(sampleTemplateMessage()),
  },
  {
    family: 'MSG91',
    path: '/msg91/api/v5/whatsapp//outbound/clevertap/',
    headers: { authorization: basic('sandbox', 'sandbox'), authkey: 'sandbox' },
    bodies: wideBodies(sampleTemplateMessage()),
  },
  {
    family: 'Sinch Conversation API',
    path: '/sinch/us/v1/projects/sandbox-project/messages:send',
    headers: { authorization: basic('sandbox-key', 'sandbox-secret') },
    bodies: [
      ...wideBodies(CONVERSATION_SEND),
      {
        label: '50,000 channel_properties',
        body: JSON.stringify({ ...CONVERSATION_SEND, channel_properties: wide(50_000, String) }),
      },
      {
        label: '50,000 template parameters',
        body: JSON.stringify({
          ...CONVERSATION_SEND,
          message: {
            template_message: {
              channel_template: {
                WHATSAPP: {
                  template_id: 'order_shipped',
                  version: '1',
                  language_code: 'en',
                  parameters: wide(50_000, String),
                },
              },
            },
          },
        }),
      },
    ],
  },
  {
    family: 'Sinch SMS REST',
    path: '/sinch-sms-rest/us/xms/v1/sandbox-plan/batches',
    headers: { authorization: 'Bearer sandbox-token' },
    bodies: [
      ...wideBodies({ from: '12345', to: ['15550000001'], body: 'Hi ${name}' }),
      {
        label: '50,000 recipients in one parameter',
        body: JSON.stringify({
          from: '12345',
          to: ['15550000001'],
          body: 'Hi ${name}',
          parameters: { name: wide(50_000, () => 'x') },
        }),
      },
    ],
  },
];

describe('expensive input is refused cheaply', () => {
  it.each(FAMILIES)(
    'answers wide bodies to $family with its malformed-body error, health answering meanwhile',
    async ({ path, headers, bodies }) => {
      const all = { ...headers, 'content-type': 'application/json' };
      // The nesting limit's answer is the reference: the same native error, another sentence.
      const deep = await fetch(`${sim.url}${path}`, {
        method: 'POST',
        headers: all,
        body: '['.repeat(10_000) + ']'.repeat(10_000),
      });
      const expected = await answerShape(deep);
      expect(expected.status).toBeLessThan(500);
      for (const { label, body } of bodies) {
        expect(body.length, label).toBeLessThan(1024 * 1024);
        const outcome = await sendWhileCheckingHealth(path, body, all);
        expect(outcome, label).toMatchObject({ healthStatus: 200, healthKeptUp: true });
        const answer = await fetch(`${sim.url}${path}`, { method: 'POST', headers: all, body });
        expect(await answerShape(answer), label).toEqual(expected);
      }
    },
    120_000,
  );

  it('answers a form body of 100,000 fields with the malformed-body error', async () => {
    const body = Array.from({ length: 100_000 }, (_, i) => `f${i}=1`).join('&');
    const headers = {
      authorization: basic('sandbox-key', 'sandbox-secret'),
      'content-type': 'application/x-www-form-urlencoded',
    };
    const outcome = await sendWhileCheckingHealth('/sinch/auth/oauth2/token', body, headers);
    expect(outcome).toMatchObject({ status: 400, healthStatus: 200, healthKeptUp: true });
    const answer = await fetch(`${sim.url}/sinch/auth/oauth2/token`, {
      method: 'POST',
      headers,
      body,
    });
    expect(await answer.text()).toContain('the request body has more than 2000 form fields');
  });

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

  it('refuses deep, wide, oversized and rule-flooding fault bodies with a clear 400 naming the field', async () => {
    const cases: { path: string; type: string; body: string; code: string; pointer?: string }[] = [
      {
        path: '/__admin/faults',
        type: 'application/json',
        body: `{"match":${'['.repeat(10_000)}${']'.repeat(10_000)}}`,
        code: 'body-too-deep',
      },
      {
        path: '/__admin/faults',
        type: 'application/json',
        body: JSON.stringify(Array.from({ length: 1_500 }, () => ({ bogus: [1, 2, 3] }))),
        code: 'too-many-rules',
      },
      {
        path: '/__admin/faults',
        type: 'application/json',
        body: JSON.stringify(Array.from({ length: 40_000 }, () => ({ bogus: [1, 2, 3] }))),
        code: 'body-too-many-values',
        pointer: '/body',
      },
      {
        path: '/__admin/faults',
        type: 'application/json',
        body: JSON.stringify({ match: wide(50_000), then: { error: 'unavailable' } }),
        code: 'object-too-wide',
        pointer: '/match',
      },
      {
        path: '/__admin/faults',
        type: 'application/json',
        body: JSON.stringify({ then: { error: 'unavailable' }, ...wide(60_000) }),
        code: 'object-too-wide',
        pointer: '/body',
      },
      {
        path: '/__admin/faults',
        type: 'application/json',
        body: JSON.stringify([{ match: { body: Array.from({ length: 10_000 }, () => wide(10)) } }]),
        code: 'body-too-many-values',
        pointer: '/0/match/body/1817',
      },
      {
        path: '/__admin/scenarios',
        type: 'application/json',
        body: JSON.stringify({
          name: 'wide',
          rules: [{ match: wide(50_000), then: { error: 'unavailable' } }],
        }),
        code: 'object-too-wide',
        pointer: '/rules/0/match',
      },
      {
        path: '/__admin/scenarios',
        type: 'text/yaml',
        // A mapping of 8,000 members: the YAML parser's own duplicate-key check took over a second.
        body: `name: wide\nrules: []\n${Array.from({ length: 8_000 }, (_, i) => `k${i}: 1\n`).join('')}`,
        code: 'object-too-wide',
      },
      {
        path: '/__admin/scenarios',
        type: 'text/yaml',
        body: `name: twice\nrules: []\nname: again\n`,
        code: 'malformed-yaml',
      },
      {
        path: '/__admin/scenarios',
        type: 'application/json',
        body: JSON.stringify({ name: 'flood', rules: invalidItems().slice(0, 1_500) }),
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
      const error = ((await answer.json()) as { errors: { code: string; pointer: string }[] })
        .errors[0]!;
      expect(error.code, `${c.path} ${c.code}`).toBe(c.code);
      if (c.pointer !== undefined) expect(error.pointer, `${c.path} ${c.code}`).toBe(c.pointer);
    }
    expect(
      ((await (await fetch(`${sim.url}/__admin/faults`)).json()) as { rules: unknown[] }).rules,
    ).toEqual([]);
  }, 300_000);
});
