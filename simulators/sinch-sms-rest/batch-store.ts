import type { Json, ProviderContext } from '../../src/engine/provider-api.js';
import { reportCode, type SinchSmsRestStatus } from './report-codes.js';

/** One recipient of a batch, with the times and outcome the simulator decided when it was accepted. */
export interface BatchRecipient {
  /** The number without `+`, as reports name it. */
  msisdn: string;
  /** The provider message id the engine tracks for this recipient. */
  messageId: string;
  /** The text after parameter substitution. */
  text: string;
  encoding: 'GSM' | 'UNICODE';
  parts: number;
  /** Epoch ms of dispatch (Queued before it). */
  dispatchAtMs: number;
  /** Epoch ms of the final status (Dispatched before it). */
  finalAtMs: number;
  /** Final delivery report code (`0` delivered, else a REST code). */
  code: string;
}

/** A batch as stored: its API representation and its recipients. Plain JSON only. */
export interface StoredBatch {
  /** The batch as the API answers it (the request echoed plus id, times and `canceled`). */
  batch: Record<string, Json>;
  recipients: BatchRecipient[];
  /** The recipient whose final step carries the batch report (`summary` / `full`). */
  reportCarrier?: string;
  /** Epoch ms of `DELETE`; recipients not final by then end as code 407. */
  canceledAtMs?: number;
  /** The service plan or project the batch belongs to. */
  owner: string;
  createdAtMs: number;
}

/** An engine message's `data`: its batch and, so steps and reports need not read the batch, its plan. */
export interface RecipientData {
  batchId: string;
  msisdn: string;
  /** Its place in the batch's recipients. */
  index: number;
  from: string;
  text: string;
  binary: boolean;
  encoding: BatchRecipient['encoding'];
  parts: number;
  dispatchAtMs: number;
  finalAtMs: number;
  code: string;
}

/** The recipient planned for an engine message, from its `data` (undefined when incomplete). */
export function plannedRecipient(messageId: string, data: unknown): BatchRecipient | undefined {
  const d = (data ?? {}) as Partial<RecipientData>;
  if (
    typeof d.msisdn !== 'string' ||
    typeof d.finalAtMs !== 'number' ||
    typeof d.dispatchAtMs !== 'number' ||
    typeof d.code !== 'string' ||
    (d.encoding !== 'GSM' && d.encoding !== 'UNICODE') ||
    typeof d.parts !== 'number'
  )
    return undefined;
  return {
    msisdn: d.msisdn,
    messageId,
    text: d.text ?? '',
    encoding: d.encoding,
    parts: d.parts,
    dispatchAtMs: d.dispatchAtMs,
    finalAtMs: d.finalAtMs,
    code: d.code,
  };
}

/**
 * What a recipient's report needs of its batch: the few fields reports echo, the times and the
 * report mode. Kept beside the batch so each per-recipient step and report reads a handful of
 * fields instead of copying a 1,000-recipient batch (which made a large batch quadratic).
 */
export interface BatchFacts {
  /** The batch's `id`, `from`, `client_reference` and `delivery_report` (the full view elsewhere). */
  batch: Record<string, Json>;
  reportCarrier?: string;
  canceledAtMs?: number;
  createdAtMs: number;
}

/** One received (MO) message as stored: the `mo_text` body. */
export interface StoredInbound {
  owner: string;
  receivedAtMs: number;
  body: Record<string, Json>;
}

/** A group as stored: its API representation; `members` are bare MSISDNs. */
export interface StoredGroup {
  owner: string;
  group: Record<string, Json>;
  members: string[];
}

const key = {
  batch: (id: string) => `batch:${id}`,
  facts: (id: string) => `batch-facts:${id}`,
  batches: 'batches',
  inbound: (id: string) => `inbound:${id}`,
  inbounds: 'inbounds',
  group: (id: string) => `group:${id}`,
  groups: 'groups',
  lastOriginator: (msisdn: string) => `last-originator:${msisdn}`,
};

type Store = ProviderContext<unknown>['store'];

/** Groups stay until deleted, as the real API keeps them (no 24-hour time to live). */
const LASTING = { lasting: true } as const;

const list = (store: Store, name: string): string[] =>
  (store.get(name) as string[] | undefined) ?? [];

/**
 * An append-only index of ids, one key per entry (`<name>:<n>`) plus a count, so adding is O(1)
 * however many batches were sent (one growing list would be copied on every send). Entries are
 * written and read oldest first, so the store (least recently used goes first) evicts them oldest
 * first too, and those still held are always the newest: a suffix of the numbers.
 */
