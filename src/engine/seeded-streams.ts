import { randomUUID } from 'node:crypto';
import { createRandom, type Random } from './random.js';
import type { IdSource } from './types.js';

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** A deterministic id source: `prefix` plus 26 Crockford base-32 characters (ULID-shaped). */
export function createIdSource(random: Random): IdSource {
  return { next: (prefix = '') => `${prefix}${random.string(26, CROCKFORD)}` };
}

/** A Random whose sequence can be restarted in place, so holders keep one stable reference. */
class RestartableRandom implements Random {
  constructor(private inner: Random) {}

  /** Continues from `inner` from now on. */
  restart(inner: Random): void {
    this.inner = inner;
  }

  next(): number {
    return this.inner.next();
  }

  int(min: number, max: number): number {
    return this.inner.int(min, max);
  }

  chance(p: number): boolean {
    return this.inner.chance(p);
  }

  string(length: number, alphabet?: string): string {
    return this.inner.string(length, alphabet);
  }

  fork(label: string): Random {
    return this.inner.fork(label);
  }
}

/** How identities are drawn. */
export interface StreamOptions {
  /** Identities repeat for the same seed (golden files); otherwise each start and reset salts them. */
  deterministicIds: boolean;
  /** The per-start salt; a random UUID unless a test fixes it. */
  salt?: () => string;
}

/**
 * The independent random streams of one simulator, all derived from its seed. `reset()` restarts
 * every stream in place: the objects handed out stay the same, their sequences start over.
 */
export class SeededStreams {
  /** Request, message and callback ids, nonces, tokens: unique per start unless deterministic. */
  readonly ids: IdSource;
  /** Fault matchers and latency draws. */
  readonly faults: Random;
  /** Callback retry jitter. */
  readonly dispatcher: Random;
  /** Callback chaos draws (drops). */
  readonly chaos: Random;
  private readonly idRandom: RestartableRandom;
  private readonly perProvider = new Map<string, RestartableRandom>();
  private root: Random;

  constructor(
    private readonly seed: string,
    private readonly options: StreamOptions = { deterministicIds: true },
  ) {
    this.root = createRandom(seed);
    this.idRandom = new RestartableRandom(this.idStream());
    this.ids = createIdSource(this.idRandom);
    this.faults = new RestartableRandom(this.root.fork('faults'));
    this.dispatcher = new RestartableRandom(this.root.fork('dispatcher'));
    this.chaos = new RestartableRandom(this.root.fork('chaos'));
  }

  /** Behaviour follows the seed; identities also mix in a fresh salt unless deterministic. */
  private idStream(): Random {
    if (this.options.deterministicIds) return this.root.fork('ids');
    const salt = (this.options.salt ?? randomUUID)();
    return createRandom(`${this.seed}/ids/${salt}`);
  }

  /** Per-provider stream, for lifecycle delays, outcomes and generated data. */
  provider(id: string): Random {
    let random = this.perProvider.get(id);
    if (!random)
      this.perProvider.set(id, (random = new RestartableRandom(this.root.fork(`provider:${id}`))));
    return random;
  }

  /** Starts every stream over from the seed (and, unless deterministic, draws a new id salt). */
  reset(): void {
    this.root = createRandom(this.seed);
    this.idRandom.restart(this.idStream());
    (this.faults as RestartableRandom).restart(this.root.fork('faults'));
    (this.dispatcher as RestartableRandom).restart(this.root.fork('dispatcher'));
    (this.chaos as RestartableRandom).restart(this.root.fork('chaos'));
    for (const [id, random] of this.perProvider) random.restart(this.root.fork(`provider:${id}`));
  }
}

/** Derives every stream from `seed` with deterministic ids (the behaviour of earlier versions). */
export function createSeededStreams(seed: string, options?: StreamOptions): SeededStreams {
  return new SeededStreams(seed, options);
}
