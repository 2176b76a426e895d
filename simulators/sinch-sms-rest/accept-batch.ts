import type {
  AcceptResult,
  AcceptedMessage,
  Json,
  ProviderContext,
  SimRequest,
} from '../../src/engine/provider-api.js';
import {
  batchStore,
  type BatchRecipient,
  type RecipientData,
  type StoredBatch,
} from './batch-store.js';
import { newId } from './ids.js';
import { bareNumber, messageParts, MSISDN, personalise } from './message-text.js';
import { outcomeFor } from './outcomes.js';
import { ownerOf, type SendBatchBody } from './send-body.js';
import type { SinchSmsRestSettings } from './settings.js';

type Context = ProviderContext<SinchSmsRestSettings>;

const THREE_DAYS_MS = 3 * 86_400_000;

const draw = (context: Context, range: { min: number; max: number }): number =>
  Math.round(range.min + context.random.next() * Math.max(0, range.max - range.min));

/** The MSISDNs a batch goes to: its numbers and its groups' members, without `+`, each once. */
export function expandRecipients(to: readonly string[], context: Context): string[] {
  const out = new Set<string>();
  for (const entry of to) {
    if (MSISDN.test(entry)) out.add(bareNumber(entry));
    else
      for (const member of batchStore.getGroup(context.store, entry)?.members ?? [])
        out.add(member);
  }
  return [...out];
}

/** The batch's API representation: the request echoed plus id, defaults, times and `canceled`. */
export function batchView(
  body: SendBatchBody,
  id: string,
  createdAtMs: number,
  settings: SinchSmsRestSettings,
): Record<string, Json> {
  const sendAtMs = body.send_at ? Date.parse(body.send_at) : createdAtMs;
  const created = new Date(createdAtMs).toISOString();
  return {
    id,
    ...(body as Record<string, Json>),
    from: body.from ?? settings.defaultOriginator,
    type: body.type ?? 'mt_text',
    delivery_report: body.delivery_report ?? 'none',
    send_at: new Date(sendAtMs).toISOString(),
    expire_at: body.expire_at ?? new Date(sendAtMs + THREE_DAYS_MS).toISOString(),
    created_at: created,
    modified_at: created,
    canceled: false,
  };
}

/** Decides every recipient's text, times and final code (the same seed gives the same batch). */
function planRecipients(body: SendBatchBody, batchId: string, context: Context): BatchRecipient[] {
  const now = context.clock.now();
  const startMs = Math.max(now, body.send_at ? Date.parse(body.send_at) : now);
  const expireAtMs = body.expire_at ? Date.parse(body.expire_at) : startMs + THREE_DAYS_MS;
  const binary = body.type === 'mt_binary';
  return expandRecipients(body.to, context).map((msisdn) => {
    const personal = binary ? { text: body.body } : personalise(body.body, msisdn, body.parameters);
    const text = 'text' in personal ? personal.text : body.body;
    const { encoding, parts } = binary
      ? { encoding: 'GSM' as const, parts: 1 }
      : messageParts(text);
    const dispatchAtMs = startMs + draw(context, context.settings.dispatchDelayMs);
    let finalAtMs = dispatchAtMs + draw(context, context.settings.finalDelayMs);
    let code = outcomeFor(msisdn, context.settings);
    if ('unmatched' in personal) code = '405';
    else if (
      body.max_number_of_message_parts !== undefined &&
      parts > body.max_number_of_message_parts
    )
      code = '411';
    else if (expireAtMs < finalAtMs) {
      code = '406';
      finalAtMs = Math.max(expireAtMs, dispatchAtMs);
    }
    return {
      msisdn,
      messageId: `${batchId}.${msisdn}`,
      text,
      encoding,
      parts,
      dispatchAtMs,
      finalAtMs,
      code,
    };
  });
}

/** The recipient whose final step is last, so its step can carry the whole batch's report. */
function lastToFinish(recipients: readonly BatchRecipient[]): string | undefined {
  let last: BatchRecipient | undefined;
  for (const r of recipients) if (!last || r.finalAtMs >= last.finalAtMs) last = r;
  return last?.msisdn;
}

/** The engine messages of a stored batch: one per recipient, with the request's callback URL. */
function messagesOf(stored: StoredBatch): AcceptedMessage[] {
  const { batch } = stored;
  const url = typeof batch.callback_url === 'string' ? batch.callback_url : undefined;
  return stored.recipients.map((r, index) => ({
    id: r.messageId,
    recipient: r.msisdn,
    ...(typeof batch.client_reference === 'string' && { reference: batch.client_reference }),
    data: {
      batchId: batch.id as string,
      msisdn: r.msisdn,
      index,
      from: batch.from as string,
      text: r.text,
      binary: batch.type === 'mt_binary',
      encoding: r.encoding,
      parts: r.parts,
      dispatchAtMs: r.dispatchAtMs,
      finalAtMs: r.finalAtMs,
      code: r.code,
    } satisfies RecipientData,
    ...(url && { callbackTargets: { 'recipient-dlr': url, 'batch-dlr': url } }),
  }));
}

/**
 * `POST /batches`: stores the batch, answers 201 with it, and hands the engine one message per
 * recipient. @see https://developers.sinch.com/docs/sms/api-reference/sms/tag/Batches/#tag/Batches/operation/SendSMS
 */
export function acceptBatch(request: SimRequest, context: Context): AcceptResult {
  const body = request.body as SendBatchBody;
  const id = newId(context);
  const now = context.clock.now();
  const recipients = planRecipients(body, id, context);
  const batch = batchView(body, id, now, context.settings);
  const stored: StoredBatch = {
    batch,
    recipients,
    owner: ownerOf(request.params),
    createdAtMs: now,
    ...((body.delivery_report === 'summary' || body.delivery_report === 'full') && {
      reportCarrier: lastToFinish(recipients),
    }),
  };
  batchStore.putBatch(context.store, stored);
  for (const r of recipients)
    batchStore.setLastOriginator(context.store, r.msisdn, batch.from as string);
  return { response: { status: 201, body: batch }, messages: messagesOf(stored) };
}

/**
 * `POST /batches/dry_run`: what a batch would be, without sending it: message and part counts, and
 * with `per_recipient=true` each recipient's text and encoding (at most `number_of_recipients`, default 100).
 */
export function acceptDryRun(request: SimRequest, context: Context): AcceptResult {
  const body = request.body as SendBatchBody;
  const recipients = expandRecipients(body.to, context);
  const perRecipient = request.query.get('per_recipient') === 'true';
  const limit = Number(request.query.get('number_of_recipients') ?? 100);
  const rows = recipients.map((msisdn) => {
    const personal = personalise(body.body, msisdn, body.parameters);
    const text = 'text' in personal ? personal.text : body.body;
    const { encoding, parts } = messageParts(text);
    return { recipient: msisdn, number_of_parts: parts, body: text, encoding };
  });
  return {
    response: {
      status: 200,
      body: {
        number_of_recipients: recipients.length,
        number_of_messages: rows.reduce((n, r) => n + r.number_of_parts, 0),
        ...(perRecipient && { per_recipient: rows.slice(0, Math.max(0, limit)) }),
      },
    },
  };
}
