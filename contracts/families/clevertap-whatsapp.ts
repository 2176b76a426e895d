/**
 * The descriptor and the cases shared by the gateways that send WhatsApp through a CleverTap
 * "Generic (Other)" provider (Sinch India WhatsApp, Kaleyra, MSG91): the same payload and callback
 * formats, different endpoints and credentials.
 * @see https://docs.clevertap.com/docs/generic-whatsapp
 */
import { ContractFailure, failuresFromDiagnostics } from '../../src/contracts/contract-failure.js';
import { fireCheckedCallback } from '../../src/contracts/fire-checked-callback.js';
import type {
  CallbackVariant,
  ProviderContractDescriptor,
  SentMessage as TrackedMessage,
} from '../../src/contracts/provider-descriptor.js';
import type {
  CallbackAnswer,
  CaseContext,
  ContractCase,
  GatewaySendInput,
} from '../../src/contracts/types.js';
import { WaitTimeoutError } from '../../src/contracts/wait-for.js';
import type { ServeEvent } from '../../src/index.js';

/** The template the cases send; the simulator's sandbox approves it with two body parameters. */
export const WHATSAPP_TEMPLATE_ID = 'order_shipped';
/** The rendered body the cases ask for: "Hi {{1}}, order {{2}} has shipped." with Asha and 42. */
export const WHATSAPP_TEMPLATE_TEXT = 'Hi Asha, order 42 has shipped.';
/** Goes sent -> delivered -> read under the simulator's default outcome rules. */
const READ_NUMBER = '919800000001';
/** Stop at `sent` under the simulator's default outcome rules (numbers ending 09001). */
const SENT_ONLY_NUMBERS = ['919800009001', '919800109001'] as const;
const FAILED_CODE = 1002;
const FAILED_TITLE = 'Invalid phone number';

/** The JSON body of a journaled request, when it is an object. */
function bodyOf(entry: ServeEvent): Record<string, unknown> | undefined {
  const body = entry.request.body;
  return body !== null && typeof body === 'object' && !Array.isArray(body)
    ? (body as Record<string, unknown>)
    : undefined;
}

/** The message of a send body (the validation payload wraps it in `body`). */
function messageOf(entry: ServeEvent): Record<string, unknown> | undefined {
  const body = bodyOf(entry);
  const inner = body?.body;
  return inner !== null && typeof inner === 'object' && !Array.isArray(inner)
    ? (inner as Record<string, unknown>)
    : body;
}

/** The msgId of a journaled send, under either documented spelling. */
function msgIdOf(entry: ServeEvent): unknown {
  const message = messageOf(entry);
  return message?.msgId ?? message?.msg_id;
}

/** Names a journaled request in failure reports. */
export const subjectOf = (entry: ServeEvent): string =>
  `request ${entry.id} (${entry.request.method} ${entry.request.path})`;

/** Waits until the gateway made at least `count` requests to `provider` since the case started. */
export async function awaitRequests(
  ctx: CaseContext,
  provider: string,
  count: number,
): Promise<ServeEvent[]> {
  try {
    return await ctx.waitFor(`${count} request(s) to ${provider}`, async () => {
      const found = await ctx.requests({ provider });
      return found.length >= count ? found : undefined;
    });
  } catch (error) {
    if (!(error instanceof WaitTimeoutError)) throw error;
    const found = await ctx.requests({ provider });
    throw new ContractFailure({
      message: `after the sends, the simulator recorded ${found.length} request(s) to ${provider}; expected at least ${count}`,
      pointer: '',
      value: found.length,
      subject: 'simulator journal',
    });
  }
}

/** Asks the gateway for the template message the cases use. */
export const sendTemplate = (ctx: CaseContext, provider: string, to: string[]) =>
  ctx.gateway.send({
    provider,
    to,
    text: WHATSAPP_TEMPLATE_TEXT,
    templateId: WHATSAPP_TEMPLATE_ID,
  });

