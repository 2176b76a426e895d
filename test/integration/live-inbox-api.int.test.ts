import { beforeEach, describe, expect, it } from 'vitest';
import { loadProviders } from '../../src/index.js';
import { useSimHarness } from '../support/sim-harness.js';
import { SINCH_SMS_SEND_PATH, sinchSmsSend } from '../support/sinch-sms-fixtures.js';

const h = useSimHarness({
  providers: await loadProviders(),
  config: (sink) => ({
    callbackUrl: sink.url,
    providers: { 'sinch-sms': { settings: { dlrDelayMs: { min: 60_000, max: 60_000 } } } },
  }),
});

const send = (body: unknown) =>
  fetch(`${h.url}${SINCH_SMS_SEND_PATH}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });

beforeEach(() => h.start());

describe('forcing a status', () => {
  it('moves a message to failed with a chosen code now, and its scheduled DLR never follows', async () => {
    const answer = (await (await send(sinchSmsSend({ msgid: 'force-1' }))).json()) as {
      messages: { respid: string }[];
    };
    const id = answer.messages[0]!.respid;
    const forced = await fetch(`${h.url}/__admin/messages/${id}/status`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ status: 'failed', code: '913' }),
    });
    expect(await forced.json()).toEqual({ ok: true, status: 'failed' });
    const [callback] = await h.sink.waitFor(1);
    expect(callback!.body).toEqual([
      {
        event: 'failed',
        data: [
          expect.objectContaining({ meta: 'force-1', code: '913', description: 'NDNC rejected' }),
        ],
      },
    ]);
    expect(h.sim.journal.list({ messageId: 'force-1' })[0]!.messages[0]!.status).toBe('failed');
    expect(h.sim.faults.list()).toEqual([]);
    await h.drain();
    expect(h.sink.received).toHaveLength(1);
  });

  it('answers an unknown message or a bad status with an error naming the field', async () => {
    const unknown = await fetch(`${h.url}/__admin/messages/nope/status`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ status: 'read' }),
    });
    expect(unknown.status).toBe(404);
    const bad = await fetch(`${h.url}/__admin/messages/x/status`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ status: 42 }),
    });
    expect(((await bad.json()) as { errors: { pointer: string }[] }).errors[0]!.pointer).toBe(
      '/status',
    );
  });
});

describe('live events', () => {
  it('streams new requests and their status changes as server-sent events', async () => {
    const controller = new AbortController();
    const response = await fetch(`${h.url}/__admin/events`, { signal: controller.signal });
    expect(response.headers.get('content-type')).toContain('text/event-stream');
    const reader = response.body!.getReader();
    let text = '';
    const readUntil = async (pattern: RegExp) => {
      while (!pattern.test(text)) {
        const { value, done } = await reader.read();
        if (done) throw new Error(`stream ended before ${pattern}`);
        text += new TextDecoder().decode(value);
      }
    };
    const answer = (await (await send(sinchSmsSend({ msgid: 'live-1' }))).json()) as {
      messages: { respid: string }[];
    };
    await readUntil(/event: entry\ndata: .*"live-1"/);
    await fetch(`${h.url}/__admin/messages/${answer.messages[0]!.respid}/status`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ status: 'delivered' }),
    });
    await readUntil(/event: sub-event\ndata: .*"status":"delivered"/);
    controller.abort();
  });
});
