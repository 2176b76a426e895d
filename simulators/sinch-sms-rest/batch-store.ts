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
  batches: 'batches',
  inbound: (id: string) => `inbound:${id}`,
  inbounds: 'inbounds',
  group: (id: string) => `group:${id}`,
  groups: 'groups',
  lastOriginator: (msisdn: string) => `last-originator:${msisdn}`,
};

type Store = ProviderContext<unknown>['store'];

const list = (store: Store, name: string): string[] =>
  (store.get(name) as string[] | undefined) ?? [];

/** Reads and writes batches, inbounds and groups in the provider store (values are replaced, never mutated). */
export const batchStore = {
  getBatch: (store: Store, id: string) => store.get(key.batch(id)) as StoredBatch | undefined,
  putBatch(store: Store, stored: StoredBatch): void {
    const id = stored.batch.id as string;
    if (!store.has(key.batch(id))) store.set(key.batches, [...list(store, key.batches), id]);
    store.set(key.batch(id), stored);
  },
  /** Every batch of `owner`, newest first. */
  batches(store: Store, owner: string): StoredBatch[] {
    return list(store, key.batches)
      .map((id) => store.get(key.batch(id)) as StoredBatch)
      .filter((b) => b.owner === owner)
      .reverse();
  },
  getInbound: (store: Store, id: string) => store.get(key.inbound(id)) as StoredInbound | undefined,
  putInbound(store: Store, id: string, inbound: StoredInbound): void {
    store.set(key.inbounds, [...list(store, key.inbounds), id]);
    store.set(key.inbound(id), inbound);
  },
  /** Every inbound, newest first (of `owner`, when given). */
  inbounds(store: Store, owner?: string): StoredInbound[] {
    return list(store, key.inbounds)
      .map((id) => store.get(key.inbound(id)) as StoredInbound)
      .filter((i) => owner === undefined || i.owner === owner)
      .reverse();
  },
  getGroup: (store: Store, id: string) => store.get(key.group(id)) as StoredGroup | undefined,
  putGroup(store: Store, id: string, group: StoredGroup): void {
    if (!store.has(key.group(id))) store.set(key.groups, [...list(store, key.groups), id]);
    store.set(key.group(id), group);
  },
  deleteGroup(store: Store, id: string): void {
    store.delete(key.group(id));
    store.set(
      key.groups,
      list(store, key.groups).filter((g) => g !== id),
    );
  },
  groups(store: Store, owner: string): StoredGroup[] {
    return list(store, key.groups)
      .map((id) => store.get(key.group(id)) as StoredGroup)
      .filter((g) => g.owner === owner);
  },
  /** The originator of the latest batch to `msisdn`, so a reply goes to the number that wrote. */
  lastOriginator: (store: Store, msisdn: string) =>
    store.get(key.lastOriginator(msisdn)) as string | undefined,
  setLastOriginator: (store: Store, msisdn: string, from: string) =>
    store.set(key.lastOriginator(msisdn), from),
};

/** Where one recipient stands at `now`: its code, status and the time it got there. */
export function recipientState(
  stored: StoredBatch,
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
