import type { ProviderContext } from '../../src/engine/provider-api.js';
import type { SinchConversationSettings } from './settings.js';

interface BucketState {
  tokens: number;
  at: number;
}

const STORE_KEY = 'token-route-bucket';

/**
 * Takes one grant from the token route's bucket (capacity 30, refilled 10 per second by default,
 * on the injected clock); false when it is empty. `rateLimit: null` never throttles.
 * @see https://github.com/sinch/sinch-sdk-node/blob/main/packages/sdk-client/src/plugins/oauth2/oauth2-token.request.ts
 */
export function takeTokenGrant(context: ProviderContext<SinchConversationSettings>): boolean {
  const limit = context.settings.tokens.rateLimit;
  if (limit === null) return true;
  const now = context.clock.now();
  const state = (context.store.get(STORE_KEY) as BucketState | undefined) ?? {
    tokens: limit.capacity,
    at: now,
  };
  const refilled = Math.min(
    limit.capacity,
    state.tokens + ((now - state.at) / 1000) * limit.refillPerSecond,
  );
  const ok = refilled >= 1;
  context.store.set(STORE_KEY, { tokens: ok ? refilled - 1 : refilled, at: now });
  return ok;
}
