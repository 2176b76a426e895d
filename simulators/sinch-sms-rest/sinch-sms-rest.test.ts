import { describe, expect, it } from 'vitest';
import type { StoredBatch } from './batch-store.js';
import { recipientState } from './batch-store.js';
import { messageParts, personalise } from './message-text.js';
import { outcomeFor, sinchSmsRestMagicNumbers } from './outcomes.js';
import { previewSinchSmsRest } from './preview.js';
import { reportCode } from './report-codes.js';
import { batchReport, page } from './reports.js';
import { SINCH_SMS_REST_DEFAULTS } from './settings.js';

const recipient = (msisdn: string, code: string, finalAtMs = 300) => ({
  msisdn,
  messageId: `B.${msisdn}`,
  text: 'Hi',
  encoding: 'GSM' as const,
  parts: 1,
  dispatchAtMs: 100,
  finalAtMs,
  code,
});

const stored = (overrides: Partial<StoredBatch> = {}): StoredBatch => ({
  batch: { id: 'B', client_reference: 'ref-1' },
  recipients: [recipient('46700000001', '0'), recipient('46700000402', '402')],
  owner: 'sandbox-plan',
  createdAtMs: 0,
  ...overrides,
});

describe('parameter substitution', () => {
  it('fills each recipient value, falls back to default, and names the first unmatched key', () => {
    const parameters = {
      name: { '46700000001': 'Asha', default: 'there' },
      code: { '46700000001': '7' },
    };
    expect(personalise('Hi ${name} ${code}', '+46700000001', parameters)).toEqual({
      text: 'Hi Asha 7',
    });
    expect(personalise('Hi ${name} ${code}', '46700000002', parameters)).toEqual({
      unmatched: 'code',
    });
    expect(personalise('Hi ${other}', '46700000002', parameters)).toEqual({ text: 'Hi ${other}' });
  });
});

describe('message parts', () => {
  it('counts GSM-7 texts in 160 / 153 septets and others in 70 / 67 UCS-2 units', () => {
    expect(messageParts('a'.repeat(160))).toEqual({ encoding: 'GSM', parts: 1 });
    expect(messageParts('a'.repeat(161))).toEqual({ encoding: 'GSM', parts: 2 });
    expect(messageParts('€'.repeat(80))).toEqual({ encoding: 'GSM', parts: 1 });
    expect(messageParts('€'.repeat(81))).toEqual({ encoding: 'GSM', parts: 2 });
    expect(messageParts('ж'.repeat(70))).toEqual({ encoding: 'UNICODE', parts: 1 });
    expect(messageParts('ж'.repeat(71))).toEqual({ encoding: 'UNICODE', parts: 2 });
  });
});

describe('outcomes and magic numbers', () => {
  it('gives numbers ending in 0 + a REST code that code, and everything else 0', () => {
    expect(outcomeFor('+46700000402', SINCH_SMS_REST_DEFAULTS)).toBe('402');
    expect(outcomeFor('46700000412', SINCH_SMS_REST_DEFAULTS)).toBe('412');
    expect(outcomeFor('46700000409', SINCH_SMS_REST_DEFAULTS)).toBe('0');
    expect(outcomeFor('46700000001', SINCH_SMS_REST_DEFAULTS)).toBe('0');
  });

  it('lists one magic number per final code, each producing its listed outcome', () => {
    const numbers = sinchSmsRestMagicNumbers(SINCH_SMS_REST_DEFAULTS);
    expect(numbers[0]).toEqual({ number: '46700000001', outcome: 'Delivered (0)' });
    expect(numbers).toContainEqual({
      number: '46700000406',
      outcome: 'Expired 406 (Internal expiry: not delivered before expire_at)',
    });
    expect(numbers).toHaveLength(11);
    for (const { number, outcome } of numbers.slice(1)) {
      const code = outcomeFor(number, SINCH_SMS_REST_DEFAULTS);
      expect(outcome).toBe(`${reportCode(code).status} ${code} (${reportCode(code).description})`);
    }
  });
});

describe('recipient state', () => {
  it('is Queued before dispatch, Dispatched before the final time, then the final code', () => {
    const batch = stored();
    const r = batch.recipients[1]!;
    expect(recipientState(batch, r, 50)).toMatchObject({ code: '400', status: 'Queued' });
    expect(recipientState(batch, r, 200)).toMatchObject({ code: '401', status: 'Dispatched' });
    expect(recipientState(batch, r, 300)).toEqual({ code: '402', status: 'Aborted', atMs: 300 });
  });

  it('ends as 407 Aborted when the batch was cancelled before the final time', () => {
    const batch = stored({ canceledAtMs: 150 });
    expect(recipientState(batch, batch.recipients[0]!, 400)).toMatchObject({
      code: '407',
      status: 'Aborted',
    });
    expect(recipientState(batch, batch.recipients[0]!, 120).code).toBe('401');
  });
});

describe('batch report', () => {
  it('groups recipients by code and status; full lists them, summary only counts', () => {
    const batch = stored();
    expect(batchReport(batch, 1000, { type: 'full' })).toEqual({
      type: 'delivery_report_sms',
      batch_id: 'B',
      total_message_count: 2,
      client_reference: 'ref-1',
      statuses: [
        { code: 0, status: 'Delivered', count: 1, recipients: ['46700000001'] },
        { code: 402, status: 'Aborted', count: 1, recipients: ['46700000402'] },
      ],
    });
    expect(batchReport(batch, 1000, { type: 'summary', codes: ['402'] }).statuses).toEqual([
      { code: 402, status: 'Aborted', count: 1 },
    ]);
  });

  it('pages with page_size counting the entries returned', () => {
    expect(page([1, 2, 3], 'items', 1, 2)).toEqual({ count: 3, page: 1, page_size: 1, items: [3] });
  });
});

describe('phone preview', () => {
  it('shows the personalised text from the originator, a binary size, and an inbound from the customer', () => {
    const base = { id: 'B.1', recipient: '46700000001' };
    expect(previewSinchSmsRest({ ...base, data: { text: 'Hi Asha', from: 'ACME' } })).toEqual({
      channel: 'sms',
      from: 'ACME',
      to: '46700000001',
      body: 'Hi Asha',
    });
    expect(
      previewSinchSmsRest({ ...base, data: { text: 'AAEC', from: 'ACME', binary: true } })?.body,
    ).toBe('[binary message, 3 bytes]');
    expect(
      previewSinchSmsRest({
        ...base,
        data: { mo: { type: 'mo_text', from: '46700000001', to: '12345', body: 'STOP' } },
      }),
    ).toEqual({ channel: 'sms', from: '46700000001', to: '12345', body: 'STOP' });
    expect(previewSinchSmsRest({ ...base })).toBeUndefined();
  });
});
