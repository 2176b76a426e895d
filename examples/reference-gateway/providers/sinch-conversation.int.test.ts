import { afterEach, describe, expect, it } from 'vitest';
import { sinchConversation } from '../../../simulators/sinch-conversation/index.js';
import { systemClock, type Clock } from '../../../src/engine/clock.js';
import { createSimulator, type Simulator } from '../../../src/app/create-simulator.js';
import { createReferenceGateway, type ReferenceGateway } from '../gateway.js';
import type { GatewayMessage } from '../message-store.js';
import { TokenCache } from './sinch-conversation-token.js';

const PROVIDER = 'sinch-conversation';
let shiftMs = 0;
const clock: Clock = {
  now: () => Date.now() + shiftMs,
  setTimer: (ms, fn) => systemClock.setTimer(ms, fn),
};

let sim: Simulator | undefined;
let gateway: ReferenceGateway | undefined;

async function start(settings: Record<string, unknown> = {}): Promise<void> {
  shiftMs = 0;
  gateway = createReferenceGateway({ simulatorUrl: () => sim?.url });
  await gateway.listen();
  sim = createSimulator(
    {
      port: 0,
      log: { level: 'silent' },
      callbacks: { retry: { maxAttempts: 1 } },
      providers: {
        [PROVIDER]: {
          callbacks: {
            delivery: gateway.callbackUrl(PROVIDER, 'delivery'),
            inbound: gateway.callbackUrl(PROVIDER, 'inbound'),
          },
          settings: {
            // Each report well after the one before: two callbacks a few ms apart may take two
            // connections and arrive in either order under load (as a real provider's may), and
            // these cases are about the statuses the gateway records, not about reordering.
            delaysMs: {
              queuedOnChannel: { min: 5, max: 10 },
              delivered: { min: 60, max: 70 },
              read: { min: 60, max: 70 },
            },
            // The cases send freeform text to contacts who never wrote; the window has its own tests.
            whatsappWindow: 'off',
            ...settings,
          },
        },
      },
    },
    [sinchConversation],
    { clock },
  );
  await sim.listen();
}

afterEach(async () => {
  const closing = sim;
  await closing?.close({ drain: false });
  await gateway?.close();
  sim = undefined;
  gateway = undefined;
  // Every callback the simulator sent the gateway must satisfy its schema.
  for (const attempt of closing?.journal.list().flatMap((e) => e.subEvents) ?? []) {
    if (attempt.type !== 'callback-attempt' || attempt.attempt !== 1) continue;
    const schema =
      attempt.kind === 'delivery'
        ? 'sinch-conversation/message-delivery-callback'
        : 'sinch-conversation/message-inbound-callback';
    expect(closing!.schemas.validate(schema, attempt.body)).toEqual([]);
  }
});

async function send(to: string, extra: Record<string, unknown> = {}): Promise<GatewayMessage> {
  const response = await fetch(`${gateway!.url!}/send`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ provider: PROVIDER, to, text: 'Your order has shipped', ...extra }),
  });
  const body = (await response.json()) as { messages: { id: string }[] };
  return gateway!.messages.get(body.messages[0]!.id)!;
}

