import type { ProviderCatalog } from '../../src/engine/provider-api.js';
import { REASON_DESCRIPTIONS } from './reason-codes.js';

/**
 * What the Conversation API reports (delivery-report statuses and reason codes) and the contact
 * messages the inbox can inject: nested `media`, `location` and `choice`, numeric coordinates.
 */
export const SINCH_CONVERSATION_CATALOG: ProviderCatalog = {
  statuses: [
    { name: 'queued_on_channel', native: 'QUEUED_ON_CHANNEL', final: false, forcible: false },
    { name: 'switching_channel', native: 'SWITCHING_CHANNEL', final: false, forcible: false },
    { name: 'delivered', native: 'DELIVERED', final: false, forcible: true },
    { name: 'read', native: 'READ', final: true, forcible: true },
    { name: 'failed', native: 'FAILED', final: true, forcible: true },
  ],
  failureCodes: Object.entries(REASON_DESCRIPTIONS).map(([code, description]) => ({
    code,
    description,
    reportedIn: 'delivery',
  })),
  inboundForms: [
    {
      type: 'text',
      label: 'Text message',
      fields: [{ name: 'text', label: 'Message', kind: 'text', required: true }],
      body: { from: '{from}', text: '{text}' },
    },
    {
      type: 'location',
      label: 'Location',
      fields: [
        { name: 'latitude', label: 'Latitude', kind: 'number', required: true },
        { name: 'longitude', label: 'Longitude', kind: 'number', required: true },
        { name: 'name', label: 'Place name', kind: 'text', required: false },
      ],
      body: {
        from: '{from}',
        location: { latitude: '{latitude}', longitude: '{longitude}', title: '{name?}' },
      },
    },
    {
      type: 'media',
      label: 'Media',
      fields: [
        { name: 'url', label: 'Media URL', kind: 'url', required: true },
        { name: 'caption', label: 'Caption', kind: 'text', required: false },
      ],
      body: { from: '{from}', media: { url: '{url}', caption: '{caption?}' } },
    },
    {
      type: 'quick-reply',
      label: 'Choice (postback)',
      fields: [],
      body: { from: '{from}', choice: { postbackData: '{payload}' }, replyTo: '{messageId}' },
    },
    {
      type: 'quick-reply',
      label: 'Choice (by position)',
      fields: [],
      body: { from: '{from}', choice: { index: '{index}' }, replyTo: '{messageId}' },
    },
  ],
};
