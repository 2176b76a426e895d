import { describe, expect, it } from 'vitest';
import { previewConversationMessage } from './preview.js';

const sent = (channel: string) => ({
  id: 'm',
  recipient: '46700000001',
  data: {
    type: 'sent',
    appId: 'sandbox-app',
    plan: { attempts: [{ channel, identity: '46700000001' }] },
  },
});

describe('Conversation API phone preview', () => {
  it('shows a WhatsApp text and an RCS card with its choices', () => {
    expect(
      previewConversationMessage(sent('WHATSAPP'), { message: { text_message: { text: 'Hi' } } }),
    ).toEqual({
      channel: 'whatsapp',
      from: 'sandbox-app',
      to: '46700000001',
      body: 'Hi',
    });
    const card = {
      message: {
        card_message: {
          title: 'Spring sale',
          description: '20% off',
          media_message: { url: 'https://img.example/sale.png' },
          choices: [
            { text_message: { text: 'Shop' }, postback_data: 'shop' },
            { url_message: { title: 'Site', url: 'https://shop.example' } },
          ],
        },
      },
    };
    expect(previewConversationMessage(sent('RCS'), card)).toMatchObject({
      channel: 'rcs',
      header: { type: 'image', url: 'https://img.example/sale.png' },
      body: 'Spring sale\n20% off',
      buttons: [
        { type: 'quick_reply', text: 'Shop', payload: 'shop' },
        { type: 'url', text: 'Site', url: 'https://shop.example' },
      ],
    });
  });

  it('names the template and its parameters, and shows a contact message', () => {
    const template = {
      message: {
        template_message: {
          channel_template: {
            WHATSAPP: {
              template_id: 'order_shipped',
              language_code: 'en_US',
              parameters: { 'body[1]text': 'Asha' },
            },
          },
        },
      },
    };
    expect(previewConversationMessage(sent('WHATSAPP'), template)).toMatchObject({
      template: { name: 'order_shipped', language: 'en_US' },
      body: 'body[1]text: Asha',
    });
    const inbound = {
      id: 'i',
      recipient: '46700000001',
      data: {
        type: 'inbound',
        channel: 'WHATSAPP',
        identity: '46700000001',
        appId: 'sandbox-app',
        contactMessage: {
          location_message: { title: 'Home', coordinates: { latitude: 59.3, longitude: 18.1 } },
        },
      },
    };
    expect(previewConversationMessage(inbound, {})).toMatchObject({
      from: '46700000001',
      location: { latitude: '59.3', longitude: '18.1', name: 'Home' },
    });
  });
});
