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

  it("takes the token route's real host as its own, and sends no token once the credentials change to ones it refuses", async () => {
    await h.start();
    const created = await register({
      client_id: 'sandbox-key',
      client_secret: 'sandbox-secret',
      endpoint: 'https://auth.sinch.com/oauth2/token',
    });
    await send('46700000011');
    const [first] = await h.sink.waitFor(1);
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
    const [after] = await h.sink.waitFor(1);
    expect(after!.headers.authorization).toBeUndefined();
  });

  it('journals a warning and sends no Authorization when the token endpoint is another server', async () => {
    await h.start();
    const created = await register({
      client_id: 'gateway-client',
      client_secret: 'gateway-secret',
      endpoint: 'https://oauth.example.com/token',
    });
    expect(created.status).toBe(200);
    expect(created.body.client_credentials).toMatchObject({
      endpoint: 'https://oauth.example.com/token',
    });
    const [registration] = await h.entries({ route: 'create-webhook' });
    const warning = registration!.diagnostics.find((d) => d.severity === 'warning');
    expect(warning).toMatchObject({ pointer: '/client_credentials' });
    expect(warning!.message).toContain("not the simulator's token route");
    await send('46700000011');
    const [callback] = await h.sink.waitFor(1);
    expect(callback!.path).toBe('/callbacks/oauth');
    expect(callback!.headers.authorization).toBeUndefined();
  });
});
