import { describe, expect, it } from 'vitest';
import { MessageStore } from './message-store.js';

const delivered = {
  event: 'delivered',
  outcome: 'delivered' as const,
  description: 'Delivered to handset',
};
const failed = {
  event: 'failed',
  outcome: 'failed' as const,
  code: '901',
  description: 'DND failure',
};

describe('MessageStore', () => {
  it('keeps a delivered message delivered when the provider answer arrives after the DLR', () => {
    const store = new MessageStore();
    const message = store.create('sinch-sms', ['919800000001'], 'm-1');
    expect(store.applyReport(message, delivered)).toBe('applied');
    store.markSent(message);
    expect(message.status).toBe('delivered');
    expect(message.history.at(-1)?.ignored).toMatch(/already moved the message to delivered/);
  });

  it('keeps the first final status of a one-recipient message and ignores later reports', () => {
    const store = new MessageStore();
    const message = store.create('sinch-sms', ['919800000901'], 'm-2');
    store.markSent(message);
    store.applyReport(message, failed);
    expect(store.applyReport(message, delivered)).toBe('ignored');
    expect(message).toMatchObject({
      status: 'failed',
      code: '901',
      reports: { delivered: 0, failed: 1 },
    });
  });

  it('waits for every recipient of a request before a final status, then reports a mixed outcome', () => {
    const store = new MessageStore();
    const message = store.create('sinch-sms', ['919800000001', '919800000901'], 'm-3');
    store.markSent(message);
    store.applyReport(message, delivered);
    expect(message.status).toBe('sent');
    store.applyReport(message, failed);
    expect(message).toMatchObject({ status: 'partially-delivered', code: '901' });
  });

  it('does not turn a rejected message into a delivered one', () => {
    const store = new MessageStore();
    const message = store.create('sinch-sms', ['15551234567'], 'm-4');
    store.markRejected(message, '103', 'not an Indian mobile');
    expect(store.applyReport(message, delivered)).toBe('ignored');
    expect(message.status).toBe('rejected');
  });

  it('records events without a delivery outcome in the history only', () => {
    const store = new MessageStore();
    const message = store.create('sinch-sms', ['919800000001'], 'm-5');
    store.markSent(message);
    expect(store.applyReport(message, { event: 'replied' })).toBe('ignored');
    expect(message.status).toBe('sent');
  });

  it('lets the last report win when built with the lastReportWins defect', () => {
    const store = new MessageStore({ lastReportWins: true });
    const message = store.create('sinch-sms', ['919800000901'], 'm-6');
    store.applyReport(message, failed);
    store.applyReport(message, delivered);
    expect(message.status).toBe('delivered');
  });

  it('finds a message by the reference its provider echoes', () => {
    const store = new MessageStore();
    const message = store.create('sinch-sms', ['919800000001'], 'm-7');
    expect(store.findByReference('sinch-sms', 'm-7')).toBe(message);
    expect(store.findByReference('other', 'm-7')).toBeUndefined();
  });
});