/** Waits until the message's history holds `events` (report events, in order). */
async function eventsOf(message: GatewayMessage, count: number): Promise<string[]> {
  for (let i = 0; i < 200; i++) {
    const events = message.history.filter((h) => h.kind === 'report').map((h) => h.event!);
    if (events.length >= count) return events;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error(
    `message ${message.id} got fewer than ${count} reports: ${JSON.stringify(message.history)}`,
  );
}

/** The statuses the gateway answered the simulator's callbacks with, once `count` were answered. */
async function callbackAnswers(count: number): Promise<number[]> {
  for (let i = 0; i < 200; i++) {
    const answers = sim!.journal
      .list({ route: 'send' })
      .flatMap((e) => e.subEvents)
      .filter((s) => s.type === 'callback-attempt')
      .map((s) => s.status as number);
    if (answers.length >= count) return answers;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error(`fewer than ${count} callbacks were answered`);
}

describe('the reference gateway on the Sinch Conversation API', () => {
  it('sends with a bearer token and records Bloomreach statuses sent, delivered and read', async () => {
    await start();
    const message = await send('+46700000100');
    expect(message.status).toBe('sent');
    expect(await eventsOf(message, 3)).toEqual(['sent', 'delivered', 'read']);
    expect(message.status).toBe('delivered');
    const entry = sim!.journal.list({ route: 'send' })[0]!;
    expect(entry.request.headers.authorization).toBe('Bearer [redacted]');
    expect((entry.request.body as { recipient: unknown }).recipient).toEqual({
      identified_by: { channel_identities: [{ channel: 'WHATSAPP', identity: '46700000100' }] },
    });
    expect(await callbackAnswers(3)).toEqual([200, 200, 200]);
  });

  it('records a policy failure as rejected and an unreachable recipient as failed, with the reason as error', async () => {
    await start();
    const rejected = await send('46700000403');
    const failed = await send('46700000400');
    expect((await eventsOf(rejected, 2)).at(-1)).toBe('rejected');
    expect((await eventsOf(failed, 2)).at(-1)).toBe('failed');
    expect(rejected).toMatchObject({ status: 'failed', code: 'DELIVERY_REJECTED_DUE_TO_POLICY' });
    expect(failed).toMatchObject({ status: 'failed', code: 'RECIPIENT_NOT_REACHABLE' });
  });

  it('marks a send the API refuses as rejected (Bloomreach enqueued_failed) with the API status', async () => {
    await start();
    const misconfigured = createReferenceGateway({
      simulatorUrl: () => sim?.url,
      providers: { [PROVIDER]: { appId: 'no-such-app' } },
    });
    await misconfigured.listen();
    try {
      const response = await fetch(`${misconfigured.url!}/send`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ provider: PROVIDER, to: '46700000001', text: 'x' }),
      });
      const { messages } = (await response.json()) as {
        messages: { status: string; code: string; description: string }[];
      };
      expect(messages[0]).toMatchObject({ status: 'rejected', code: 'NOT_FOUND' });
      expect(messages[0]!.description).toContain('no-such-app');
    } finally {
      await misconfigured.close();
    }
  });

  it('refreshes its token after the simulator says it expired, and the send goes through', async () => {
    await start();
    await send('46700000001');
    shiftMs = 3601 * 1000;
    const message = await send('46700000002');
    expect(message.status).toBe('sent');
    expect(sim!.journal.list({ route: 'send' }).map((e) => e.response?.status)).toEqual([
      200, 401, 200,
    ]);
    expect(sim!.journal.list({ route: 'token' })).toHaveLength(2);
  });

  it('records a reply to a sent message as incoming_message on its history', async () => {
    await start();
    const message = await send('46700000102');
    await eventsOf(message, 1);
    expect(sim!.inbound({ provider: PROVIDER, from: '46700000102', text: 'STOP' }).ok).toBe(true);
    const sent = sim!.journal.list({ route: 'send' })[0]!.response!.body as { message_id: string };
    const reply = {
      provider: PROVIDER,
      from: '46700000102',
      text: 'Thanks',
      replyTo: sent.message_id,
    };
    expect(sim!.inbound(reply).ok).toBe(true);
    expect(await eventsOf(message, 2)).toEqual(['sent', 'incoming_message']);
    expect(message.history.at(-1)).toMatchObject({ description: 'Thanks', status: 'sent' });
  });

  it.each([
    ['bad', 'does not match'],
    ['skewed-timestamp', 'away from now'],
  ])(
    'refuses callbacks whose signature the simulator spoils (%s) with 401',
    async (signature, why) => {
      await start();
      await fetch(`${sim!.url!}/__admin/faults`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          match: { provider: PROVIDER, route: 'send' },
          then: { callbacks: { signature } },
        }),
      });
      await send('46700000001');
      expect(await callbackAnswers(2)).toEqual([401, 401]);
      const attempt = sim!.journal
        .list({ route: 'send' })[0]!
        .subEvents.find((s) => s.type === 'callback-attempt')!;
      expect(String(attempt.answer)).toContain(why);
    },
  );

  it('refuses a callback that replays the nonce of the previous one', async () => {
    await start();
    await fetch(`${sim!.url!}/__admin/faults`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        match: { provider: PROVIDER, route: 'send', nth: 2 },
        then: { callbacks: { signature: 'replayed-nonce' } },
      }),
    });
    await send('46700000001');
    expect(await callbackAnswers(2)).toEqual([200, 200]);
    await send('46700000002');
    expect(await callbackAnswers(4)).toEqual([200, 200, 401, 401]);
  });

  it('retries a throttled token request after a backoff', async () => {
    await start({ tokens: { rateLimit: { capacity: 1, refillPerSecond: 4 } } });
    const cache = () =>
      new TokenCache({
        url: () => `${sim!.url!}/sinch/auth/oauth2/token`,
        keyId: 'sandbox-key',
        keySecret: 'sandbox-secret',
        now: () => Date.now(),
        timeoutMs: 2000,
        throttleBackoffMs: [100, 200, 400],
      });
    await cache().accessToken();
    expect(await cache().accessToken()).toMatch(/^ey/);
    const answers = sim!.journal.list({ route: 'token' }).map((e) => e.response?.status);
    expect(answers[0]).toBe(200);
    expect(answers).toContain(429);
    expect(answers.at(-1)).toBe(200);
  });
});
