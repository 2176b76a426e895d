import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/engine/clock.js';
import { SchemaRegistry } from '../../src/engine/validation/schema-registry.js';
import type { ReceivedCallback } from '../../test/support/callback-sink.js';
import { callSinchConversation } from '../../test/support/provider-sends.js';
import { useSimHarness } from '../../test/support/sim-harness.js';
import { sinchConversation } from './index.js';

const schemas = new SchemaRegistry();
const PROJECT = 'sandbox-project';
const APP = 'sandbox-app';
const BASIC = `Basic ${Buffer.from('sandbox-key:sandbox-secret').toString('base64')}`;
const FAST = {
  queuedOnChannel: { min: 5, max: 5 },
  delivered: { min: 5, max: 5 },
  read: { min: 5, max: 5 },
};

const h = useSimHarness({
  providers: [sinchConversation],
  schemas,
  config: (sink) => ({
    callbackUrl: sink.url,
    providers: { 'sinch-conversation': { settings: { delaysMs: FAST, whatsappWindow: 'off' } } },
  }),
});

afterEach(() => h.stop());

const call = (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) =>
  callSinchConversation(h, method, path, body, headers);

/** Registers a MESSAGE_DELIVERY webhook to the sink's `/oauth` path with `credentials`. */
const register = (credentials: Record<string, string>) =>
  call(
    'POST',
    `/us/v1/projects/${PROJECT}/webhooks`,
    {
      app_id: APP,
      target: `${h.sink.url}/oauth`,
      triggers: ['MESSAGE_DELIVERY'],
      client_credentials: credentials,
    },
    { authorization: BASIC },
  );

const send = (identity: string) =>
  call(
    'POST',
    `/us/v1/projects/${PROJECT}/messages:send`,
    {
      app_id: APP,
      recipient: { identified_by: { channel_identities: [{ channel: 'WHATSAPP', identity }] } },
      message: { text_message: { text: 'Your order has shipped' } },
    },
    { authorization: BASIC },
  );

/** Whether the simulator's own API takes `authorization` (the token verification every route uses). */
const apiAccepts = async (authorization: string): Promise<number> =>
  (
    await call('GET', `/us/v1/projects/${PROJECT}/apps/${APP}/webhooks`, undefined, {
      authorization,
    })
  ).status;

const bearerOf = (callback: ReceivedCallback): string => callback.headers.authorization as string;

describe('Sinch Conversation webhooks with client_credentials', () => {
  it('sends each callback with a bearer token the simulator accepts, and a new one once it expired', async () => {
    const clock = new ManualClock();
    await h.start({}, { clock });
    const url = h.sim.url!;
    const created = await register({
      client_id: 'sandbox-key',
      client_secret: 'sandbox-secret',
      endpoint: `${url}/sinch/auth/oauth2/token`,
    });
    expect(created.status).toBe(200);
    const [registration] = await h.entries({ route: 'create-webhook' });
    expect(registration!.diagnostics.filter((d) => d.severity !== 'info')).toEqual([]);

    expect((await send('46700000011')).status).toBe(200);
    clock.advance(1000);
    const first = await h.sink.waitFor(2);
    expect(first.map((c) => c.path)).toEqual(['/callbacks/oauth', '/callbacks/oauth']);
    const token = bearerOf(first[0]!);
    expect(token).toMatch(/^Bearer [\w-]+\.[\w-]+\.[\w-]+$/);
    // Kept for its expires_in: both reports carry the same token.
    expect(bearerOf(first[1]!)).toBe(token);
    expect(await apiAccepts(token)).toBe(200);

    clock.advance(3600 * 1000);
    expect(await apiAccepts(token)).toBe(401);
    expect((await send('46700000111')).status).toBe(200);
    clock.advance(1000);
    const later = (await h.sink.waitFor(4)).slice(2);
    const renewed = bearerOf(later[0]!);
    expect(renewed).not.toBe(token);
    expect(await apiAccepts(renewed)).toBe(200);
  });

  it("takes the token route's real host as its own, and sends no callback once the credentials change to ones it refuses", async () => {
    await h.start();
    const created = await register({
      client_id: 'sandbox-key',
      client_secret: 'sandbox-secret',
      endpoint: 'https://auth.sinch.com/oauth2/token',
    });
    await send('46700000011');
    // Both reports of the first message, before the credentials change: a report still due when
    // they do would (rightly) never come.
    const [first] = await h.sink.waitFor(2);
    expect(await apiAccepts(bearerOf(first!))).toBe(200);
    const patched = await call(
      'PATCH',
      `/us/v1/projects/${PROJECT}/webhooks/${created.body.id as string}`,
      {
        client_credentials: {
          client_id: 'nobody',
          client_secret: 'x',
          endpoint: 'https://auth.sinch.com/oauth2/token',
        },
      },
      { authorization: BASIC },
    );
    expect(patched.status).toBe(200);
    const [update] = await h.entries({ route: 'update-webhook' });
    expect(update!.diagnostics.find((d) => d.severity === 'warning')?.message).toContain(
      'invalid_client',
    );
    h.sink.received.length = 0;
    await send('46700000111');
    const failed = await h.until('an attempt for the second message', async () =>
      (await h.entries({ route: 'send' }))
        .at(-1)!
        .subEvents.find((e) => e.type === 'callback-attempt'),
    );
    expect(failed).toMatchObject({
      attempt: 1,
      verdict: 'retry',
      error: expect.stringContaining('401 invalid_client'),
    });
    await h.drain();
    // Never without its token: no report of the second message reaches the webhook.
    expect(h.sink.received.map((c) => c.path)).toEqual([]);
  });
});

