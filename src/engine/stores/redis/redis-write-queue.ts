import type { Redis } from 'ioredis';

/** One command the queue sends: the name and its arguments, as ioredis `call` takes them. */
export type QueuedCommand = [command: string, ...args: (string | number)[]];

/** Counts a write queue reports, for health and metrics. */
export interface WriteQueueStats {
  /** Commands waiting to be sent (kept while Redis is away). */
  pending: number;
  /** Commands given up because the queue was full during a long outage. */
  dropped: number;
}

/**
 * Sends writes to Redis off the request path, in order, pipelined. While Redis is unreachable the
 * commands wait (at most `limit`; past that the oldest are dropped and counted) and go out once it
 * is back, so what a replica recorded during a short outage is not lost.
 */
export class RedisWriteQueue {
  private readonly queue: QueuedCommand[] = [];
  private flushing = false;
  private retryTimer: NodeJS.Timeout | undefined;
  private closed = false;
  private droppedCount = 0;
  /** Names of the Lua scripts defined through `defineScript`. */
  private readonly scripts = new Set<string>();

  constructor(
    private readonly client: Redis,
    private readonly limit = 100_000,
    private readonly onError: (error: Error) => void = () => undefined,
  ) {}

  /** What is waiting and what was given up. */
  get stats(): WriteQueueStats {
    return { pending: this.queue.length, dropped: this.droppedCount };
  }

  /**
   * Defines a Lua script that queued commands may name like a command (its keys first). ioredis
   * sends it by hash and loads it again when Redis lost it (a restart).
   */
  defineScript(name: string, numberOfKeys: number, lua: string): void {
    this.client.defineCommand(name, { numberOfKeys, lua });
    this.scripts.add(name);
  }

  /** Queues `command`; it is sent on the next tick with everything queued meanwhile. */
  push(command: QueuedCommand): void {
    if (this.closed) return;
    this.queue.push(command);
    if (this.queue.length > this.limit) {
      this.queue.shift();
      this.droppedCount++;
    }
    if (!this.flushing && this.retryTimer === undefined) queueMicrotask(() => void this.flush());
  }

  /** Sends everything queued; resolves once Redis took it (or failed, leaving it queued). */
  async flush(): Promise<void> {
    if (this.flushing) return;
    this.flushing = true;
    try {
      while (this.queue.length > 0 && !this.closed) {
        const batch = this.queue.slice(0, 1000);
        const pipeline = this.client.pipeline();
        for (const [command, ...args] of batch) {
          if (this.scripts.has(command)) {
            (pipeline as unknown as Record<string, (...a: unknown[]) => unknown>)[command]!(
              ...args,
            );
          } else pipeline.call(command, ...args);
        }
        const results = await pipeline.exec();
        const failed = results?.find(([error]) => error !== null)?.[0];
        // A connection error fails the whole batch: keep it and try again once Redis is back.
        if (failed && /connection|closed|ECONN|stream isn't writeable/i.test(failed.message)) {
          throw failed;
        }
        this.queue.splice(0, batch.length);
      }
    } catch (error) {
      this.onError(error as Error);
      this.retryTimer ??= setTimeout(() => {
        this.retryTimer = undefined;
        void this.flush();
      }, 250);
      this.retryTimer.unref();
    } finally {
      this.flushing = false;
    }
  }

  /** Sends what is queued (within `timeoutMs`) and stops taking writes. */
  async close(timeoutMs = 2000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (this.queue.length > 0 && Date.now() < deadline) {
      await this.flush();
      if (this.queue.length > 0) await new Promise((resolve) => setTimeout(resolve, 50));
    }
    this.closed = true;
    if (this.retryTimer) clearTimeout(this.retryTimer);
  }
}
