import { SANDBOX_WABA_NUMBER } from './settings.js';

/**
 * A template message as CleverTap sends it (the composed `order_shipped` example: image header, two
 * body parameters, footer, a dynamicUrl and a quickReply button), addressed to the sandbox.
 * @see https://docs.clevertap.com/docs/generic-whatsapp
 */
export function sampleTemplateMessage(
  overrides: Record<string, unknown> = {},
): Record<string, unknown> {
  return {
    payloadVersion: 0.1,
    to: '+919800000001',
    wabaNumber: SANDBOX_WABA_NUMBER,
    isTemplate: true,
    msgId: '1700001|1712345678|20240405|1700001',
    template: { namespace: 'order_shipped', languageCode: 'en' },
    components: [
      {
        type: 'header',
        header: { type: 'image', image: { mediaURL: 'https://cdn.example.com/p.png' } },
      },
      {
        type: 'body',
        body: {
          text: 'Hi Asha, order 42 has shipped.',
          parameters: [
            { type: 'text', text: 'Asha' },
            { type: 'text', text: '42' },
          ],
        },
      },
      { type: 'footer', footer: 'Reply STOP to opt out' },
      {
        type: 'button',
        index: 0,
        subType: 'dynamicUrl',
        buttonText: 'Track',
        parameters: [{ type: 'text', text: 'https://shop.example.com/track/42' }],
      },
      { type: 'button', index: 1, subType: 'quickReply', buttonText: 'STOP' },
    ],
    ...overrides,
  };
}

/**
 * A freeform text message (the older revision's `text.body` shape) addressed to the sandbox.
 * @see https://docs.clevertap.com/docs/generic-whatsapp
 */
export function sampleFreeformMessage(
  overrides: Record<string, unknown> = {},
): Record<string, unknown> {
  return {
    payloadVersion: 0.1,
    to: '919800000001',
    wabaNumber: SANDBOX_WABA_NUMBER,
    isTemplate: false,
    msgId: '1700002|1712345678|20240405|1700002',
    type: 'text',
    text: { body: 'Thanks, we are on it.' },
    ...overrides,
  };
}

/**
 * CleverTap's provider validation payload, wrapped in `body` as documented.
 * @see https://docs.clevertap.com/docs/generic-whatsapp
 */
export function sampleValidationPayload(): Record<string, unknown> {
  return {
    body: {
      payloadVersion: 0.1,
      wabaNumber: SANDBOX_WABA_NUMBER,
      to: '919870369294',
      isTemplate: true,
      template: { namespace: 'whatsapp:hsm:technology:generic:verify', languageCode: 'en' },
      components: [
        {
          type: 'body',
          body: {
            text: '1 code: 2.Valid for 3 minutes.',
            parameters: [
              { type: 'text', text: '1' },
              { type: 'text', text: '2' },
              { type: 'text', text: '3' },
            ],
          },
        },
      ],
      msgId: '0|0|0|0',
    },
  };
}
