import type { Redis } from 'ioredis';

/**
 * One token taken from a bucket kept in a Redis hash, atomically (a Lua script), so a throttle
 * holds across replicas. Time comes from the caller (the injected clock), not from Redis.
 * KEYS[1] bucket; ARGV: rate per second, burst, now (ms), ttl (ms).
 */
const TAKE = `
local rate = tonumber(ARGV[1])
local burst = tonumber(ARGV[2])
local now = tonumber(ARGV[3])
local state = redis.call('HMGET', KEYS[1], 'tokens', 'at')
local tokens = tonumber(state[1]) or burst
local at = tonumber(state[2]) or now
tokens = math.min(burst, tokens + math.max(0, now - at) / 1000 * rate)
local ok = 0
if tokens >= 1 then
  tokens = tokens - 1
  ok = 1
end
redis.call('HSET', KEYS[1], 'tokens', tostring(tokens), 'at', tostring(now))
redis.call('PEXPIRE', KEYS[1], ARGV[4])
if ok == 1 then return {1, 0} end
return {0, math.ceil((1 - tokens) / rate * 1000)}
`;

/** What taking a token said. */
export type TakeResult = { ok: true } | { ok: false; retryAfterMs: number };

/** Token buckets shared by replicas. */
export class RedisTokenBuckets {
  constructor(
    private readonly client: Redis,
    private readonly prefix: string,
  ) {}

  /** Takes one token from bucket `key` (`burst` tokens, refilled at `ratePerSecond`). */
  async take(
    key: string,
    ratePerSecond: number,
    burst: number,
    nowMs: number,
  ): Promise<TakeResult> {
    const ttlMs = Math.max(1000, Math.ceil((burst / ratePerSecond) * 1000) * 2);
    const [ok, retryAfterMs] = (await this.client.eval(
      TAKE,
      1,
      `${this.prefix}:bucket:${key}`,
      ratePerSecond,
      burst,
      nowMs,
      ttlMs,
    )) as [number, number];
    return ok === 1 ? { ok: true } : { ok: false, retryAfterMs };
  }
}
