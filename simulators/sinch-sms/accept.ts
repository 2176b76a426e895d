import {
  renderTemplate,
  type AcceptResult,
  type ProviderContext,
  type SimRequest,
} from '../../src/engine/provider-api.js';
import { dltFailure, dltFindings } from './dlt.js';
import { lastSendKey, type LastSend } from './inbound.js';
import { linksOf } from './links.js';
import { splitRecipients } from './recipients.js';
import type { SinchSmsSendBody } from './rules.js';
import type { SinchSmsSettings } from './settings.js';

/**
 * Accepts a valid send: one provider message per recipient, each carrying the request's msgid. With
 * `dlt: dlr` a send failing India DLT scrubbing is accepted and every recipient's DLR fails with
 * the DLT code; with URL shortening on (`s: "1"`) the text's links can be clicked.
 * @see https://docs.clevertap.com/docs/sinch-sms
 */
export function acceptSend(
  request: SimRequest,
  context: ProviderContext<SinchSmsSettings>,
): AcceptResult {
  const body = request.body as SinchSmsSendBody;
  const dlt = context.settings.dlt === 'dlr' ? dltFailure(dltFindings(body, context)) : undefined;
  const links = body.s === '1' ? linksOf(body.text) : [];
  const messages = splitRecipients(body.to).map((recipient) => ({
    id: context.ids.next(),
    recipient,
    reference: body.msgid,
    data: {
      from: body.from,
      text: body.text,
      alert: body.alert ?? '0',
      ...(dlt && { dltCode: dlt.code, dltDescription: dlt.description }),
      ...(links.length > 0 && { links }),
    },
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
