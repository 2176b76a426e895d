import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/engine/clock.js';
import { SchemaRegistry } from '../../src/engine/validation/schema-registry.js';
import { sinchConversation } from '../../simulators/sinch-conversation/index.js';
import { sinchSmsRest } from '../../simulators/sinch-sms-rest/index.js';
import { useSimHarness } from '../support/sim-harness.js';

// `--seed` fixes behaviour; identities (callback nonces, callback token ids, batch ids) must be
// new on every start and reset unless ids are deterministic: a gateway remembering nonces to
// refuse replays would otherwise refuse the genuine callbacks of its second test run.

const BASIC = `Basic ${Buffer.from('sandbox-key:sandbox-secret').toString('base64')}`;
const PROJECT = '/sinch/us/v1/projects/sandbox-project';
const FAST = {
  queuedOnChannel: { min: 5, max: 5 },
  delivered: { min: 5, max: 5 },
  read: { min: 5, max: 5 },
};
const START = Date.UTC(2026, 0, 1);

const h = useSimHarness({
  providers: [sinchConversation, sinchSmsRest],
  schemas: new SchemaRegistry(),
  config: (sink) => ({
    seed: 'same-seed',
    callbackUrl: sink.url,
    providers: { 'sinch-conversation': { settings: { delaysMs: FAST, whatsappWindow: 'off' } } },
  }),
});

interface Identities {
  nonce: string;
  tokenId: string;
  /** The random part of a Sinch SMS REST batch id (the first ten characters are the time). */
  batchRandom: string;
}

/** The `jti` claim of a bearer JWT. */
const jtiOf = (authorization: string): string =>
  (
    JSON.parse(
      Buffer.from(authorization.replace(/^Bearer /, '').split('.')[1]!, 'base64url').toString(),
    ) as { jti: string }
  ).jti;

/**
 * Registers a signed webhook with client_credentials for the simulator's own token route, sends a
 * message and a batch, and reads the identities of the first delivery report and of the batch.
 */
async function identities(clock: ManualClock): Promise<Identities> {
  h.sink.received.length = 0;
  const webhook = await h.request(`${PROJECT}/webhooks`, {
    headers: { authorization: BASIC },
    body: {
      app_id: 'sandbox-app',
      target: `${h.sink.url}/signed`,
      triggers: ['MESSAGE_DELIVERY'],
      secret: 'webhook-secret',
      client_credentials: {
        client_id: 'sandbox-key',
        client_secret: 'sandbox-secret',
        endpoint: `${h.url}/sinch/auth/oauth2/token`,
      },
    },
  });
  expect(webhook.status).toBe(200);
  const sent = await h.request(`${PROJECT}/messages:send`, {
    headers: { authorization: BASIC },
    body: {
      app_id: 'sandbox-app',
      recipient: {
        identified_by: { channel_identities: [{ channel: 'WHATSAPP', identity: '46700000011' }] },
      },
      message: { text_message: { text: 'Your order has shipped' } },
    },
  });
  expect(sent.status).toBe(200);
  clock.advance(1000);
  const report = await h.until('the first signed delivery report', () =>
    h.sink.received.find(
      (c) =>
        c.path === '/callbacks/signed' &&
        (c.body as { message_delivery_report?: { status?: string } }).message_delivery_report
          ?.status === 'QUEUED_ON_CHANNEL',
    ),
  );
  const batch = await h.request('/sinch-sms-rest/eu/xms/v1/sandbox-plan/batches', {
    headers: { authorization: 'Bearer sandbox-token' },
    body: { from: '12345', to: ['46700000001'], body: 'Hello' },
  });
  expect(batch.status).toBe(201);
  return {
    nonce: report.headers['x-sinch-webhook-signature-nonce'] as string,
    tokenId: jtiOf(report.headers.authorization as string),
    batchRandom: (batch.body.id as string).slice(10),
  };
}

/** Two fresh starts on the same seed and clock, then a reset of the second. */
async function startTwiceAndReset(deterministicIds: boolean): Promise<Identities[]> {
  const runs: Identities[] = [];
  let clock = new ManualClock(START);
  for (let start = 0; start < 2; start++) {
    clock = new ManualClock(START);
    await h.start({ deterministicIds }, { clock });
    runs.push(await identities(clock));
  }
  const reset = await h.request('/__admin/reset', { body: {} });
  expect(reset.status).toBe(200);
  runs.push(await identities(clock));
  return runs;
}

describe('identities across starts and resets', () => {
  it('draws new callback nonces, callback token ids and batch ids on every start and reset', async () => {
    const [first, second, afterReset] = await startTwiceAndReset(false);
    expect(first!.nonce).toMatch(/^[0-9A-HJKMNP-TV-Z]{26}$/);
    expect(first!.tokenId).toMatch(/^[0-9a-hjkmnp-tv-z]{26}$/);
    expect(first!.batchRandom).toMatch(/^[0-9A-HJKMNP-TV-Z]{16}$/);
    for (const key of ['nonce', 'tokenId', 'batchRandom'] as const) {
      expect(second![key], `${key} of a second start`).not.toBe(first![key]);
      expect(afterReset![key], `${key} after a reset`).not.toBe(second![key]);
    }
  });

  it('repeats them with deterministic ids', async () => {
    const [first, second, afterReset] = await startTwiceAndReset(true);
    expect(second).toEqual(first);
    expect(afterReset).toEqual(first);
  });
});
