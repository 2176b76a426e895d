import { createRandom, type Random } from './random.js';
import type { IdSource } from './types.js';

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** A deterministic id source: `prefix` plus 26 Crockford base-32 characters (ULID-shaped). */
export function createIdSource(random: Random): IdSource {
  return { next: (prefix = '') => `${prefix}${random.string(26, CROCKFORD)}` };
}

/** The independent random streams of one simulator, all derived from its seed. */
export interface SeededStreams {
  /** Request and message ids. */
  ids: IdSource;
  /** Fault matchers and latency draws. */
  faults: Random;
  /** Callback retry jitter. */
  dispatcher: Random;
  /** Callback chaos draws (drops). */
  chaos: Random;
  /** Per-provider stream, for lifecycle delays and outcomes. */
  provider(id: string): Random;
}

/** Derives every stream from `seed`; called again on reset to start the same sequence over. */
export function createSeededStreams(seed: string): SeededStreams {
  const root = createRandom(seed);
  const perProvider = new Map<string, Random>();
  return {
    ids: createIdSource(root.fork('ids')),
    faults: root.fork('faults'),
    dispatcher: root.fork('dispatcher'),
    chaos: root.fork('chaos'),
    provider(id) {
      let random = perProvider.get(id);
      if (!random) perProvider.set(id, (random = root.fork(`provider:${id}`)));
      return random;
    },
  };
}
