/** A seeded source of randomness; every random choice in the simulator draws from one of these. */
export interface Random {
  /** A float in [0, 1). */
  next(): number;
  /** An integer in [min, max], both inclusive. */
  int(min: number, max: number): number;
  /** True with probability `p`. */
  chance(p: number): boolean;
  /** `length` characters drawn from `alphabet`. */
  string(length: number, alphabet?: string): string;
  /** An independent stream derived from this one's seed and `label`: draws on it never shift draws here. */
  fork(label: string): Random;
}

/** Hashes a string to a 32-bit seed (FNV-1a followed by a murmur-style finaliser for avalanche). */
function hashSeed(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** Most characters handed to one `String.fromCharCode` call. */
const MAX_SPREAD = 4096;

const ALPHANUMERIC = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

/** Creates a deterministic generator (mulberry32) from a seed of any string or number. */
export function createRandom(seed: string | number): Random {
  const seedText = String(seed);
  let state = hashSeed(seedText);
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const random: Random = {
    next,
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    chance: (p) => p > 0 && next() < p,
    string(length, alphabet = ALPHANUMERIC) {
      // Built from char codes in one go: appending character by character leaves a chain of
      // concatenation nodes (one per character past the 13th) that every id held in memory keeps.
      const codes = new Array<number>(length);
      for (let i = 0; i < length; i++) {
        codes[i] = alphabet.charCodeAt(Math.floor(next() * alphabet.length));
      }
      if (length <= MAX_SPREAD) return String.fromCharCode(...codes);
      // A long string in slices: a spread call takes only so many arguments.
      let out = '';
      for (let at = 0; at < length; at += MAX_SPREAD) {
        out += String.fromCharCode(...codes.slice(at, at + MAX_SPREAD));
      }
      return out;
    },
    fork: (label) => createRandom(`${seedText}/${label}`),
  };
  return random;
}
