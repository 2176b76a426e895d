import { createHmac } from 'node:crypto';
import type { ProviderContext, SignatureTamper } from '../../src/engine/provider-api.js';
import type { SinchConversationSettings } from './settings.js';

/** The only algorithm the Conversation API names in `x-sinch-webhook-signature-algorithm`. */
export const SIGNATURE_ALGORITHM = 'HmacSHA256';

/**
 * `base64(HMAC-SHA256(secret, rawBody + "." + nonce + "." + timestamp))`, padded, with the secret
 * used as UTF-8 bytes.
 * @see https://github.com/sinch/sinch-sdk-node/blob/main/packages/sdk-client/src/utils/authorization.helper.ts
 */
export function webhookSignature(
  secret: string,
  rawBody: string,
  nonce: string,
  timestamp: string,
): string {
  return createHmac('sha256', secret).update(`${rawBody}.${nonce}.${timestamp}`).digest('base64');
}

/** The four signature headers of a callback body signed with `secret`. */
export function signatureHeaders(
  secret: string,
  rawBody: string,
  nonce: string,
  timestamp: string,
): Record<string, string> {
  return {
    'x-sinch-webhook-signature-timestamp': timestamp,
    'x-sinch-webhook-signature-nonce': nonce,
    'x-sinch-webhook-signature-algorithm': SIGNATURE_ALGORITHM,
    'x-sinch-webhook-signature': webhookSignature(secret, rawBody, nonce, timestamp),
  };
}

/** Store key under which a builder leaves the secret for the body it just built for `target`. */
export const pendingSecretKey = (target: string): string => `signing-secret:${target}`;

/**
 * A fresh nonce (26 Crockford base-32 characters) from the per-start id source: a gateway that
 * remembers nonces to refuse replays must never see one again after a restart or a reset, so
 * nonces repeat only with deterministic ids, as message ids do.
 */
function nextNonce(context: ProviderContext<SinchConversationSettings>): string {
  return context.ids.next();
}

/** A signature with its first character changed: same length and alphabet, never valid. */
function corrupt(signature: string): string {
  const first = signature[0] === 'A' ? 'B' : 'A';
  return `${first}${signature.slice(1)}`;
}

/**
 * Signs a callback body for `target` with the secret its builder chose (none: no headers). Tamper
 * options spoil it on purpose: `badSignature` corrupts the signature, `replayNonce` reuses the
 * nonce of the previous callback to the same target (signed correctly), `skewSeconds` shifts the
 * timestamp (signed correctly).
 * @see https://developers.sinch.com/docs/conversation/callbacks
 */
export function signCallback(
  payload: string,
  context: ProviderContext<SinchConversationSettings>,
  target: string,
  tamper: SignatureTamper = {},
): Record<string, string> {
  const secret = context.store.get(pendingSecretKey(target)) as string | undefined;
  if (secret === undefined) return {};
  const lastKey = `last-nonce:${target}`;
  const previous = context.store.get(lastKey) as string | undefined;
  const nonce = tamper.replayNonce && previous !== undefined ? previous : nextNonce(context);
  context.store.set(lastKey, nonce);
  const timestamp = String(
    Math.floor(context.clock.now() / 1000) + Math.trunc(tamper.skewSeconds ?? 0),
  );
  const headers = signatureHeaders(secret, payload, nonce, timestamp);
  if (tamper.badSignature) {
    headers['x-sinch-webhook-signature'] = corrupt(headers['x-sinch-webhook-signature']!);
  }
  return headers;
}