/** A one-recipient message the gateway sent and the simulator accepted. */
interface SentMessage {
  /** The gateway's id of the message. */
  id: string;
  entry: ServeEvent;
  msgId: string;
}

/** Sends one template message to `to` and finds the request it made; throws when a precondition fails. */
async function sendOne(ctx: CaseContext, provider: string, to: string): Promise<SentMessage> {
  const seen = new Set((await ctx.requests({ provider })).map((e) => e.id));
  const { ids } = await sendTemplate(ctx, provider, [to]);
  if (ids.length !== 1) {
    throw new Error(
      `the gateway reported ${ids.length} messages for a one-recipient send; expected 1`,
    );
  }
  const entry = await ctx.waitFor(`the gateway's request to ${to}`, async () =>
    (await ctx.requests({ provider, recipient: to })).find((e) => !seen.has(e.id)),
  );
  if (entry.outcome !== 'accepted') {
    throw new Error(
      `precondition: the simulator refused ${subjectOf(entry)} with ${entry.response?.status ?? 'no answer'} (${JSON.stringify(entry.response?.body)}); this case needs an accepted send`,
    );
  }
  const msgId = msgIdOf(entry);
  if (typeof msgId !== 'string' || msgId === '') {
    throw new Error(`precondition: ${subjectOf(entry)} has no msgId to report on`);
  }
  return { id: ids[0]!, entry, msgId };
}

/**
 * Waits until the simulator has reached `final` for the message of `sent` and its status callbacks
 * have been answered (or skipped for want of a URL), so the suite's own callbacks come after them.
 */
async function settle(
  ctx: CaseContext,
  provider: string,
  sent: SentMessage,
  final: string,
): Promise<ServeEvent> {
  return ctx.waitFor(`the simulator's status callbacks for ${subjectOf(sent.entry)}`, async () => {
    const entry = (await ctx.requests({ provider })).find((e) => e.id === sent.entry.id);
    if (!entry || entry.messages[0]?.status !== final) return undefined;
    const steps = entry.subEvents.filter((s) => s.type === 'status').length;
    const reported = entry.subEvents.filter(
      (s) => (s.type === 'callback-attempt' && s.attempt === 1) || s.type === 'callback-skipped',
    ).length;
    return reported >= steps ? entry : undefined;
  });
}

const nowSeconds = (): string => String(Math.floor(Date.now() / 1000));

/** One entry of a status callback. */
const statusOf = (
  msgId: string,
  status: string,
  extra: Record<string, unknown> = {},
): Record<string, unknown> => ({ msgId, status, timestamp: nowSeconds(), ...extra });

const failedStatus = (msgId: string): Record<string, unknown> =>
  statusOf(msgId, 'failed', { error: { code: FAILED_CODE, title: FAILED_TITLE } });

/** Fires a status callback (checked against the provider's schema first) at the gateway. */
function fireStatuses(
  ctx: CaseContext,
  provider: string,
  statuses: Record<string, unknown>[],
  extra: Record<string, unknown> = {},
): Promise<CallbackAnswer> {
  return fireCheckedCallback(ctx, {
    schema: `${provider}/dlr-callback`,
    url: ctx.gateway.callbackUrl(provider, 'dlr'),
    body: { payloadVersion: '0.1', statuses, ...extra },
  });
}

/** Records a failure unless the gateway acknowledged a callback with 2xx. */
function expectAcknowledged(
  ctx: CaseContext,
  provider: string,
  kind: 'dlr' | 'inbound',
  answer: CallbackAnswer,
  what: string,
): void {
  if (answer.status >= 200 && answer.status < 300) return;
  let body: unknown = answer.body.slice(0, 300);
  try {
    body = JSON.parse(answer.body);
  } catch {
    // Not JSON: keep the text.
  }
  ctx.fail({
    message: `the gateway answered ${answer.status} to ${what}; a callback not acknowledged with 2xx is retried or lost`,
    pointer: '',
    value: { status: answer.status, body },
    subject: `${kind === 'dlr' ? 'status' : 'inbound'} callback to ${ctx.gateway.callbackUrl(provider, kind)}`,
  });
}

