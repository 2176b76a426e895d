import type { InboundDefinition } from '../../src/engine/provider-api.js';
import { SINCH_SMS_DEFAULTS, type SinchSmsSettings } from './settings.js';

/** What the simulator remembers of the latest send to a number, so a reply can point at it. */
export interface LastSend {
  msgid: string;
  sender: string;
}

/** The `toPhone` of a reply: the configured reply number, or the sender id with `replyNumber: sender`. */
function replyNumberFor(last: LastSend | undefined, settings: SinchSmsSettings): string {
  return settings.replyNumber === 'sender'
    ? (last?.sender ?? SINCH_SMS_DEFAULTS.replyNumber)
    : settings.replyNumber;
}

/** Store key of the latest send to `number` (compared without a leading `+`). */
export const lastSendKey = (number: string): string => `last-send:${number.replace(/^\+/, '')}`;

/**
 * A customer's SMS reply, reported as CleverTap's `replied` event with `meta` = the msgid replied to
 * and `toPhone` = `settings.replyNumber` (inferred: Sinch India documents only DLRs). @see https://docs.clevertap.com/docs/generic-sms
 */
export const SINCH_SMS_INBOUND: InboundDefinition<SinchSmsSettings> = {
  schema: 'sinch-sms/inbound-input',
  accept(input, context) {
    const from = input.from as string;
    const last = context.store.get(lastSendKey(from)) as LastSend | undefined;
    const msgid = (input.replyTo as string | undefined) ?? last?.msgid;
    if (msgid === undefined) {
      return {
        error: `no message was sent to ${from} yet, so there is nothing to reply to; pass replyTo (a msgid)`,
        pointer: '/replyTo',
      };
    }
    return {
      messages: [
        {
          message: {
            id: context.ids.next(),
            recipient: from,
            reference: msgid,
            data: { incomingText: input.text, toPhone: replyNumberFor(last, context.settings) },
          },
          step: { status: 'replied', afterMs: 0, callback: 'inbound' },
        },
      ],
    };
  },
};
