import { describe, expect, it } from 'vitest';
import type { CallbackEvent } from '../../src/engine/provider-api.js';
import { buildEventCallback } from './callbacks.js';
import { outcomeFor } from './lifecycle.js';
import { splitRecipients } from './recipients.js';
import { SINCH_SMS_DEFAULTS } from './settings.js';

describe('Sinch SMS pure parts', () => {
  it('splits comma-separated recipients, trimming spaces', () => {
    expect(splitRecipients('919800000001, 919800000002,,')).toEqual([
      '919800000001',
      '919800000002',
    ]);
  });

  it('fails numbers ending in 0 plus a 900-series code with that code, and delivers the rest', () => {
    expect(outcomeFor('919800000901', SINCH_SMS_DEFAULTS)).toEqual({
      status: 'failed',
      code: '901',
    });
    expect(outcomeFor('+919800000920', SINCH_SMS_DEFAULTS)).toEqual({
      status: 'failed',
      code: '920',
    });
    expect(outcomeFor('919800000911', SINCH_SMS_DEFAULTS)).toEqual({ status: 'delivered' });
    expect(outcomeFor('919800000921', SINCH_SMS_DEFAULTS)).toEqual({ status: 'delivered' });
    expect(outcomeFor('919800000001', SINCH_SMS_DEFAULTS)).toEqual({ status: 'delivered' });
  });

  it('groups DLR records by event in order of first appearance, ts in epoch seconds', () => {
    const event = (
      status: string,
      reference: string,
      at: number,
      code?: string,
    ): CallbackEvent => ({
      kind: 'dlr',
      message: { id: `id-${reference}`, recipient: '919800000001', reference },
      step: {
        status,
        afterMs: 0,
        callback: 'dlr',
        code,
        description: code ? 'DND failure' : 'Delivered to handset',
      },
      at,
      serveEventId: 'r',
    });
    const { body } = buildEventCallback([
      event('failed', 'a', 1_712_345_690_999, '901'),
      event('delivered', 'b', 1_712_345_691_000),
      event('failed', 'c', 1_712_345_692_000, '901'),
    ]);
    expect(body).toEqual([
      {
        event: 'failed',
        data: [
          { ts: 1_712_345_690, meta: 'a', code: '901', description: 'DND failure' },
          { ts: 1_712_345_692, meta: 'c', code: '901', description: 'DND failure' },
        ],
      },
      {
        event: 'delivered',
        data: [{ ts: 1_712_345_691, meta: 'b', description: 'Delivered to handset' }],
      },
    ]);
  });
});
