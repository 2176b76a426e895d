import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { NonceMemory, verifyWebhookSignature } from './sinch-conversation-signature.js';
import { meaningOf } from './sinch-conversation-status.js';
import { jwtExpiry } from './sinch-conversation-token.js';

const NOW = 1_767_225_600;
const body = Buffer.from('{"app_id":"a","message_delivery_report":{"status":"DELIVERED"}}');

const headersFor = (raw: Buffer, secret: string, nonce = 'n1', timestamp = String(NOW)) => ({
  'x-sinch-webhook-signature-nonce': nonce,
  'x-sinch-webhook-signature-timestamp': timestamp,
  'x-sinch-webhook-signature-algorithm': 'HmacSHA256',
  'x-sinch-webhook-signature': createHmac('sha256', secret)
    .update(`${raw.toString()}.${nonce}.${timestamp}`)
    .digest('base64'),
});

const check = (headers: Record<string, string>, nonces?: NonceMemory, raw = body) =>
  verifyWebhookSignature(headers, raw, 'secret', { nowSeconds: NOW, maxAgeSeconds: 300, nonces });

describe('Sinch Conversation callback signatures (reference gateway)', () => {
  it('accepts a body signed as base64 HMAC-SHA256 of body.nonce.timestamp', () => {
    expect(check(headersFor(body, 'secret'))).toEqual({ ok: true, nonce: 'n1' });
  });

  it('refuses a changed body, another secret and missing headers, naming the header', () => {
    const headers = headersFor(body, 'secret');
    expect(check(headers, undefined, Buffer.from(`${body.toString()} `))).toMatchObject({
      ok: false,
      error: expect.stringContaining('does not match'),
    });
    expect(check(headersFor(body, 'other'))).toMatchObject({ ok: false });
    expect(check({})).toMatchObject({ ok: false, error: expect.stringContaining('missing') });
  });

  it('refuses a timestamp more than the allowed age away, and a nonce used before', () => {
    expect(check(headersFor(body, 'secret', 'n2', String(NOW - 301)))).toMatchObject({
      ok: false,
      error: expect.stringContaining('301 s away'),
    });
    const nonces = new NonceMemory();
    const first = check(headersFor(body, 'secret', 'n3'), nonces);
    expect(first.ok).toBe(true);
    nonces.add('n3');
    expect(check(headersFor(body, 'secret', 'n3'), nonces)).toMatchObject({
      ok: false,
      error: expect.stringContaining('already used'),
    });
  });

  it('forgets the oldest nonce once full', () => {
    const nonces = new NonceMemory(2);
    for (const n of ['a', 'b', 'c']) nonces.add(n);
    expect([nonces.has('a'), nonces.has('b'), nonces.has('c')]).toEqual([false, true, true]);
  });
});

describe('Bloomreach statuses of Sinch delivery reports', () => {
  it.each([
    ['QUEUED_ON_CHANNEL', undefined, { bloomreach: 'sent' }],
    ['DELIVERED', undefined, { bloomreach: 'delivered', outcome: 'delivered' }],
    ['READ', undefined, { bloomreach: 'read', outcome: 'delivered' }],
    ['FAILED', 'RECIPIENT_NOT_REACHABLE', { bloomreach: 'failed', outcome: 'failed' }],
    ['FAILED', 'DELIVERY_REJECTED_DUE_TO_POLICY', { bloomreach: 'rejected', outcome: 'failed' }],
    ['SWITCHING_CHANNEL', 'RECIPIENT_NOT_REACHABLE', { bloomreach: undefined }],
  ])('maps %s (%s) to %j', (status, reason, meaning) => {
    expect(meaningOf(status, reason)).toEqual(meaning);
  });

  it('takes the configured refusal reasons for rejected', () => {
    expect(
      meaningOf('FAILED', 'RECIPIENT_NOT_REACHABLE', ['RECIPIENT_NOT_REACHABLE']).bloomreach,
    ).toBe('rejected');
  });
});

describe('access token expiry', () => {
  it('reads exp from a JWT and nothing from other strings', () => {
    const payload = Buffer.from(JSON.stringify({ exp: 42 })).toString('base64url');
    expect(jwtExpiry(`h.${payload}.s`)).toBe(42);
    expect(jwtExpiry('opaque')).toBeUndefined();
    expect(jwtExpiry('h.!!.s')).toBeUndefined();
  });
});
