import { Queue, Worker, type Job } from 'bullmq';
import type { Redis } from 'ioredis';
import { duplicateConnection } from './redis-connection.js';

/** BullMQ refuses `:` in job ids (it separates its own keys). */
function jobIdOf(id: string): string {
  return id.replace(/:/g, '|');
}

/** Runs one kind of durable job from its plain-JSON data, on whichever replica picks it up. */
export type DurableHandler = (data: Record<string, unknown>, jobId: string) => Promise<void> | void;

/** Options of the shared queue. */
export interface DurableWorkOptions {
  client: Redis;
  /** Key prefix shared by the replicas (BullMQ's own keys go below it). */
  prefix: string;
  /**
   * Jobs one replica runs at once. A step or retry job lasts until its callback was answered (up
   * to `callbacks.timeoutMs`), so this bounds the callbacks a replica has in flight.
   */
  concurrency?: number;
  /**
   * Milliseconds a job a replica took may stay unacknowledged before another replica takes it
   * over (a replica killed mid-job). Shorter means faster recovery and more duplicates.
   */
  lockMs?: number;
}

/**
 * Lifecycle steps and callback retries as BullMQ delayed jobs shared by every replica: a job is
 * added with an idempotent id (adding it twice schedules it once), any replica's worker runs it
 * when due, and the jobs of a replica that dies run elsewhere. A job is acknowledged only once its
 * callback was answered (or its retry stored), so delivery is at least once: a job whose replica
 * died after its callback went out but before it was acknowledged runs again.
 */
export class DurableWorkQueue {
  private readonly handlers = new Map<string, DurableHandler>();
  private readonly queue: Queue;
  private worker: Worker | undefined;
  private readonly connections: Redis[] = [];

  constructor(private readonly options: DurableWorkOptions) {
    const connection = this.connection();
    this.queue = new Queue('provider-sim-work', {
      connection,
      prefix: `${options.prefix}:bull`,
      defaultJobOptions: { removeOnComplete: true, removeOnFail: 1000, attempts: 1 },
    });
    this.queue.on('error', () => undefined);
  }

  private connection(): Redis {
    const connection = duplicateConnection(this.options.client);
    this.connections.push(connection);
    return connection;
  }

  /** Says how jobs of `kind` run. Register every kind before `start()`. */
  handle(kind: string, handler: DurableHandler): void {
    this.handlers.set(kind, handler);
  }

  /** Starts this replica's worker. */
  start(): void {
    const lockDuration = this.options.lockMs ?? 5000;
    this.worker = new Worker(
      'provider-sim-work',
      async (job: Job) => {
        const handler = this.handlers.get(job.name);
        if (!handler) throw new Error(`no handler for durable job kind "${job.name}"`);
        await handler(job.data as Record<string, unknown>, job.id ?? '');
      },
      {
        connection: this.connection(),
        prefix: `${this.options.prefix}:bull`,
        concurrency: this.options.concurrency ?? 512,
        lockDuration,
        stalledInterval: Math.max(1000, Math.floor(lockDuration / 2)),
        maxStalledCount: 3,
      },
    );
    this.worker.on('error', () => undefined);
  }

  /** Schedules `kind` with `data` after `delayMs` real milliseconds, once per `id`. */
  async add(
    kind: string,
    id: string,
    delayMs: number,
    data: Record<string, unknown>,
  ): Promise<void> {
    await this.queue.add(kind, data, {
      jobId: jobIdOf(id),
      delay: Math.max(0, Math.round(delayMs)),
    });
  }

  /** Unschedules job `id` if it has not run. */
  async remove(id: string): Promise<void> {
    await this.queue.remove(jobIdOf(id)).catch(() => 0);
  }

  /** Jobs waiting or delayed, across every replica. */
  async pending(): Promise<number> {
    const counts = await this.queue.getJobCounts('waiting', 'delayed', 'active', 'prioritized');
    return Object.values(counts).reduce((sum, n) => sum + n, 0);
  }

  /** Drops every job (a reset of the cluster). */
  async clear(): Promise<void> {
    await this.queue.obliterate({ force: true });
  }

  /** Stops the worker (jobs it had not started stay for the others) and the queue. */
  async close(): Promise<void> {
    await this.worker?.close();
    await this.queue.close();
    for (const connection of this.connections) connection.disconnect();
  }
}
