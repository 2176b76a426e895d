import { createHmac, timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';

/** Why a callback's signature is refused, or that it passed. */
export type SignatureVerdict = { ok: true; nonce: string } | { ok: false; error: string };

const header = (headers: IncomingHttpHeaders, name: string): string | undefined => {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
};

/** Remembers the nonces of accepted callbacks (bounded, oldest forgotten first). */
export class NonceMemory {
  private readonly seen = new Set<string>();

  constructor(private readonly capacity = 10_000) {}

  has(nonce: string): boolean {
    return this.seen.has(nonce);
  }

  add(nonce: string): void {
    this.seen.add(nonce);
    if (this.seen.size > this.capacity) this.seen.delete(this.seen.values().next().value!);
  }
}

/**
 * Checks a Conversation API callback the way Sinch tells receivers to: recompute
 * `base64(HMAC-SHA256(secret, rawBody.nonce.timestamp))` and compare, then refuse a timestamp more
 * than `maxAgeSeconds` away from now and a nonce already accepted.
 * @see https://developers.sinch.com/docs/conversation/callbacks
 */
export function verifyWebhookSignature(
  headers: IncomingHttpHeaders,
  rawBody: Buffer,
  secret: string,
  options: { nowSeconds: number; maxAgeSeconds: number; nonces?: NonceMemory },
): SignatureVerdict {
  const signature = header(headers, 'x-sinch-webhook-signature');
  const nonce = header(headers, 'x-sinch-webhook-signature-nonce');
  const timestamp = header(headers, 'x-sinch-webhook-signature-timestamp');
  const algorithm = header(headers, 'x-sinch-webhook-signature-algorithm');
  if (!signature || !nonce || !timestamp) {
    return {
      ok: false,
      error:
        'missing x-sinch-webhook-signature, -nonce or -timestamp header; the webhook has a secret, so callbacks must be signed',
    };
  }
  if (algorithm !== undefined && algorithm !== 'HmacSHA256') {
    return {
      ok: false,
      error: `x-sinch-webhook-signature-algorithm ${JSON.stringify(algorithm)} is not HmacSHA256`,
    };
  }
  const expected = createHmac('sha256', secret)
    .update(Buffer.concat([rawBody, Buffer.from(`.${nonce}.${timestamp}`)]))
    .digest();
  const given = Buffer.from(signature, 'base64');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    return {
      ok: false,
      error: 'x-sinch-webhook-signature does not match the body, nonce and timestamp',
    };
  }
  const age = Math.abs(options.nowSeconds - Number(timestamp));
  if (!Number.isFinite(age) || age > options.maxAgeSeconds) {
    return {
      ok: false,
      error: `x-sinch-webhook-signature-timestamp ${timestamp} is ${Number.isFinite(age) ? `${age} s` : 'not a time'} away from now; at most ${options.maxAgeSeconds} s is accepted`,
    };
  }
  if (options.nonces?.has(nonce)) {
    return { ok: false, error: `x-sinch-webhook-signature-nonce ${nonce} was already used` };
  }
  return { ok: true, nonce };
}
