import type { Contact } from './contacts.js';
import { REASON_DESCRIPTIONS } from './reason-codes.js';
import type { SendMessageBody } from './send-request.js';
import type { AppSettings, Channel, OutcomeRule, SinchConversationSettings } from './settings.js';
import { matchWhatsAppTemplate } from './whatsapp-templates.js';

/** One channel the message is tried on, and what happens there. */
export interface DeliveryAttempt {
  channel: Channel;
  identity: string;
  outcome: OutcomeRule['outcome'];
  /** Reason code when the outcome is `failed`. */
  reason?: string;
  description?: string;
  /** The failure is found before the channel takes the message (no QUEUED_ON_CHANNEL first). */
  preChannel?: boolean;
}

/** What happens to an accepted message: the channels tried in order, or one failure before any. */
export type DeliveryPlan =
  | { attempts: DeliveryAttempt[] }
  | { failure: { reason: string; description: string; channel?: Channel; identity?: string } };

/** The outcome rule for `identity` on `channel` (first match wins); no match means delivered. */
export function outcomeFor(
  identity: string,
  channel: Channel,
  rules: readonly OutcomeRule[],
): Pick<DeliveryAttempt, 'outcome' | 'reason' | 'description'> {
  const number = identity.replace(/^\+/, '');
  for (const rule of rules) {
    if (rule.channel !== undefined && rule.channel !== channel) continue;
    if (!new RegExp(rule.identity).test(number)) continue;
    if (rule.outcome !== 'failed') return { outcome: rule.outcome };
    const reason = rule.reason ?? 'UNKNOWN';
    return {
      outcome: 'failed',
      reason,
      description: REASON_DESCRIPTIONS[reason] ?? `The channel reported ${reason}`,
    };
  }
  return { outcome: 'delivered' };
}

/**
 * The channels to try, in order: `channel_priority_order` if given, else the order of the
 * recipient's channel identities (or the contact's). A channel without an identity is skipped.
 * @see https://github.com/sinch/sinch-sdk-node/blob/main/packages/conversation/src/models/v1/send-message-request/send-message-request.ts
 */
export function channelOrder(
  body: SendMessageBody,
  identities: readonly { channel: Channel; identity: string }[],
): { channel: Channel; identity: string }[] {
  const order = body.channel_priority_order ?? identities.map((i) => i.channel);
  const out: { channel: Channel; identity: string }[] = [];
  for (const channel of order) {
    const found = identities.find((i) => i.channel === channel);
    if (found && !out.some((o) => o.channel === channel)) out.push(found);
  }
  return out;
}

/** A template message (channel or omni template), which WhatsApp lets through outside the 24-hour window. */
function isTemplate(body: SendMessageBody): boolean {
  const template = body.message.template_message;
  if (template !== undefined) return true;
  const explicit = body.message.explicit_channel_message?.WHATSAPP;
  return typeof explicit === 'string' && /"type"\s*:\s*"template"/.test(explicit);
}

/**
 * Plans the delivery of an accepted send. Second-stage failures (unknown contact, no identity,
 * channel not configured on the app, a WhatsApp template that does not match the approved ones,
 * a freeform WhatsApp message outside the contact's 24-hour window)
 * become FAILED reports, not 400s; otherwise the outcome rules decide per channel.
 * @see https://developers.sinch.com/docs/conversation/callbacks
 */
export function planDelivery(
  body: SendMessageBody,
  app: AppSettings,
  settings: SinchConversationSettings,
  contact: Contact | undefined,
  whatsappWindowOpen: (identity: string) => boolean = () => true,
): DeliveryPlan {
  if (body.recipient.contact_id !== undefined && !contact) {
    return {
      failure: {
        reason: 'CONTACT_NOT_FOUND',
        description: `Contact ${body.recipient.contact_id} does not exist`,
      },
    };
  }
  const identities = body.recipient.identified_by?.channel_identities ?? contact?.channelIdentities;
  const order = channelOrder(body, identities ?? []);
  if (order.length === 0) {
    return {
      failure: {
        reason: 'NO_CHANNEL_IDENTITY_FOR_CONTACT',
        description: REASON_DESCRIPTIONS.NO_CHANNEL_IDENTITY_FOR_CONTACT!,
      },
    };
  }
  const whatsappTemplate = body.message.template_message?.channel_template?.WHATSAPP;
  const attempts = order.map(({ channel, identity }): DeliveryAttempt => {
    if (!app.channels.includes(channel)) {
      return {
        channel,
        identity,
        outcome: 'failed',
        reason: 'CHANNEL_CONFIGURATION_MISSING',
        description: `App ${app.appId} has no ${channel} channel`,
        preChannel: true,
      };
    }
    if (channel === 'WHATSAPP' && whatsappTemplate && settings.templateCheck === 'callback') {
      const mismatch = matchWhatsAppTemplate(whatsappTemplate, settings.whatsappTemplates);
      if (mismatch) {
        return {
          channel,
          identity,
          outcome: 'failed',
          reason: mismatch.reason,
          description: mismatch.detail,
          preChannel: true,
        };
      }
    }
    if (channel === 'WHATSAPP' && !isTemplate(body) && !whatsappWindowOpen(identity)) {
      return {
        channel,
        identity,
        outcome: 'failed',
        reason: 'OUTSIDE_ALLOWED_SENDING_WINDOW',
        description: `${identity} has not written in the last 24 hours; only a template message may open the conversation`,
      };
    }
    return { channel, identity, ...outcomeFor(identity, channel, settings.outcomes) };
  });
  return { attempts };
}