/** Waits for the gateway's status of `id` to be one of `expected`; records a failure if it is not. */
async function expectStatus(
  ctx: CaseContext,
  id: string,
  expected: readonly string[],
  why: string,
): Promise<string | undefined> {
  let last: string | undefined;
  try {
    return await ctx.waitFor(`status ${expected.join(' or ')} of message ${id}`, async () => {
      last = await ctx.gateway.status!(id);
      return last !== undefined && expected.includes(last) ? last : undefined;
    });
  } catch (error) {
    if (!(error instanceof WaitTimeoutError)) throw error;
    ctx.fail({
      message: `message ${id} is ${JSON.stringify(last)} ${why}; expected ${expected.map((s) => `"${s}"`).join(' or ')}`,
      pointer: '/status',
      value: last,
      subject: `gateway message ${id}`,
    });
    return undefined;
  }
}

/** Statuses that mean the message reached the phone (a gateway may keep `read` apart or not). */
const DELIVERED_OR_READ = ['delivered', 'read'] as const;

/** The simulator's own findings on a body that passed the schema: number, business number, template. */
const BODY_RULES = new Set(['phone-number', 'business-number', 'approved-template']);

/** What differs between the three providers' suites. */
export interface ClevertapWhatsappContractSpec {
  /** Provider id, e.g. `kaleyra`. */
  provider: string;
  /** What the provider's headers must carry, as a sentence (case title). */
  headersTitle: string;
  /** Where credentials travel, for messages (`user and password headers`). */
  credentials: string;
}

/** Epoch seconds, as CleverTap's `timestamp` (a string) and a click's `ts` (a number). */
const secondsOf = (atMs: number): number => Math.floor(atMs / 1000);

/** A template send to `to`: the sandbox approves it, so every number can get it at any time. */
const templateSend = (provider: string, to: string[]): GatewaySendInput => ({
  provider,
  to,
  text: WHATSAPP_TEMPLATE_TEXT,
  templateId: WHATSAPP_TEMPLATE_ID,
});

/**
 * Recipient `9198<slot:6>11`: read under the default outcome rules, which only stop or fail
 * numbers ending 09001, 09002, 01000–01010 and 02001–02004.
 */
const recipientFor = (slot: number): string => `9198${String(slot).padStart(6, '0')}11`;

/** A status callback about `message` with one status entry. */
const statusCallback = (
  message: TrackedMessage,
  at: number,
  status: string,
  extra: Record<string, unknown> = {},
): { body: unknown } => ({
  body: {
    payloadVersion: '0.1',
    statuses: [{ msgId: message.reference, status, timestamp: String(secondsOf(at)), ...extra }],
  },
});

/** An inbound message from the recipient of `message`, replying to it. */
const inboundCallback = (
  message: TrackedMessage,
  at: number,
  type: string,
  content: Record<string, unknown>,
): { body: unknown } => ({
  body: {
    payloadVersion: '0.1',
    from: message.to[0] ?? READ_NUMBER,
    wabaNumber: '919800000099',
    timestamp: String(secondsOf(at)),
    type,
    context: { id: message.reference },
    ...content,
  },
});

const media = (mimeType: string, caption?: string): Record<string, unknown> => ({
  mediaURL: 'https://media.example.com/m',
  mimeType,
  ...(caption !== undefined && { caption }),
});

/**
 * A CleverTap Generic WhatsApp provider for the common cases. One recipient per request (the
 * payload has one `to`), so there is no batch limit; the body limit is the simulator's. Freeform
 * text goes only into the oversized send, as the 24-hour session window refuses it elsewhere.
 */
