import { describe, expect, it } from 'vitest';
import { previewClevertapWhatsapp } from './preview.js';
import { sampleFreeformMessage, sampleTemplateMessage } from './sample-messages.js';

const message = { id: 'm', recipient: '+919800000001' };

describe('WhatsApp phone preview', () => {
  it('shows a template as the phone does: header image, filled body, footer and buttons', () => {
    expect(previewClevertapWhatsapp(message, sampleTemplateMessage())).toEqual({
      channel: 'whatsapp',
      from: '919800000099',
      to: '+919800000001',
      template: { name: 'order_shipped', language: 'en' },
      header: { type: 'image', url: 'https://cdn.example.com/p.png' },
      body: 'Hi Asha, order 42 has shipped.',
      footer: 'Reply STOP to opt out',
      buttons: [
        { type: 'url', text: 'Track', url: 'https://shop.example.com/track/42' },
        { type: 'quick_reply', text: 'STOP', payload: 'STOP' },
      ],
    });
  });

  it('shows carousel cards, freeform text and freeform media', () => {
    const carousel = sampleTemplateMessage({
      components: [
        { type: 'body', body: { text: 'Pick one' } },
        {
          type: 'carousel',
          cards: [
            {
              components: [
                {
                  type: 'header',
                  header: { type: 'video', video: { mediaURL: 'https://v.example/1.mp4' } },
                },
                { type: 'body', body: { text: 'Card 1' } },
              ],
            },
          ],
        },
      ],
    });
    expect(previewClevertapWhatsapp(message, carousel)!.cards).toEqual([
      { header: { type: 'video', url: 'https://v.example/1.mp4' }, body: 'Card 1' },
    ]);
    expect(previewClevertapWhatsapp(message, sampleFreeformMessage())!.body).toBe(
      'Thanks, we are on it.',
    );
    const image = sampleFreeformMessage({
      type: 'image',
      text: undefined,
      image: { mediaURL: 'https://i.example/a.png', caption: 'Look' },
    });
    expect(previewClevertapWhatsapp(message, image)!.media).toEqual({
      type: 'image',
      url: 'https://i.example/a.png',
      caption: 'Look',
    });
  });

  it("shows a customer's message: text, tapped button, location and document", () => {
    const inbound = (body: Record<string, unknown>) =>
      previewClevertapWhatsapp(
        { ...message, data: { body: { wabaNumber: '919800000099', ...body } } },
        {},
      );
    expect(inbound({ type: 'text', text: { body: 'hi' } })).toMatchObject({
      from: '+919800000001',
      to: '919800000099',
      body: 'hi',
    });
    expect(inbound({ type: 'button', button: { payload: 'stop', text: 'STOP' } })!.body).toBe(
      'STOP',
    );
    expect(
      inbound({ type: 'location', location: { latitude: '1', longitude: '2', name: 'Home' } })!
        .location,
    ).toEqual({ latitude: '1', longitude: '2', name: 'Home' });
    expect(
      inbound({ type: 'file', document: { mediaURL: 'https://d.example/a.pdf' } })!.media,
    ).toEqual({ type: 'document', url: 'https://d.example/a.pdf' });
  });
});
