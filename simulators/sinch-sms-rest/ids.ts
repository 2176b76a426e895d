import type { ProviderContext } from '../../src/engine/provider-api.js';

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** A ULID-like id (26 Crockford base32 characters, time first), as the API gives batches, inbounds and groups. */
export function newId(context: ProviderContext<unknown>): string {
  let time = context.clock.now();
  let head = '';
  for (let i = 0; i < 10; i++) {
    head = CROCKFORD[time % 32]! + head;
    time = Math.floor(time / 32);
  }
  let tail = '';
  for (let i = 0; i < 16; i++) tail += CROCKFORD[context.random.int(0, 31)]!;
  return head + tail;
}
