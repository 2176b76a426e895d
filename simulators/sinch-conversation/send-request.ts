import type { Channel } from './settings.js';

/**
 * The message kinds of an app message; a message carries exactly one of them (or only an
 * `explicit_channel_message`).
 * @see https://github.com/sinch/sinch-sdk-node/blob/main/packages/conversation/src/models/v1/app-message/app-message.ts
 */
export const MESSAGE_KINDS = [
  'text_message',
  'media_message',
  'template_message',
  'choice_message',
  'card_message',
  'carousel_message',
  'location_message',
  'list_message',
  'contact_info_message',
] as const;

/** One message kind. */
export type MessageKind = (typeof MESSAGE_KINDS)[number];

/** A channel template reference: for WhatsApp, `template_id` is the template name. */
export interface ChannelTemplateReference {
  template_id: string;
  language_code?: string;
  parameters?: Record<string, string>;
  version?: string;
}

/** The parts of a send body the simulator reads once the schema has passed. */
export interface SendMessageBody {
  app_id: string;
  recipient:
    | { contact_id: string; identified_by?: undefined }
    | {
        contact_id?: undefined;
        identified_by: { channel_identities: { channel: Channel; identity: string }[] };
      };
  message: Partial<Record<MessageKind, unknown>> & {
    template_message?: {
      channel_template?: Partial<Record<Channel, ChannelTemplateReference>>;
      omni_template?: ChannelTemplateReference;
    };
    choice_message?: { choices: { postback_data?: string }[] };
    explicit_channel_message?: Partial<Record<Channel, string>>;
    channel_specific_message?: Partial<Record<Channel, { message_type: string; message: unknown }>>;
  };
  callback_url?: string;
  channel_priority_order?: Channel[];
  channel_properties?: Record<string, string>;
  message_metadata?: string;
  conversation_metadata?: Record<string, unknown>;
  correlation_id?: string;
  queue?: 'NORMAL_PRIORITY' | 'HIGH_PRIORITY';
  ttl?: string;
  processing_strategy?: 'DEFAULT' | 'DISPATCH_ONLY';
  message_content_type?: 'CONTENT_UNKNOWN' | 'CONTENT_MARKETING' | 'CONTENT_NOTIFICATION';
}

/** The message kinds present in `message`, in the documented order. */
export function kindsOf(message: Record<string, unknown>): MessageKind[] {
  return MESSAGE_KINDS.filter((kind) => message[kind] !== undefined);
}
