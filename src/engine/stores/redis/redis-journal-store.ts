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
  /** The writer's size estimate of an entry or sub-event. */
  bytes: number;
}

/** Stream records kept per journal entry kept (an entry is followed by a few sub-events). */
const RECORDS_PER_ENTRY = 8;

/** Bytes a stream record takes beyond its data (id, field names, origin). */
const RECORD_OVERHEAD_BYTES = 64;

/**
 * Appends one record and trims the stream, atomically whichever replica appends: the oldest
 * records go while there are more than `maxLen` or their sizes add up to more than `maxBytes`
 * (the newest record always stays). Each record's size waits in a list beside the stream, in
 * stream order, with their running total in a counter. `clearing` drops every older record.
 * KEYS: stream, sizes, total. ARGV: maxLen, maxBytes, size, clearing, then the record's fields.
 */
const APPEND_SCRIPT = `
local maxLen = tonumber(ARGV[1])
local maxBytes = tonumber(ARGV[2])
local size = tonumber(ARGV[3])
local id = redis.call('XADD', KEYS[1], 'MAXLEN', '~', maxLen, '*', unpack(ARGV, 5))
redis.call('RPUSH', KEYS[2], id .. ' ' .. size)
local total = redis.call('INCRBY', KEYS[3], size)
local held = redis.call('LLEN', KEYS[2])
local dropped = 0
while held > 1 and (held > maxLen or total > maxBytes or ARGV[4] == '1') do
  local head = redis.call('LPOP', KEYS[2])
  local space = string.find(head, ' ', 1, true)
  total = redis.call('DECRBY', KEYS[3], tonumber(string.sub(head, space + 1)))
  held = held - 1
  dropped = dropped + 1
end
if dropped > 0 then
  local first = redis.call('LINDEX', KEYS[2], 0)
  redis.call('XTRIM', KEYS[1], 'MINID', string.sub(first, 1, string.find(first, ' ', 1, true) - 1))
end
return id
`;

function fieldsOf(raw: string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (let i = 0; i + 1 < raw.length; i += 2) out[raw[i]!] = raw[i + 1]!;
  return out;
}

/**
 * The journal shared by replicas: every write is appended to one Redis Stream (trimmed to
 * `capacity * 8` records and to `maxBytes` of records), and every replica follows the stream into
 * a local ring buffer bounded like the in-memory journal (`capacity` entries, `maxBytes` as the
 * recorder estimated them), which is what its admin API, `verify`, the inbox and live events
 * read. A replica sees its own writes at once and the others' within a stream read (milliseconds
 * on one network). Order across replicas is the order Redis appended them; `seq` numbers are each
 * replica's own.
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
    private readonly maxBytes: number,
    private readonly origin: string,
  ) {
    this.mirror = new RingJournal(capacity, maxBytes);
    this.reader = duplicateConnection(client);
    queue.defineScript('journalAppend', 3, APPEND_SCRIPT);
  }

  /** Opens the shared journal: replays what the stream holds, then follows it. */
  static async open(options: {
    client: Redis;
    queue: RedisWriteQueue;
    key: string;
    capacity: number;
    /** Most bytes of records the stream and each replica's ring keep (`journal.maxBytes`). */
    maxBytes?: number;
    origin: string;
  }): Promise<RedisJournalStore> {
    const store = new RedisJournalStore(
      options.queue,
      options.client,
      options.key,
      options.capacity,
      options.maxBytes ?? Number.POSITIVE_INFINITY,
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

  /** Estimated bytes this replica's ring holds, as the recorder measured them. */
  get bytes(): number {
    return this.mirror.bytes;
  }

  /**
   * Appends one record; `bytes` is the recorder's estimate, which the other replicas' rings count.
   * The stream itself counts each record's serialised size.
   */
  private append(type: RecordType, data: unknown, bytes = 0): void {
    const maxLen = Math.max(1000, this.mirror.capacity * RECORDS_PER_ENTRY);
    const serialised = JSON.stringify(data ?? null);
    // Lua reads numbers as doubles: an unbounded journal passes a bound no stream reaches.
    const maxBytes = Number.isFinite(this.maxBytes) ? this.maxBytes : Number.MAX_SAFE_INTEGER;
    this.queue.push([
      'journalAppend',
      this.key,
      `${this.key}:sizes`,
      `${this.key}:bytes`,
      maxLen,
      maxBytes,
      serialised.length + RECORD_OVERHEAD_BYTES,
      type === 'cleared' ? '1' : '0',
      't',
      type,
      'o',
      this.origin,
      'd',
      serialised,
      'b',
      bytes,
    ]);
  }

  add(entry: Omit<ServeEvent, 'seq'>, bytes?: number): ServeEvent {
    const stored = this.mirror.add(entry, bytes);
    const { seq: _seq, ...shared } = stored;
    this.append('entry', shared, bytes);
    return stored;
  }

  get(id: string): ServeEvent | undefined {
    return this.mirror.get(id);
  }

  /** Always: the shared stream takes every sub-event, and another replica may hold the entry yet. */
  holds(_id: string): boolean {
    return true;
  }

  addSubEvent(id: string, subEvent: SubEvent, bytes?: number): void {
    this.mirror.addSubEvent(id, subEvent, bytes);
    this.append('sub-event', { id, subEvent }, bytes);
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
        this.mirror.add(record.data as Omit<ServeEvent, 'seq'>, record.bytes);
        break;
      case 'sub-event': {
        const { id, subEvent } = record.data as { id: string; subEvent: SubEvent };
        this.mirror.addSubEvent(id, subEvent, record.bytes);
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
          bytes: Number(fields.b ?? 0) || 0,
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