/** One request the token server received. */
interface TokenRequest {
  method: string;
  contentType: string | undefined;
  authorization: string | undefined;
  form: Record<string, string>;
}

/** A gateway's OAuth2 token server on a free loopback port, answering from `answers` in turn. */
async function startTokenServer(
  answers: { status: number; body: unknown }[],
): Promise<{ url: string; requests: TokenRequest[]; close(): Promise<void> }> {
  const requests: TokenRequest[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      requests.push({
        method: req.method ?? '',
        contentType: req.headers['content-type'],
        authorization: req.headers.authorization,
        form: Object.fromEntries(new URLSearchParams(Buffer.concat(chunks).toString('utf8'))),
      });
      const answer = answers[Math.min(requests.length, answers.length) - 1]!;
      res.writeHead(answer.status, { 'content-type': 'application/json' });
      res.end(typeof answer.body === 'string' ? answer.body : JSON.stringify(answer.body));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/oauth/token`,
    requests,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

const issued = (token: string, expiresIn = 3600) => ({
  status: 200,
  body: { access_token: token, expires_in: expiresIn, token_type: 'bearer' },
});

describe('Sinch Conversation webhooks with client_credentials for another token server', () => {
  let tokens: Awaited<ReturnType<typeof startTokenServer>> | undefined;
  afterEach(async () => {
    await tokens?.close();
    tokens = undefined;
  });

  /** Waits until the token server has answered `count` requests and the simulator has read them. */
  const tokenRequests = async (count: number): Promise<TokenRequest[]> => {
    const found = await h.until(`${count} token request(s)`, () =>
      tokens!.requests.length >= count ? tokens!.requests : undefined,
    );
    // One round trip more: by then the simulator has read the token server's answer.
    await call('GET', `/us/v1/projects/${PROJECT}/apps/${APP}/webhooks`, undefined, {
      authorization: BASIC,
    });
    return found;
  };

  it('fetches a token with the client-credentials grant, sends it on each callback, and fetches a new one shortly before it expires', async () => {
    tokens = await startTokenServer([issued('gateway-token-1'), issued('gateway-token-2')]);
    const clock = new ManualClock();
    await h.start({}, { clock });
    const created = await register({
      client_id: 'sim-client',
      client_secret: 's3cret:with colon',
      endpoint: tokens.url,
      scope: 'callbacks:write',
    });
    expect(created.status).toBe(200);
    const [registration] = await h.entries({ route: 'create-webhook' });
    expect(registration!.diagnostics).toMatchObject([
      {
        pointer: '/client_credentials',
        severity: 'info',
        message: expect.stringContaining(`fetched from ${tokens.url}`),
      },
    ]);
    const [request] = await tokenRequests(1);
    expect(request).toEqual({
      method: 'POST',
      contentType: 'application/x-www-form-urlencoded',
      authorization: `Basic ${Buffer.from('sim-client:s3cret:with colon').toString('base64')}`,
      form: { grant_type: 'client_credentials', scope: 'callbacks:write' },
    });

    expect((await send('46700000011')).status).toBe(200);
    clock.advance(1000);
    const first = await h.sink.waitFor(2);
    expect(first.map(bearerOf)).toEqual(['Bearer gateway-token-1', 'Bearer gateway-token-1']);
    expect(tokens.requests).toHaveLength(1);

    // Renewed a little before its expires_in (3600 s): 59 minutes on, the next send fetches anew.
    clock.advance(59 * 60 * 1000);
    expect((await send('46700000111')).status).toBe(200);
    await tokenRequests(2);
    clock.advance(1000);
    const later = (await h.sink.waitFor(4)).slice(2);
    expect(later.map(bearerOf)).toEqual(['Bearer gateway-token-2', 'Bearer gateway-token-2']);
  });

  it('sends the client id and secret as form fields with token_request_type FORM', async () => {
    tokens = await startTokenServer([issued('form-token')]);
    await h.start();
    await register({
      client_id: 'sim-client',
      client_secret: 'sim-secret',
      endpoint: tokens.url,
      token_request_type: 'FORM',
    });
    const [request] = await tokenRequests(1);
    expect(request!.authorization).toBeUndefined();
    expect(request!.form).toEqual({
      grant_type: 'client_credentials',
      client_id: 'sim-client',
      client_secret: 'sim-secret',
    });
    await send('46700000011');
    const [callback] = await h.sink.waitFor(1);
    expect(bearerOf(callback!)).toBe('Bearer form-token');
  });

  it('fails an attempt unsent while the token endpoint fails, journaling why, and retries it with the token once the endpoint answers', async () => {
    const unavailable = { status: 503, body: { error: 'temporarily_unavailable' } };
    tokens = await startTokenServer([unavailable, unavailable, unavailable, issued('late-token')]);
    const clock = new ManualClock();
    await h.start({}, { clock });
    const created = await register({
      client_id: 'sim-client',
      client_secret: 'sim-secret',
      endpoint: tokens.url,
    });
    await tokenRequests(1);
    expect((await send('46700000011')).status).toBe(200);
    const [sent] = await h.entries({ route: 'send' });
    expect(sent!.diagnostics.find((d) => d.keyword === 'client-credentials')).toMatchObject({
      severity: 'warning',
      message: expect.stringContaining(`token endpoint ${tokens.url} answered 503`),
    });
    await tokenRequests(2);
    clock.advance(1000);
    const failed = await h.waitForSubEvents('callback-attempt', 2, { route: 'send' });
    expect(failed).toMatchObject([
      { attempt: 1, verdict: 'retry', nextAttemptInMs: 5000 },
      { attempt: 1, verdict: 'retry', nextAttemptInMs: 5000 },
    ]);
    expect(failed[0]!.error).toBe(
      `not sent: no token for webhook ${created.body.id as string}: token endpoint ${tokens.url} answered 503: {"error":"temporarily_unavailable"}`,
    );
    expect(h.sink.received).toEqual([]);

    // Sinch's schedule retries 5 s after the first failure: the endpoint answers by then.
    clock.advance(5000);
    const retried = await h.sink.waitFor(2);
    expect(retried.map(bearerOf)).toEqual(['Bearer late-token', 'Bearer late-token']);
    const attempts = await h.waitForSubEvents('callback-attempt', 4, { route: 'send' });
    expect(attempts.map((a) => [a.attempt, a.verdict])).toEqual([
      [1, 'retry'],
      [1, 'retry'],
      [2, 'delivered'],
      [2, 'delivered'],
    ]);
  });

  it('refuses a token endpoint whose host callbacks.allowedHosts does not allow, naming the field', async () => {
    await h.start();
    const refused = await register({
      client_id: 'gateway-client',
      client_secret: 'gateway-secret',
      endpoint: 'https://oauth.example.com/token',
    });
    expect(refused.status).toBe(400);
    expect(refused.body.error.message).toContain(
      '/client_credentials/endpoint: callback target host "oauth.example.com" is not allowed',
    );
    await h.start({ callbacks: { allowedHosts: ['127.0.0.0/8', 'oauth.example.com'] } });
    const allowed = await register({
      client_id: 'gateway-client',
      client_secret: 'gateway-secret',
      endpoint: 'https://oauth.example.com/token',
    });
    expect(allowed.status).toBe(200);
  });
});
