import { Redis } from 'ioredis';
import { SimError } from '../../errors.js';

/** How the simulator reaches the Redis that replicas share. */
export interface RedisOptions {
  /** `redis://[user:password@]host:port[/db]`. */
  url: string;
  /** Prefix of every key, stream and channel, so several simulators can share one Redis. */
  keyPrefix: string;
  /** Milliseconds to wait for the first connection before giving up at start. */
  connectTimeoutMs: number;
}

/** The URL with any password masked, for messages and logs. */
export function maskRedisUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return url.replace(/\/\/[^@/]*@/, '//***@');
  }
}

/** Reconnect delay after `times` failed attempts: doubling from 50 ms, at most 2 s. */
export function reconnectDelayMs(times: number): number {
  return Math.min(2000, 50 * 2 ** Math.min(times, 6));
}

/**
 * Opens a connection and waits until Redis answers PING. A wrong or unreachable URL fails here,
 * at start, with a message naming the URL and the error. Once connected, a lost connection is
 * retried with backoff for as long as it takes, and commands issued meanwhile fail at once (the
 * request path answers the provider's native 503) instead of queueing without bound.
 */
export async function connectRedis(options: RedisOptions): Promise<Redis> {
  let parsed: URL;
  try {
    parsed = new URL(options.url);
  } catch {
    throw new SimError('invalid-config', '/state/redis', `--redis: "${options.url}" is not a URL`, {
      expected: 'redis://host:port',
      actual: options.url,
    });
  }
  if (parsed.protocol !== 'redis:' && parsed.protocol !== 'rediss:') {
    throw new SimError(
      'invalid-config',
      '/state/redis',
      `--redis: "${maskRedisUrl(options.url)}" must start with redis:// or rediss://`,
      { expected: 'redis://host:port', actual: options.url },
    );
  }
  const client = new Redis(options.url, {
    lazyConnect: true,
    connectTimeout: options.connectTimeoutMs,
    maxRetriesPerRequest: 1,
    enableOfflineQueue: false,
    retryStrategy: reconnectDelayMs,
  });
  // Errors while running are reported through failed commands; an unhandled 'error' event would crash.
  client.on('error', () => undefined);
  try {
    await client.connect();
    await client.ping();
  } catch (error) {
    client.disconnect();
    throw new SimError(
      'redis-unreachable',
      '/state/redis',
      `--redis: cannot reach ${maskRedisUrl(options.url)}: ${(error as Error).message}`,
      { expected: 'a reachable Redis server', actual: maskRedisUrl(options.url) },
    );
  }
  return client;
}

/** A second connection to the same server (blocking reads and subscriptions need their own). */
export function duplicateConnection(client: Redis): Redis {
  const copy = client.duplicate({ enableOfflineQueue: true, maxRetriesPerRequest: null });
  copy.on('error', () => undefined);
  return copy;
}
