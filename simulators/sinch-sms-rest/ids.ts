import type { ProviderContext } from '../../src/engine/provider-api.js';

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/**
 * A ULID-like id (26 Crockford base32 characters, time first), as the API gives batches, inbounds
 * and groups. The random part comes from the per-start id source, so ids differ across starts and
 * resets (and repeat only with deterministic ids) while seeded behaviour draws stay untouched.
 */
export function newId(context: ProviderContext<unknown>): string {
  let time = context.clock.now();
  let head = '';
  for (let i = 0; i < 10; i++) {
    head = CROCKFORD[time % 32]! + head;
    time = Math.floor(time / 32);
  }
  // The id source draws the same alphabet, so its first 16 characters are a valid random part.
  return head + context.ids.next().slice(0, 16);
}
