import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/engine/clock.js';
import { BoundedMemoryStore } from '../../src/engine/stores/memory/bounded-memory-store.js';
import { createRandom } from '../../src/engine/random.js';
import { acceptBatch } from './accept-batch.js';
import { batchStore, plannedRecipient, type StoredBatch } from './batch-store.js';
import { sinchSmsRestLifecycle } from './lifecycle.js';
import { SINCH_SMS_REST_DEFAULTS } from './settings.js';

const batch = (id: string, owner = 'plan'): StoredBatch => ({
  batch: { id, from: '12345', client_reference: `ref-${id}`, to: ['46700000001'] },
  recipients: [
    {
      msisdn: '46700000001',
      messageId: `${id}.46700000001`,
      text: 'Hi',
      encoding: 'GSM',
      parts: 1,
      dispatchAtMs: 1,
      finalAtMs: 2,
      code: '0',
    },
  ],
  owner,
  createdAtMs: 0,
});

describe('batch store', () => {
  it('lists batches newest first, of their owner only', () => {
    const store = new BoundedMemoryStore(new ManualClock(0));
    for (const [id, owner] of [
      ['A', 'plan'],
      ['B', 'other'],
      ['C', 'plan'],
    ] as const)
      batchStore.putBatch(store, batch(id, owner));
    batchStore.putBatch(store, batch('A'));
    expect(batchStore.batches(store, 'plan').map((b) => b.batch.id)).toEqual(['C', 'A']);
  });

  it('lists only the newest batches once the store has evicted the oldest, without a gap', () => {
    const store = new BoundedMemoryStore(new ManualClock(0), { maxKeys: 40, ttlMs: 60_000 });
    for (let i = 0; i < 30; i++) batchStore.putBatch(store, batch(`B${i}`));
    const listed = batchStore
      .batches(store, 'plan')
      .map((b) => Number((b.batch.id as string).slice(1)));
    expect(listed.length).toBeGreaterThan(0);
    expect(listed.length).toBeLessThan(30);
    // Newest first and consecutive: what is left is the most recent run of batches.
    expect(listed[0]).toBe(29);
    expect(listed).toEqual(listed.map((_, i) => 29 - i));
    // Listing again (which reads every entry) does not make older entries outlive newer ones.
    for (let i = 30; i < 40; i++) batchStore.putBatch(store, batch(`B${i}`));
    const again = batchStore
      .batches(store, 'plan')
      .map((b) => Number((b.batch.id as string).slice(1)));
    expect(again[0]).toBe(39);
    expect(again).toEqual(again.map((_, i) => 39 - i));
  });

  it('keeps the report facts of a batch apart from its recipients', () => {
    const store = new BoundedMemoryStore(new ManualClock(0));
    batchStore.putBatch(store, { ...batch('F'), reportCarrier: '46700000001', canceledAtMs: 5 });
    expect(batchStore.getFacts(store, 'F')).toEqual({
      batch: { id: 'F', from: '12345', client_reference: 'ref-F' },
      createdAtMs: 0,
      reportCarrier: '46700000001',
      canceledAtMs: 5,
    });
  });

  it('reads a recipient plan from message data, and nothing from incomplete data', () => {
    const data = {
      batchId: 'F',
      msisdn: '46700000001',
      index: 0,
      from: '12345',
      text: 'Hi',
      binary: false,
      encoding: 'GSM',
      parts: 1,
      dispatchAtMs: 1,
      finalAtMs: 2,
      code: '0',
    };
    expect(plannedRecipient('F.46700000001', data)).toEqual(batch('F').recipients[0]);
    expect(plannedRecipient('F.46700000001', { ...data, finalAtMs: undefined })).toBeUndefined();
    expect(plannedRecipient('F.46700000001', undefined)).toBeUndefined();
  });
});

describe('a large batch', () => {
  it('plans each recipient from the message, reading the stored batch once, not once per recipient', () => {
    const clock = new ManualClock(0);
    const memory = new BoundedMemoryStore(clock);
    let batchReads = 0;
    const store = {
      get: (key: string) => {
        if (key.startsWith('batch:')) batchReads++;
        return memory.get(key);
      },
      set: (key: string, value: unknown) => memory.set(key, value),
      has: (key: string) => memory.has(key),
      delete: (key: string) => memory.delete(key),
      clear: () => memory.clear(),
    };
    let n = 0;
    const context = {
      providerId: 'sinch-sms-rest',
      settings: SINCH_SMS_REST_DEFAULTS,
      clock,
      random: createRandom('batch'),
      ids: { next: (prefix = '') => `${prefix}${n++}` },
      validateSchema: () => [],
      store,
    };
    const to = Array.from({ length: 1000 }, (_, i) => `4670${String(i).padStart(6, '0')}01`);
    const request = {
      id: 'r',
      method: 'POST',
      path: '/xms/v1/plan/batches',
      fullPath: '/sinch-sms-rest/us/xms/v1/plan/batches',
      query: new URLSearchParams(),
      headers: {},
      params: { service_plan_id: 'plan' },
      rawBody: Buffer.alloc(0),
      body: { from: '12345', to, body: 'Hi', delivery_report: 'per_recipient' },
      receivedAt: 0,
    };
    const accepted = acceptBatch(request, context);
    const messages = 'messages' in accepted ? (accepted.messages ?? []) : [];
    expect(messages).toHaveLength(1000);
    for (const message of messages) {
      const steps = sinchSmsRestLifecycle(message, context);
      expect(steps.at(-1)).toMatchObject({ status: 'delivered', callback: 'recipient-dlr' });
    }
    expect(batchReads).toBeLessThanOrEqual(1);
  });
});