export function clevertapWhatsappDescriptor(
  spec: ClevertapWhatsappContractSpec,
): ProviderContractDescriptor {
  const { provider } = spec;
  const dlr = `${provider}/dlr-callback`;
  const inboundSchema = `${provider}/inbound-callback`;
  const status = (name: string, expect?: string, extra?: Record<string, unknown>) =>
    ({
      name,
      type: 'status',
      kind: 'dlr',
      schema: dlr,
      ...(expect !== undefined && { expectStatus: expect }),
      build: (m, at) => statusCallback(m, at, name, extra),
    }) satisfies CallbackVariant;
  const inbound = (name: string, type: string, content: Record<string, unknown>) =>
    ({
      name,
      type: 'inbound',
      kind: 'inbound',
      schema: inboundSchema,
      build: (m, at) => inboundCallback(m, at, type, content),
    }) satisfies CallbackVariant;
  return {
    provider,
    sendRoute: 'send',
    requestSchemas: () => [`${provider}/send-request`],
    credentials: spec.credentials,
    recipient: recipientFor,
    sendInput: (to, text) =>
      text === undefined ? templateSend(provider, to) : { provider, to, text },
    sampleSends: (nextSlot) => [
      templateSend(provider, [recipientFor(nextSlot())]),
      templateSend(provider, [recipientFor(nextSlot()), recipientFor(nextSlot())]),
    ],
    recipientsOf: (entry) => {
      const to = messageOf(entry)?.to;
      return typeof to === 'string' ? [to] : [];
    },
    requestId: {
      pointer: '/msgId',
      of: (entry) => {
        const msgId = msgIdOf(entry);
        return typeof msgId === 'string' ? msgId : undefined;
      },
    },
    // Every status callback echoes the msgId of the request, byte for byte.
    referenceOf: (entry) => {
      const msgId = msgIdOf(entry);
      return typeof msgId === 'string' && msgId !== '' ? msgId : undefined;
    },
    limits: { maxBodyBytes: 1_048_576 },
    businessError: 'invalid_recipient',
    callbacks: [
      status('sent'),
      status('delivered', 'delivered'),
      // The gateway keeps read as delivered: read implies it.
      status('read', 'delivered'),
      status('failed', 'failed', { error: { code: FAILED_CODE, title: FAILED_TITLE } }),
      {
        name: 'clicked',
        type: 'event',
        kind: 'dlr',
        schema: dlr,
        build: (m, at) => ({
          body: {
            payloadVersion: '0.1',
            statuses: [
              {
                msgId: m.reference,
                status: 'Clicked',
                ts: secondsOf(at),
                url: 'https://shop.example.com/track/42',
                shortUrl: 'https://sim.link/abc1234',
                userAgent: 'Mozilla/5.0',
              },
            ],
          },
        }),
      },
      inbound('text', 'text', { text: { body: 'Where is my order?' } }),
      inbound('image', 'image', { image: media('image/jpeg', 'my receipt') }),
      inbound('video', 'video', { video: media('video/mp4') }),
      inbound('audio', 'audio', { audio: media('audio/ogg') }),
      // CleverTap's type is `file`, its content under `document`.
      inbound('file', 'file', { document: media('application/pdf', 'invoice') }),
      inbound('location', 'location', {
        location: { latitude: '19.0760', longitude: '72.8777', address: 'Mumbai' },
      }),
      inbound('button', 'button', { button: { payload: 'STOP', text: 'STOP' } }),
    ],
    outOfOrder: [
      { sequence: ['read', 'delivered', 'sent'], expect: 'delivered' },
      { sequence: ['failed', 'delivered'], expect: 'failed' },
    ],
    generated: [
      {
        kind: 'dlr',
        schema: dlr,
        bind(sample, message, at) {
          const body = structuredClone(sample) as { statuses: Record<string, unknown>[] };
          for (const entry of body.statuses) {
            entry.msgId = message.reference;
            if ('timestamp' in entry) entry.timestamp = String(secondsOf(at));
            if ('ts' in entry) entry.ts = secondsOf(at);
          }
          return body;
        },
      },
      {
        kind: 'inbound',
        schema: inboundSchema,
        bind(sample, message, at) {
          const body = structuredClone(sample) as Record<string, unknown>;
          body.timestamp = String(secondsOf(at));
          body.context = { ...(body.context as object | undefined), id: message.reference };
          return body;
        },
      },
    ],
  };
}

