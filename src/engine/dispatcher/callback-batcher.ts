import type { Scheduler } from '../scheduler.js';

/** How callback events are grouped into one request. */
export interface BatchSettings {
  /** Most events in one callback request (1 = no grouping). */
  maxEvents: number;
  /** How long the first event of a group waits for company before the group is sent. */
  windowMs: number;
}

/** Groups items by key until `maxEvents` are waiting or `windowMs` has passed, then flushes them together. */
export class CallbackBatcher<T> {
  private readonly open = new Map<string, T[]>();

  constructor(
    private readonly scheduler: Scheduler,
    private readonly flush: (key: string, items: T[]) => void,
  ) {}

  add(key: string, item: T, settings: BatchSettings): void {
    if (settings.maxEvents <= 1) {
      this.flush(key, [item]);
      return;
    }
    let group = this.open.get(key);
    if (!group) {
      group = [];
      this.open.set(key, group);
      const opened = group;
      this.scheduler.after(settings.windowMs, () => this.close(key, opened));
    }
    group.push(item);
    if (group.length >= settings.maxEvents) this.close(key, group);
  }

  private close(key: string, group: T[]): void {
    if (this.open.get(key) !== group) return;
    this.open.delete(key);
    this.flush(key, group);
  }
}