const appendOnly = {
  add(store: Store, name: string, id: string): void {
    const count = (store.get(`${name}:count`) as number | undefined) ?? 0;
    store.set(`${name}:${count}`, id);
    store.set(`${name}:count`, count + 1);
  },
  /** The ids still held, newest first. */
  newestFirst(store: Store, name: string): string[] {
    const count = (store.get(`${name}:count`) as number | undefined) ?? 0;
    // Find where the held suffix starts with `has`, which does not touch an entry's recency.
    let first = 0;
    let end = count;
    while (first < end) {
      const mid = (first + end) >>> 1;
      if (store.has(`${name}:${mid}`)) end = mid;
      else first = mid + 1;
    }
    const ids: string[] = [];
    for (let n = first; n < count; n++) {
      const id = store.get(`${name}:${n}`);
      if (typeof id === 'string') ids.push(id);
    }
    return ids.reverse();
  },
};

/** The values of `ids` still held (a key evicted or expired is skipped). */
function present<T>(store: Store, ids: readonly string[], keyOf: (id: string) => string): T[] {
  const out: T[] = [];
  for (const id of ids) {
    const value = store.get(keyOf(id)) as T | undefined;
    if (value !== undefined) out.push(value);
  }
  return out;
}

const REPORTED_FIELDS = ['id', 'from', 'client_reference', 'delivery_report'] as const;

function factsOf(stored: StoredBatch): BatchFacts {
  const batch: Record<string, Json> = {};
  for (const field of REPORTED_FIELDS)
    if (stored.batch[field] !== undefined) batch[field] = stored.batch[field];
  return {
    batch,
    createdAtMs: stored.createdAtMs,
    ...(stored.reportCarrier !== undefined && { reportCarrier: stored.reportCarrier }),
    ...(stored.canceledAtMs !== undefined && { canceledAtMs: stored.canceledAtMs }),
  };
}

/** Reads and writes batches, inbounds and groups in the provider store (values are replaced, never mutated). */
export const batchStore = {
  getBatch: (store: Store, id: string) => store.get(key.batch(id)) as StoredBatch | undefined,
  putBatch(store: Store, stored: StoredBatch): void {
    const id = stored.batch.id as string;
    if (!store.has(key.batch(id))) appendOnly.add(store, key.batches, id);
    store.set(key.batch(id), stored);
    store.set(key.facts(id), factsOf(stored));
  },
  /** The batch's report facts, without its recipients. */
  getFacts: (store: Store, id: string) => store.get(key.facts(id)) as BatchFacts | undefined,
  /** Every batch of `owner`, newest first. */
  batches(store: Store, owner: string): StoredBatch[] {
    return present<StoredBatch>(
      store,
      appendOnly.newestFirst(store, key.batches),
      key.batch,
    ).filter((b) => b.owner === owner);
  },
  getInbound: (store: Store, id: string) => store.get(key.inbound(id)) as StoredInbound | undefined,
  putInbound(store: Store, id: string, inbound: StoredInbound): void {
    appendOnly.add(store, key.inbounds, id);
    store.set(key.inbound(id), inbound);
  },
  /** Every inbound, newest first (of `owner`, when given). */
  inbounds(store: Store, owner?: string): StoredInbound[] {
    return present<StoredInbound>(
      store,
      appendOnly.newestFirst(store, key.inbounds),
      key.inbound,
    ).filter((i) => owner === undefined || i.owner === owner);
  },
  getGroup: (store: Store, id: string) => store.get(key.group(id)) as StoredGroup | undefined,
  putGroup(store: Store, id: string, group: StoredGroup): void {
    if (!store.has(key.group(id))) store.set(key.groups, [...list(store, key.groups), id], LASTING);
    store.set(key.group(id), group, LASTING);
  },
  deleteGroup(store: Store, id: string): void {
    store.delete(key.group(id));
    store.set(
      key.groups,
      list(store, key.groups).filter((g) => g !== id),
      LASTING,
    );
  },
  groups(store: Store, owner: string): StoredGroup[] {
    return present<StoredGroup>(store, list(store, key.groups), key.group).filter(
      (g) => g.owner === owner,
    );
  },
  /** The originator of the latest batch to `msisdn`, so a reply goes to the number that wrote. */
  lastOriginator: (store: Store, msisdn: string) =>
    store.get(key.lastOriginator(msisdn)) as string | undefined,
  setLastOriginator: (store: Store, msisdn: string, from: string) =>
    store.set(key.lastOriginator(msisdn), from),
};

/** Where one recipient stands at `now`: its code, status and the time it got there. */
export function recipientState(
  stored: BatchFacts,
  recipient: BatchRecipient,
  now: number,
): { code: string; status: SinchSmsRestStatus; atMs: number } {
  const canceled = stored.canceledAtMs;
  if (canceled !== undefined && canceled < recipient.finalAtMs && canceled <= now) {
    return { code: '407', status: 'Aborted', atMs: Math.max(canceled, stored.createdAtMs) };
  }
  if (now < recipient.dispatchAtMs)
    return { code: '400', status: 'Queued', atMs: stored.createdAtMs };
  if (now < recipient.finalAtMs)
    return { code: '401', status: 'Dispatched', atMs: recipient.dispatchAtMs };
  return {
    code: recipient.code,
    status: reportCode(recipient.code).status,
    atMs: recipient.finalAtMs,
  };
}
