import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createReferenceGateway } from '../../examples/reference-gateway/gateway.js';
import {
  startReferenceStack,
  type ReferenceStack,
} from '../../examples/reference-gateway/start-stack.js';

const TEMPLATE_ID = '1107100000000000002';
const MSGID_STYLE = /^\d+\.1200000000\.\d{10}\.\d{8}\.\d+\.wzrk_default\.-1\.$/;

let stack: ReferenceStack;
let gatewayUrl: string;

beforeAll(async () => {
  stack = await startReferenceStack({
    simulator: {
      log: { level: 'silent' },
      providers: { 'sinch-sms': { settings: { dlrDelayMs: { min: 10, max: 30 } } } },
    },
  });
  gatewayUrl = stack.gateway.url!;
});

afterAll(async () => {
  // Unset when beforeAll failed: only its error should show.
  if (stack !== undefined) await stack.close();
});

interface MessageView {
  id: string;
  provider: string;
  to: string[];
  reference: string;
  status: string;
  code?: string;
  description?: string;
  reports: { delivered: number; failed: number };
  history: { kind: string; status: string; event?: string; ignored?: string }[];
}

async function post(path: string, body: unknown): Promise<{ status: number; body: any }> {
  const response = await fetch(`${gatewayUrl}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  return { status: response.status, body: await response.json() };
}

async function send(body: Record<string, unknown>): Promise<MessageView[]> {
  const answer = await post('/send', { provider: 'sinch-sms', templateId: TEMPLATE_ID, ...body });
  expect(answer.status, JSON.stringify(answer.body)).toBe(200);
  return answer.body.messages as MessageView[];
}

async function message(id: string): Promise<MessageView> {
  const response = await fetch(`${gatewayUrl}/messages/${id}`);
  expect(response.status).toBe(200);
  return (await response.json()) as MessageView;
}

async function waitForStatus(id: string, status: string): Promise<MessageView> {
  const deadline = Date.now() + 5000;
  for (;;) {
    const view = await message(id);
    if (view.status === status || Date.now() > deadline) return view;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

const dlr = (event: string, meta: string, extra: Record<string, unknown> = {}): unknown => [
  { event, data: [{ ts: Math.floor(Date.now() / 1000) + 5, meta, ...extra }] },
];

describe('reference gateway with the Sinch SMS simulator', () => {
  it("sends the body of CleverTap's sample payload to the simulator and shows the message delivered once the DLR arrives", async () => {
    const [sent] = await send({ to: '919800000011', text: 'Your OTP is 123456' });
    expect(sent).toMatchObject({ provider: 'sinch-sms', to: ['919800000011'], status: 'sent' });
    expect(sent!.reference).toMatch(MSGID_STYLE);

    const [entry] = stack.simulator.journal.list({ messageId: sent!.reference });
    expect(entry!.request.path).toBe('/sinch-sms/v1/enterprises/messages.json');
    expect(entry!.request.body).toEqual({
      appid: 'clvrtap',
      userId: 'clvrtap',
      pass: '[redacted]',
      contenttype: '1',
      from: 'ACLALT',
      to: '919800000011',
      selfid: 'false',
      msgid: sent!.reference,
      intflag: 'false',
      alert: '1',
      text: 'Your OTP is 123456',
      dpi: '1701158123540939524',
      dtm: TEMPLATE_ID,
    });
    expect(entry!.outcome).toBe('accepted');

    const view = await waitForStatus(sent!.id, 'delivered');
    expect(view).toMatchObject({ status: 'delivered', description: 'Delivered to handset' });
    expect(view.history.map((h) => h.status)).toEqual(['queued', 'sent', 'delivered']);
  });

  it('marks a message to a DND number failed with code 901 and its description', async () => {
    const [sent] = await send({ to: '919800000901', text: 'Your order has shipped' });
    const view = await waitForStatus(sent!.id, 'failed');
    expect(view).toMatchObject({ status: 'failed', code: '901', description: 'DND failure' });
  });

  it('keeps a failed message failed when a late delivered DLR arrives, acknowledging it and noting it in the history', async () => {
    const [sent] = await send({ to: '919800000908', text: 'Sale: 50% off' });
    await waitForStatus(sent!.id, 'failed');
    const answer = await post(
      '/callbacks/sinch-sms',
      dlr('delivered', sent!.reference, { description: 'Delivered to handset' }),
    );
    expect(answer).toEqual({
      status: 200,
      body: { status: 'success', processed: 1, unprocessed: [] },
    });
    const view = await message(sent!.id);
    expect(view).toMatchObject({ status: 'failed', code: '908' });
    expect(view.history.at(-1)).toMatchObject({
      event: 'delivered',
      status: 'failed',
      ignored: 'the message is already failed',
    });
  });

  it('acknowledges a repeated DLR each time and counts it once', async () => {
    const [sent] = await send({ to: '919800000012', text: 'hi' });
    await waitForStatus(sent!.id, 'delivered');
    const body = dlr('delivered', sent!.reference, { description: 'Delivered to handset' });
    expect((await post('/callbacks/sinch-sms', body)).status).toBe(200);
    expect((await post('/callbacks/sinch-sms', body)).status).toBe(200);
    const view = await message(sent!.id);
    expect(view.status).toBe('delivered');
    expect(view.reports).toEqual({ delivered: 1, failed: 0 });
  });

  it('acknowledges DLR records with undocumented keys', async () => {
    const [sent] = await send({ to: '919800000013', text: 'hi' });
    await waitForStatus(sent!.id, 'delivered');
    const answer = await post(
      '/callbacks/sinch-sms',
      dlr('delivered', sent!.reference, { description: 'DELIVERED', INMSID: '0' }),
    );
    expect(answer.status).toBe(200);
  });

  it('reports a two-recipient request partially delivered once both recipients reported', async () => {
    const [sent] = await send({ to: ['919800000014', '919800000901'], text: 'hi' });
    const view = await waitForStatus(sent!.id, 'partially-delivered');
    expect(view).toMatchObject({
      status: 'partially-delivered',
      code: '901',
      reports: { delivered: 1, failed: 1 },
    });
  });

  it('marks a message the simulator refuses as rejected with its error code', async () => {
    const [sent] = await send({ to: '15551234567', text: 'hi' });
    expect(sent).toMatchObject({ status: 'rejected', code: '103' });
    expect(sent!.description).toMatch(/not Indian mobiles/);
  });

  it('sends international messages with intflag "true" and no template id', async () => {
    const [sent] = await send({
      to: '447700900123',
      text: 'hi',
      templateId: undefined,
      international: true,
    });
    const body = stack.simulator.journal.list({ messageId: sent!.reference })[0]!.request.body;
    expect(body).toMatchObject({ intflag: 'true', to: '447700900123' });
    expect(body).not.toHaveProperty('dtm');
    expect((await waitForStatus(sent!.id, 'delivered')).status).toBe('delivered');
  });

  it('refuses a domestic send without a DLT template id with 400 naming /templateId', async () => {
    const answer = await post('/send', { provider: 'sinch-sms', to: '919800000001', text: 'hi' });
    expect(answer.status).toBe(400);
    expect(answer.body.error.pointer).toBe('/templateId');
  });

  it('refuses a send to an unknown provider with 400 naming the known ones', async () => {
    const answer = await post('/send', {
      provider: 'carrier-pigeon',
      to: '919800000001',
      text: 'hi',
    });
    expect(answer.status).toBe(400);
    expect(answer.body.error).toMatchObject({ pointer: '/provider' });
    expect(answer.body.error.message).toMatch(/known: sinch-sms/);
  });

  it('answers 400 in CleverTap format to a DLR body that is not an array', async () => {
    const answer = await post('/callbacks/sinch-sms', { event: 'delivered', data: [] });
    expect(answer.status).toBe(400);
    expect(answer.body).toMatchObject({ status: 'fail', processed: 0 });
  });

  it('answers 400 to a DLR body that is not JSON', async () => {
    const answer = await post('/callbacks/sinch-sms', '[{"event":');
    expect(answer.status).toBe(400);
    expect(answer.body.error).toMatch(/not valid JSON/);
  });

  it('lists a DLR record for an unknown msgid as unprocessed and still answers 200', async () => {
    const answer = await post(
      '/callbacks/sinch-sms',
      dlr('delivered', 'no-such-msgid', { description: 'x' }),
    );
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({
      status: 'fail',
      processed: 0,
      unprocessed: [{ status: 'fail', code: 404 }],
    });
  });

  it('lists messages with GET /messages, filtered by status', async () => {
    const response = await fetch(`${gatewayUrl}/messages?status=rejected`);
    const { messages } = (await response.json()) as { messages: MessageView[] };
    expect(messages.length).toBeGreaterThan(0);
    expect(messages.every((m) => m.status === 'rejected')).toBe(true);
  });

  it('answers 404 for a message it does not know', async () => {
    const response = await fetch(`${gatewayUrl}/messages/msg_999999`);
    expect(response.status).toBe(404);
  });

  it('refuses to name a callback URL before it listens', () => {
    const gateway = createReferenceGateway({ simulatorUrl: 'http://127.0.0.1:1' });
    expect(() => gateway.callbackUrl('sinch-sms')).toThrow(/not listening yet/);
    expect(() => gateway.callbackUrl('sinch-sms', 'inbound')).toThrow(/no "inbound" callbacks/);
  });

  it('splits 2,500 recipients into requests of 1,000, 1,000 and 500, each with its own msgid', async () => {
    const to = Array.from({ length: 2500 }, (_, i) => `9198002${String(i).padStart(5, '0')}`);
    const messages = await send({ to, text: 'Sale ends today' });
    expect(messages.map((m) => m.to.length)).toEqual([1000, 1000, 500]);
    expect(new Set(messages.map((m) => m.reference)).size).toBe(3);
    const bodies = messages.map(
      (m) =>
        stack.simulator.journal.list({ messageId: m.reference })[0]!.request.body as { to: string },
    );
    expect(bodies.map((b) => b.to.split(',').length)).toEqual([1000, 1000, 500]);
    expect(bodies.flatMap((b) => b.to.split(','))).toEqual(to);
  });
});