/**
 * The CleverTap Generic WhatsApp cases for one provider beyond the common ones. They assume the simulator's sandbox: the
 * template `order_shipped` (en, two parameters) and the default outcome rules (numbers ending
 * 09001 stop at `sent`, so the suite's own status callbacks decide what follows).
 */
export function clevertapWhatsappCases(spec: ClevertapWhatsappContractSpec): ContractCase[] {
  const { provider } = spec;
  const P = provider;

  const sendRequestValid: ContractCase = {
    id: `${P}-send-request-valid`,
    provider: P,
    title: `sends template and freeform messages that satisfy ${P}/send-request and the provider's template and number rules`,
    async run(ctx) {
      await sendTemplate(ctx, P, [READ_NUMBER]);
      await ctx.gateway.send({ provider: P, to: ['919800000002'], text: 'Thanks, we are on it.' });
      for (const entry of await awaitRequests(ctx, P, 2)) {
        const subject = subjectOf(entry);
        if (entry.route !== 'send') {
          ctx.fail({
            message: `${entry.request.method} ${entry.request.path} is not the ${P} send route`,
            pointer: '',
            value: entry.request.path,
            subject,
          });
          continue;
        }
        const body = entry.request.body;
        const schemaId = `${P}/send-request`;
        for (const failure of failuresFromDiagnostics(
          ctx.simulator.schemas.validate(schemaId, body),
          body,
          subject,
          schemaId,
        )) {
          ctx.fail(failure);
        }
        const rules = entry.diagnostics.filter((d) => BODY_RULES.has(d.keyword));
        for (const failure of failuresFromDiagnostics(rules, body, subject, `${P} rules`)) {
          ctx.fail(failure);
        }
      }
    },
  };

  const authHeaders: ContractCase = {
    id: `${P}-auth-headers`,
    provider: P,
    title: spec.headersTitle,
    async run(ctx) {
      await sendTemplate(ctx, P, [READ_NUMBER]);
      for (const entry of await awaitRequests(ctx, P, 1)) {
        const subject = subjectOf(entry);
        const headers = entry.request.headers;
        const schemaId = `${P}/request-headers`;
        for (const failure of failuresFromDiagnostics(
          ctx.simulator.schemas.validate(schemaId, headers),
          headers,
          subject,
          schemaId,
        )) {
          ctx.fail({ ...failure, pointer: `/headers${failure.pointer}` });
        }
        // The journal redacts secrets, so the simulator's own findings, made before redaction, stand in.
        for (const d of entry.diagnostics) {
          if (d.severity !== 'error' || !/^(auth-|json-headers)/.test(d.keyword)) continue;
          ctx.fail({
            message: `the simulator refused the request's credentials: ${d.message}`,
            pointer: d.pointer || '/headers',
            subject,
          });
        }
      }
    },
  };

  const severalStatuses: ContractCase = {
    id: `${P}-several-statuses`,
    provider: P,
    title:
      'acknowledges one callback carrying several statuses of several messages with 2xx (and, with a probe, applies every one)',
    async run(ctx) {
      const first = await sendOne(ctx, P, SENT_ONLY_NUMBERS[0]);
      const second = await sendOne(ctx, P, SENT_ONLY_NUMBERS[1]);
      await settle(ctx, P, first, 'sent');
      await settle(ctx, P, second, 'sent');
      const statuses = [
        statusOf(first.msgId, 'delivered'),
        statusOf(first.msgId, 'read'),
        failedStatus(second.msgId),
      ];
      expectAcknowledged(
        ctx,
        P,
        'dlr',
        await fireStatuses(ctx, P, statuses),
        'a callback with delivered and read for one message and failed for another',
      );
      if (ctx.gateway.status) {
        await expectStatus(ctx, first.id, DELIVERED_OR_READ, 'after the grouped statuses');
        await expectStatus(
          ctx,
          second.id,
          ['failed'],
          'after its failed status, third in the group',
        );
      }
    },
  };

  return [sendRequestValid, authHeaders, severalStatuses];
}
