import type { Redis } from 'ioredis';
import type { JournalQuery } from '../../journal/query.js';
import type { ServeEvent, SubEvent } from '../../journal/serve-event.js';
import type { JournalChange, JournalStore } from '../journal-store.js';
import { RingJournal } from '../memory/ring-journal-store.js';
import { duplicateConnection } from './redis-connection.js';
import type { RedisWriteQueue } from './redis-write-queue.js';

/** Record types on the journal stream. */
type RecordType = 'entry' | 'sub-event' | 'status' | 'cleared';

interface StreamRecord {
  type: RecordType;
  origin: string;
  data: unknown;
}

/** Stream records kept per journal entry kept (an entry is followed by a few sub-events). */
const RECORDS_PER_ENTRY = 8;

function fieldsOf(raw: string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (let i = 0; i + 1 < raw.length; i += 2) out[raw[i]!] = raw[i + 1]!;
  return out;
}

/**
 * The journal shared by replicas: every write is appended to one Redis Stream (trimmed to about
 * `capacity * 8` records), and every replica follows the stream into a local ring buffer, which
 * is what its admin API, `verify`, the inbox and live events read. A replica sees its own writes
 * at once and the others' within a stream read (milliseconds on one network). Order across
 * replicas is the order Redis appended them; `seq` numbers are each replica's own.
 */
export class RedisJournalStore implements JournalStore {
  private readonly mirror: RingJournal;
  private readonly reader: Redis;
  private lastId = '0-0';
  private following = true;
  private loop: Promise<void> | undefined;

  private constructor(
    private readonly queue: RedisWriteQueue,
    client: Redis,
    private readonly key: string,
    capacity: number,
    private readonly origin: string,
  ) {
    this.mirror = new RingJournal(capacity);
    this.reader = duplicateConnection(client);
  }

  /** Opens the shared journal: replays what the stream holds, then follows it. */
  static async open(options: {
    client: Redis;
    queue: RedisWriteQueue;
    key: string;
    capacity: number;
    origin: string;
  }): Promise<RedisJournalStore> {
    const store = new RedisJournalStore(
      options.queue,
      options.client,
      options.key,
      options.capacity,
      options.origin,
    );
    await store.replay(options.client);
    store.loop = store.follow();
    return store;
  }

  get capacity(): number {
    return this.mirror.capacity;
  }

  get recorded(): number {
    return this.mirror.recorded;
  }

  get size(): number {
    return this.mirror.size;
  }

  private append(type: RecordType, data: unknown): void {
    const maxLen = Math.max(1000, this.mirror.capacity * RECORDS_PER_ENTRY);
    this.queue.push([
      'XADD',
      this.key,
      'MAXLEN',
      '~',
      maxLen,
      '*',
      't',
      type,
      'o',
      this.origin,
      'd',
      JSON.stringify(data ?? null),
    ]);
  }

  add(entry: Omit<ServeEvent, 'seq'>): ServeEvent {
    const stored = this.mirror.add(entry);
    const { seq: _seq, ...shared } = stored;
    this.append('entry', shared);
    return stored;
  }

  get(id: string): ServeEvent | undefined {
    return this.mirror.get(id);
  }

  addSubEvent(id: string, subEvent: SubEvent): void {
    this.mirror.addSubEvent(id, subEvent);
    this.append('sub-event', { id, subEvent });
  }

  setMessageStatus(id: string, messageId: string, status: string): void {
    this.mirror.setMessageStatus(id, messageId, status);
    this.append('status', { id, messageId, status });
  }

  list(query?: JournalQuery): ServeEvent[] {
    return this.mirror.list(query);
  }

  clear(): void {
    this.mirror.clear();
    this.append('cleared', null);
  }

  subscribe(listener: (change: JournalChange) => void): () => void {
    return this.mirror.subscribe(listener);
  }

  private apply(record: StreamRecord): void {
    switch (record.type) {
      case 'entry':
        this.mirror.add(record.data as Omit<ServeEvent, 'seq'>);
        break;
      case 'sub-event': {
        const { id, subEvent } = record.data as { id: string; subEvent: SubEvent };
        this.mirror.addSubEvent(id, subEvent);
        break;
      }
      case 'status': {
        const { id, messageId, status } = record.data as Record<string, string>;
        this.mirror.setMessageStatus(id!, messageId!, status!);
        break;
      }
      case 'cleared':
        this.mirror.clear();
        break;
    }
  }

  private ingest(entries: [id: string, fields: string[]][], includeOwn: boolean): void {
    for (const [id, raw] of entries) {
      this.lastId = id;
      const fields = fieldsOf(raw);
      if (!includeOwn && fields.o === this.origin) continue;
      try {
        this.apply({
          type: fields.t as RecordType,
          origin: fields.o ?? '',
          data: JSON.parse(fields.d ?? 'null'),
        });
      } catch {
        // A record this version cannot read is skipped; the journal goes on.
      }
    }
  }

  /** Loads the newest records the stream holds (what a replica that starts late should see). */
  private async replay(client: Redis): Promise<void> {
    const count = Math.max(1000, this.mirror.capacity * RECORDS_PER_ENTRY);
    const newest = (await client.xrevrange(this.key, '+', '-', 'COUNT', count)) as [
      string,
      string[],
    ][];
    this.ingest(newest.reverse(), true);
  }

  private async follow(): Promise<void> {
    while (this.following) {
      try {
        const answer = await this.reader.xread(
          'COUNT',
          1000,
          'BLOCK',
          1000,
          'STREAMS',
          this.key,
          this.lastId,
        );
        if (answer) for (const [, entries] of answer) this.ingest(entries, false);
      } catch {
        if (!this.following) break;
        // Redis is away: wait and read on from the last record seen once it is back.
        await new Promise((resolve) => setTimeout(resolve, 250));
      }
    }
  }

  /** Stops following the stream. */
  async close(): Promise<void> {
    this.following = false;
    this.reader.disconnect();
    await this.loop?.catch(() => undefined);
  }
}
