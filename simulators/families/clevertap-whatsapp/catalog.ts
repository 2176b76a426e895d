import type { ProviderCatalog } from '../../../src/engine/provider-api.js';
import { CLICKED } from './lifecycle.js';
import { DLR_FAILURE_TITLES, SEND_FAILURE_MESSAGES } from './status-codes.js';

const caption = { name: 'caption', label: 'Caption', kind: 'text', required: false } as const;
const mediaUrl = { name: 'url', label: 'Media URL', kind: 'url', required: true } as const;

/**
 * What the CleverTap Generic WhatsApp providers report and the customer messages their inbound
 * input takes: `type` with flat fields, coordinates as strings, documents as `file`.
 */
export const CLEVERTAP_WHATSAPP_CATALOG: ProviderCatalog = {
  statuses: [
    { name: 'sent', native: 'sent', final: false, forcible: false },
    { name: 'delivered', native: 'delivered', final: false, forcible: true },
    { name: 'read', native: 'read', final: false, forcible: true },
    { name: 'failed', native: 'failed', final: true, forcible: true },
    { name: CLICKED, native: 'Clicked', final: true, forcible: false },
  ],
  failureCodes: [
    ...Object.entries(DLR_FAILURE_TITLES).map(([code, description]) => ({
      code,
      description,
      reportedIn: 'dlr',
    })),
    ...Object.entries(SEND_FAILURE_MESSAGES).map(([code, description]) => ({
      code,
      description,
      reportedIn: 'response',
    })),
  ],
  inboundForms: [
    {
      type: 'text',
      label: 'Text message',
      fields: [{ name: 'text', label: 'Message', kind: 'text', required: true }],
      body: { from: '{from}', type: 'text', text: '{text}' },
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
        type: 'location',
        latitude: '{latitude|string}',
        longitude: '{longitude|string}',
        name: '{name?}',
      },
    },
    {
      type: 'media',
      label: 'Photo or video',
      mediaKinds: ['image', 'video'],
      fields: [mediaUrl, caption],
      body: {
        from: '{from}',
        type: '{kind}',
        mediaUrl: '{url}',
        mimeType: '{mimeType?}',
        text: '{caption?}',
      },
    },
    {
      type: 'media',
      label: 'Voice or audio',
      mediaKinds: ['audio'],
      fields: [mediaUrl],
      body: { from: '{from}', type: 'audio', mediaUrl: '{url}', mimeType: '{mimeType?}' },
    },
    {
      type: 'media',
      label: 'Document',
      mediaKinds: ['document'],
      fields: [mediaUrl, caption],
      body: {
        from: '{from}',
        type: 'file',
        mediaUrl: '{url}',
        mimeType: '{mimeType?}',
        text: '{caption?}',
      },
    },
    {
      type: 'quick-reply',
      label: 'Quick-reply tap',
      fields: [],
      body: {
        from: '{from}',
        type: 'button',
        text: '{text}',
        payload: '{payload?}',
        replyTo: '{reference?}',
      },
    },
  ],
};
