import {
  renderTemplate,
  type AcceptResult,
  type ProviderContext,
  type SimRequest,
} from '../../src/engine/provider-api.js';
import { lastSendKey, type LastSend } from './inbound.js';
import { splitRecipients } from './recipients.js';
import type { SinchSmsSendBody } from './rules.js';
import type { SinchSmsSettings } from './settings.js';

/** Accepts a valid send: one provider message per recipient, each carrying the request's msgid. */
export function acceptSend(
  request: SimRequest,
  context: ProviderContext<SinchSmsSettings>,
): AcceptResult {
  const body = request.body as SinchSmsSendBody;
  const messages = splitRecipients(body.to).map((recipient) => ({
    id: context.ids.next(),
    recipient,
    reference: body.msgid,
    data: { from: body.from, text: body.text, alert: body.alert },
  }));
  for (const m of messages) {
    const last: LastSend = { msgid: body.msgid, sender: body.from };
    context.store.set(lastSendKey(m.recipient), last);
  }
  const { status, body: template } = context.settings.successResponse;
  return {
    response: {
      status,
      body: renderTemplate(template, {
        msgid: body.msgid,
        count: messages.length,
        messages: messages.map((m) => ({ to: m.recipient, respid: m.id })),
      }),
    },
    messages,
  };
}
