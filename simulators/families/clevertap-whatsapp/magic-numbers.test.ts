import { describe, expect, it } from 'vitest';
import { clevertapMagicNumbers } from './outcomes.js';
import { CLEVERTAP_WHATSAPP_DEFAULTS } from './settings.js';

describe('WhatsApp magic numbers', () => {
  it('lists a number per documented failure code and per stopping point, as the default rules decide', () => {
    const numbers = Object.fromEntries(
      clevertapMagicNumbers(CLEVERTAP_WHATSAPP_DEFAULTS).map((n) => [n.number, n.outcome]),
    );
    expect(numbers['919800000001']).toBe('read');
    expect(numbers['919800009001']).toBe('sent');
    expect(numbers['919800001008']).toBe(
      'failed 1008 (This message is sent outside of the WhatsApp chat window)',
    );
    expect(numbers['919800002002']).toBe('rejected 2002 (Invalid phone number)');
  });
});
