import { describe, expect, it } from 'vitest';
import { createAjv } from '../../src/engine/validation/create-ajv.js';
import { sinchWhatsapp } from './index.js';
import { SINCH_WHATSAPP_DEFAULTS, SINCH_WHATSAPP_SETTINGS_SCHEMA } from './settings.js';

describe('Sinch India WhatsApp definition', () => {
  it('has sandbox defaults that satisfy its settings schema', () => {
    expect(
      createAjv({ strict: false }).validate(
        SINCH_WHATSAPP_SETTINGS_SCHEMA,
        SINCH_WHATSAPP_DEFAULTS,
      ),
    ).toBe(true);
  });

  it('rejects a settings object with an unknown field', () => {
    expect(
      createAjv({ strict: false }).validate(SINCH_WHATSAPP_SETTINGS_SCHEMA, {
        ...SINCH_WHATSAPP_DEFAULTS,
        account: [],
      }),
    ).toBe(false);
  });

  it('serves one POST route checked against its own send-request schema', () => {
    expect(sinchWhatsapp.routes.map((r) => [r.method, r.path, r.requestSchema])).toEqual([
      ['POST', '/v1/messages', 'sinch-whatsapp/send-request'],
    ]);
    expect(sinchWhatsapp.routes[0]!.auth!.describe(SINCH_WHATSAPP_DEFAULTS)).toBe(
      'user: sandbox, password: sandbox',
    );
  });
});
