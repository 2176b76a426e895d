import type { Redis } from 'ioredis';
import { duplicateConnection } from './redis-connection.js';

/** A cluster-wide announcement: which shared document changed, or a reset. */
export interface ControlMessage {
  type: 'document-changed' | 'reset';
  /** The document's name, for `document-changed`. */
  name?: string;
  origin: string;
}

/**
 * Small shared documents (the fault rules added at run time) and cluster-wide announcements
 * (reset). A document is stored whole under `<prefix>:doc:<name>` and every change is announced,
 * so each replica reloads it; the last writer wins.
 */
export class RedisControlChannel {
  private readonly subscriber: Redis;
  private readonly channel: string;
  private readonly listeners = new Set<(message: ControlMessage) => void>();

  private constructor(
    private readonly client: Redis,
    private readonly prefix: string,
    readonly origin: string,
  ) {
    this.channel = `${prefix}:control`;
    this.subscriber = duplicateConnection(client);
  }

  /** Subscribes to the announcements. */
  static async open(options: {
    client: Redis;
    prefix: string;
    origin: string;
  }): Promise<RedisControlChannel> {
    const channel = new RedisControlChannel(options.client, options.prefix, options.origin);
    channel.subscriber.on('message', (_name: string, raw: string) => channel.receive(raw));
    await channel.subscriber.subscribe(channel.channel);
    return channel;
  }

  private receive(raw: string): void {
    let message: ControlMessage;
    try {
      message = JSON.parse(raw) as ControlMessage;
    } catch {
      return;
    }
    if (message.origin === this.origin) return;
    for (const listener of this.listeners) {
      try {
        listener(message);
      } catch {
        // One listener failing must not stop the others.
      }
    }
  }

  /** Calls `listener` for every announcement another replica makes. */
  onMessage(listener: (message: ControlMessage) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Reads document `name` (undefined when never written). */
  async read<T>(name: string): Promise<T | undefined> {
    const raw = await this.client.get(`${this.prefix}:doc:${name}`);
    return raw === null ? undefined : (JSON.parse(raw) as T);
  }

  /** Writes document `name` and tells the other replicas. */
  async write(name: string, value: unknown): Promise<void> {
    await this.client.set(`${this.prefix}:doc:${name}`, JSON.stringify(value));
    await this.announce({ type: 'document-changed', name });
  }

  /** Tells the other replicas something happened here (e.g. a reset). */
  async announce(message: Omit<ControlMessage, 'origin'>): Promise<void> {
    await this.client.publish(this.channel, JSON.stringify({ ...message, origin: this.origin }));
  }

  /** Stops listening. */
  close(): void {
    this.subscriber.disconnect();
  }
}
