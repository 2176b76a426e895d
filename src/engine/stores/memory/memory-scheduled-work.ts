import type { ScheduledJob, ScheduledWorkStore } from '../scheduled-work.js';

interface Entry {
  job: ScheduledJob;
  /** Insertion order, so jobs due at the same time run in the order they were added. */
  seq: number;
  /** Position in the heap array, kept current so removal by id is `O(log n)`. */
  index: number;
}

/** Scheduled work in a binary min-heap on (due time, insertion order), with an id index. */
export class MemoryScheduledWork implements ScheduledWorkStore {
  private readonly heap: Entry[] = [];
  private readonly byId = new Map<string, Entry>();
  private seq = 0;

  get size(): number {
    return this.heap.length;
  }

  add(job: ScheduledJob): void {
    if (this.byId.has(job.id)) throw new Error(`scheduled job "${job.id}" already exists`);
    const entry: Entry = { job, seq: this.seq++, index: this.heap.length };
    this.heap.push(entry);
    this.byId.set(job.id, entry);
    this.up(entry.index);
  }

  remove(id: string): boolean {
    const entry = this.byId.get(id);
    if (!entry) return false;
    this.removeAt(entry.index);
    return true;
  }

  peek(): ScheduledJob | undefined {
    return this.heap[0]?.job;
  }

  popDue(now: number): ScheduledJob | undefined {
    const first = this.heap[0];
    if (!first || first.job.dueAt > now) return undefined;
    this.removeAt(0);
    return first.job;
  }

  clear(): void {
    this.heap.length = 0;
    this.byId.clear();
  }

  private removeAt(index: number): void {
    const entry = this.heap[index]!;
    this.byId.delete(entry.job.id);
    const last = this.heap.pop()!;
    if (last === entry) return;
    last.index = index;
    this.heap[index] = last;
    this.up(index);
    this.down(last.index);
  }

  private less(a: Entry, b: Entry): boolean {
    return a.job.dueAt < b.job.dueAt || (a.job.dueAt === b.job.dueAt && a.seq < b.seq);
  }

  private swap(i: number, j: number): void {
    const a = this.heap[i]!;
    const b = this.heap[j]!;
    this.heap[i] = b;
    this.heap[j] = a;
    a.index = j;
    b.index = i;
  }

  private up(index: number): void {
    let i = index;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.less(this.heap[i]!, this.heap[parent]!)) return;
      this.swap(i, parent);
      i = parent;
    }
  }

  private down(index: number): void {
    let i = index;
    for (;;) {
      const left = 2 * i + 1;
      const right = left + 1;
      let smallest = i;
      if (left < this.heap.length && this.less(this.heap[left]!, this.heap[smallest]!))
        smallest = left;
      if (right < this.heap.length && this.less(this.heap[right]!, this.heap[smallest]!))
        smallest = right;
      if (smallest === i) return;
      this.swap(i, smallest);
      i = smallest;
    }
  }
}
