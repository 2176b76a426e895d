import type {
  InboundDefinition,
  InboundMessage,
  ProviderContext,
} from '../../../src/engine/provider-api.js';
import { lastSentKey, lastTemplateKey, type LastSent } from './accept.js';
import { CALLBACK_PAYLOAD_VERSION } from './callbacks.js';
import { normalizeNumber } from './phone-numbers.js';
import { openSession } from './session-window.js';
import type { ClevertapWhatsappSettings } from './settings.js';

/** The admin API's inbound input once its schema passed (`provider` removed). */
export interface InboundInput {
  from: string;
  type?: 'text' | 'image' | 'video' | 'audio' | 'file' | 'location' | 'button';
  text?: string;
  wabaNumber?: string;
  replyTo?: string | null;
  mediaUrl?: string;
  mimeType?: string;
  latitude?: string;
  longitude?: string;
  address?: string;
  name?: string;
  url?: string;
  payload?: string;
}

/** Where a provider sends an inbound message, when it decides that itself (Kaleyra's Incoming URL). */
export interface InboundRoute {
  target?: string;
  payloadVersion?: string;
}

/** A problem with the input, naming the field. */
export interface InboundProblem {
  error: string;
  pointer: string;
}

/** Per-provider parts of injecting a customer's message. */
export interface InboundOptions<S extends ClevertapWhatsappSettings> {
  /** Inbound input schema id. */
  schema: string;
  /** Decides the target and payload version; undefined target means the configured callback URL. */
  route?(
    input: Record<string, unknown>,
    wabaNumber: string,
    context: ProviderContext<S>,
  ): InboundRoute | InboundProblem;
}

/** Sample media for injected messages that name none. */
const SAMPLE_MEDIA: Record<string, { url: string; mimeType: string }> = {
  image: { url: 'https://provider-sim.dev/media/inbound.jpg', mimeType: 'image/jpeg' },
  video: { url: 'https://provider-sim.dev/media/inbound.mp4', mimeType: 'video/mp4' },
  audio: { url: 'https://provider-sim.dev/media/inbound.ogg', mimeType: 'audio/ogg' },
  file: { url: 'https://provider-sim.dev/media/inbound.pdf', mimeType: 'application/pdf' },
};

/** The content key and value of an inbound message of `type` (a file goes under `document`). */
function content(
  type: NonNullable<InboundInput['type']>,
  input: InboundInput,
  buttonPayload: string | undefined,
): [string, Record<string, string>] {
  switch (type) {
    case 'text':
      return ['text', { body: input.text! }];
    case 'location':
      return [
        'location',
        {
          latitude: input.latitude ?? '19.0760',
          longitude: input.longitude ?? '72.8777',
          address: input.address ?? 'Gateway of India, Mumbai',
          ...(input.name !== undefined && { name: input.name }),
          ...(input.url !== undefined && { url: input.url }),
        },
      ];
    case 'button':
      return ['button', { payload: buttonPayload ?? input.text!, text: input.text! }];
    default: {
      const sample = SAMPLE_MEDIA[type]!;
      const media: Record<string, string> = {
        mediaURL: input.mediaUrl ?? sample.url,
        mimeType: input.mimeType ?? sample.mimeType,
      };
      if (type !== 'audio' && input.text !== undefined) media.caption = input.text;
      return [type === 'file' ? 'document' : type, media];
    }
  }
}

/**
 * A customer's WhatsApp message to the business, reported in CleverTap's inbound format. It opens the
 * 24-hour window for freeform messages to that number. `context.id` defaults to the latest message
 * sent to the number; a button reply answers the latest template and echoes the payload sent with
 * that quick reply (its text when CleverTap sent none, as current samples do).
 * @see https://docs.clevertap.com/docs/generic-whatsapp
 */
export function clevertapWhatsappInbound<S extends ClevertapWhatsappSettings>(
  options: InboundOptions<S>,
): InboundDefinition<S> {
  return {
    schema: options.schema,
    accept(raw, context) {
      const input = raw as unknown as InboundInput;
      const type = input.type ?? 'text';
      if ((type === 'text' || type === 'button') && input.text === undefined) {
        return {
          error: `a ${type} message needs "text" (${type === 'text' ? 'the message' : "the button's text"})`,
          pointer: '/text',
        };
      }
      const from = normalizeNumber(input.from);
      const lastSent = context.store.get(lastSentKey(from)) as LastSent | undefined;
      const lastTemplate = context.store.get(lastTemplateKey(from)) as LastSent | undefined;
      const answered = type === 'button' ? lastTemplate : lastSent;
      const contextId = input.replyTo === undefined ? answered?.msgId : input.replyTo;
      if (type === 'button' && !contextId) {
        return {
          error: `no template was sent to ${from} yet, so there is no button to click; send one first or pass replyTo (a msgId)`,
          pointer: '/replyTo',
        };
      }
      const wabaNumber = normalizeNumber(
        input.wabaNumber ?? answered?.wabaNumber ?? context.settings.wabaNumbers[0] ?? '',
      );
      if (wabaNumber === '') {
        return {
          error: 'no business number: pass wabaNumber, or configure settings.wabaNumbers',
          pointer: '/wabaNumber',
        };
      }
      const route = options.route?.(raw, wabaNumber, context) ?? {};
      if ('error' in route) return route;
      const buttonPayload =
        input.payload ?? lastTemplate?.quickReplies.find((q) => q.text === input.text)?.payload;
      const [key, value] = content(type, input, buttonPayload);
      const body = {
        payloadVersion: route.payloadVersion ?? CALLBACK_PAYLOAD_VERSION,
        from,
        wabaNumber,
        type,
        ...(contextId && { context: { id: contextId } }),
        [key]: value,
      };
      openSession(context, wabaNumber, from);
      const inbound: InboundMessage = {
        message: {
          id: context.ids.next('wamid.'),
          recipient: from,
          ...(contextId && { reference: contextId }),
          data: { body },
          ...(route.target !== undefined && { callbackTargets: { inbound: route.target } }),
        },
        step: { status: 'received', afterMs: 0, callback: 'inbound' },
      };
      return { messages: [inbound] };
    },
  };
}
