/**
 * Contract cases shared by the gateways that send WhatsApp through a CleverTap "Generic (Other)"
 * provider (Sinch India WhatsApp, Kaleyra, MSG91): the same payload and callback formats, different
 * endpoints and credentials.
 * @see https://docs.clevertap.com/docs/generic-whatsapp
 */
import { ContractFailure, failuresFromDiagnostics } from '../../src/contracts/contract-failure.js';
import { fireCheckedCallback } from '../../src/contracts/fire-checked-callback.js';
import type { CallbackAnswer, CaseContext, ContractCase } from '../../src/contracts/types.js';
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

/** One status the simulator posted, with the gateway's answer to it. */
interface SimulatorStatus {
  msgId: string;
  status: string;
  target: string;
  answer: number | undefined;
}

/** The statuses the simulator posted for `entry` (first attempts only), with the answers. */
function simulatorStatuses(entry: ServeEvent): SimulatorStatus[] {
  return entry.subEvents.flatMap((sub) => {
    const body = sub.body as { statuses?: unknown } | undefined;
    if (sub.type !== 'callback-attempt' || sub.attempt !== 1 || !Array.isArray(body?.statuses)) {
      return [];
    }
    return (body.statuses as { msgId?: unknown; status?: unknown }[]).map((s) => ({
      msgId: String(s.msgId),
      status: String(s.status),
      target: String(sub.target),
      answer: typeof sub.status === 'number' ? sub.status : undefined,
    }));
  });
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

/** Fires an inbound message (checked against the provider's schema first) at the gateway. */
function fireInbound(
  ctx: CaseContext,
  provider: string,
  type: string,
  content: Record<string, unknown>,
  contextId?: string,
): Promise<CallbackAnswer> {
  return fireCheckedCallback(ctx, {
    schema: `${provider}/inbound-callback`,
    url: ctx.gateway.callbackUrl(provider, 'inbound'),
    body: {
      payloadVersion: '0.1',
      from: READ_NUMBER,
      wabaNumber: '919800000099',
      timestamp: nowSeconds(),
      type,
      ...(contextId !== undefined && { context: { id: contextId } }),
      ...content,
    },
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

const pause = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Records a failure if the gateway's status of `id` moved away from `before` after a later callback. */
async function expectUnchanged(
  ctx: CaseContext,
  id: string,
  before: string | undefined,
  after: string,
): Promise<void> {
  await pause(ctx.timeouts.graceMs);
  const now = await ctx.gateway.status!(id);
  if (now !== before) {
    ctx.fail({
      message: `${after} moved message ${id} from ${JSON.stringify(before)} to ${JSON.stringify(now)}; a status never goes back`,
      pointer: '/status',
      value: now,
      subject: `gateway message ${id}`,
    });
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
}

/**
 * The CleverTap Generic WhatsApp cases for one provider. They assume the simulator's sandbox: the
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

  const uniqueMsgId: ContractCase = {
    id: `${P}-unique-msgid`,
    provider: P,
    title: 'gives every message a msgId of its own, even for one number twice in a second',
    async run(ctx) {
      for (let i = 0; i < 3; i++) await sendTemplate(ctx, P, [READ_NUMBER]);
      await sendTemplate(ctx, P, ['919800000002', '919800000003']);
      const firstUse = new Map<string, ServeEvent>();
      for (const entry of await awaitRequests(ctx, P, 5)) {
        const msgId = msgIdOf(entry);
        if (typeof msgId !== 'string' || msgId === '') {
          ctx.fail({
            message: '/msgId must be a non-empty string: every status callback echoes it',
            pointer: '/msgId',
            value: msgId,
            subject: subjectOf(entry),
          });
          continue;
        }
        const first = firstUse.get(msgId);
        if (first) {
          ctx.fail({
            message: `/msgId is also used by ${subjectOf(first)}; their status callbacks cannot be told apart`,
            pointer: '/msgId',
            value: msgId,
            subject: subjectOf(entry),
          });
        } else {
          firstUse.set(msgId, entry);
        }
      }
    },
  };

  const dlrAcknowledged: ContractCase = {
    id: `${P}-dlr-acknowledged`,
    provider: P,
    title:
      'acknowledges sent, delivered, read, failed and Clicked statuses with 2xx (and, with a probe, records delivery and failure)',
    async run(ctx) {
      const delivered = await sendOne(ctx, P, SENT_ONLY_NUMBERS[0]);
      const failed = await sendOne(ctx, P, SENT_ONLY_NUMBERS[1]);
      const dlrUrl = ctx.gateway.callbackUrl(P, 'dlr');
      for (const sent of [delivered, failed]) {
        const entry = await settle(ctx, P, sent, 'sent');
        for (const s of simulatorStatuses(entry)) {
          if (
            s.target !== dlrUrl ||
            (s.answer !== undefined && s.answer >= 200 && s.answer < 300)
          ) {
            continue;
          }
          ctx.fail({
            message: `the gateway answered ${s.answer ?? 'nothing'} to the simulator's ${s.status} status for ${s.msgId}; expected 2xx`,
            pointer: '',
            value: s.answer,
            subject: `simulator status callback for ${subjectOf(entry)}`,
          });
        }
      }
      const fired: [string, Record<string, unknown>][] = [
        ['a sent status', statusOf(delivered.msgId, 'sent')],
        ['a delivered status', statusOf(delivered.msgId, 'delivered')],
        ['a read status', statusOf(delivered.msgId, 'read')],
        [`a failed status (code ${FAILED_CODE})`, failedStatus(failed.msgId)],
        [
          'a Clicked status',
          {
            msgId: delivered.msgId,
            status: 'Clicked',
            ts: Math.floor(Date.now() / 1000),
            url: 'https://shop.example.com/track/42',
            shortUrl: 'https://sim.link/abc1234',
            userAgent: 'Mozilla/5.0',
          },
        ],
      ];
      for (const [what, status] of fired) {
        expectAcknowledged(ctx, P, 'dlr', await fireStatuses(ctx, P, [status]), what);
      }
      if (ctx.gateway.status) {
        await expectStatus(
          ctx,
          delivered.id,
          DELIVERED_OR_READ,
          'after delivered and read statuses',
        );
        await expectStatus(
          ctx,
          failed.id,
          ['failed'],
          `after a failed status (code ${FAILED_CODE})`,
        );
      }
    },
  };

  const inboundAcknowledged: ContractCase = {
    id: `${P}-inbound-acknowledged`,
    provider: P,
    title:
      'acknowledges inbound text, image, video, audio, file (under "document"), location and button messages with 2xx',
    async run(ctx) {
      const sent = await sendOne(ctx, P, SENT_ONLY_NUMBERS[0]);
      await settle(ctx, P, sent, 'sent');
      const media = (mimeType: string, caption?: string) => ({
        mediaURL: 'https://media.example.com/m',
        mimeType,
        ...(caption !== undefined && { caption }),
      });
      const inbound: [string, Record<string, unknown>, string | undefined][] = [
        ['text', { text: { body: 'Where is my order?' } }, undefined],
        ['image', { image: media('image/jpeg', 'my receipt') }, sent.msgId],
        ['video', { video: media('video/mp4') }, sent.msgId],
        ['audio', { audio: media('audio/ogg') }, sent.msgId],
        ['file', { document: media('application/pdf', 'invoice') }, sent.msgId],
        [
          'location',
          { location: { latitude: '19.0760', longitude: '72.8777', address: 'Mumbai' } },
          sent.msgId,
        ],
        ['button', { button: { payload: 'STOP', text: 'STOP' } }, sent.msgId],
      ];
      for (const [type, content, contextId] of inbound) {
        expectAcknowledged(
          ctx,
          P,
          'inbound',
          await fireInbound(ctx, P, type, content, contextId),
          `an inbound ${type} message`,
        );
      }
    },
  };

  const duplicateDlr: ContractCase = {
    id: `${P}-duplicate-dlr`,
    provider: P,
    title:
      'acknowledges a repeated status with 2xx both times (and, with a probe, keeps the status)',
    async run(ctx) {
      const sent = await sendOne(ctx, P, SENT_ONLY_NUMBERS[0]);
      await settle(ctx, P, sent, 'sent');
      const status = statusOf(sent.msgId, 'delivered');
      expectAcknowledged(ctx, P, 'dlr', await fireStatuses(ctx, P, [status]), 'a delivered status');
      const before = ctx.gateway.status
        ? await expectStatus(ctx, sent.id, DELIVERED_OR_READ, 'after a delivered status')
        : undefined;
      expectAcknowledged(
        ctx,
        P,
        'dlr',
        await fireStatuses(ctx, P, [status]),
        'the same delivered status again',
      );
      if (ctx.gateway.status) await expectUnchanged(ctx, sent.id, before, 'a repeated status');
    },
  };

  const extraKeys: ContractCase = {
    id: `${P}-callback-extra-keys`,
    provider: P,
    title: 'acknowledges status and inbound callbacks that carry undocumented keys with 2xx',
    async run(ctx) {
      const sent = await sendOne(ctx, P, SENT_ONLY_NUMBERS[0]);
      await settle(ctx, P, sent, 'sent');
      const status = statusOf(sent.msgId, 'delivered', {
        conversation: { id: 'c-1', origin: { type: 'marketing' } },
        pricing: { billable: true, category: 'marketing' },
      });
      expectAcknowledged(
        ctx,
        P,
        'dlr',
        await fireStatuses(ctx, P, [status], { bsp: P }),
        'a status with extra keys (conversation, pricing, bsp)',
      );
      expectAcknowledged(
        ctx,
        P,
        'inbound',
        await fireInbound(ctx, P, 'text', {
          text: { body: 'hi' },
          profile: { name: 'Asha' },
        }),
        'an inbound text with an extra key (profile)',
      );
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

  const readBeforeDelivered: ContractCase = {
    id: `${P}-read-before-delivered`,
    provider: P,
    title:
      'acknowledges read before delivered, then delivered and sent, with 2xx (and, with a probe, never moves the status back)',
    async run(ctx) {
      const sent = await sendOne(ctx, P, SENT_ONLY_NUMBERS[0]);
      await settle(ctx, P, sent, 'sent');
      expectAcknowledged(
        ctx,
        P,
        'dlr',
        await fireStatuses(ctx, P, [statusOf(sent.msgId, 'read')]),
        'a read status before any delivered',
      );
      const afterRead = ctx.gateway.status
        ? await expectStatus(ctx, sent.id, DELIVERED_OR_READ, 'after a read status')
        : undefined;
      for (const late of ['delivered', 'sent']) {
        expectAcknowledged(
          ctx,
          P,
          'dlr',
          await fireStatuses(ctx, P, [statusOf(sent.msgId, late)]),
          `a ${late} status after read`,
        );
        if (ctx.gateway.status) {
          await expectUnchanged(ctx, sent.id, afterRead, `a ${late} status after read`);
        }
      }
    },
  };

  return [
    sendRequestValid,
    authHeaders,
    uniqueMsgId,
    dlrAcknowledged,
    inboundAcknowledged,
    duplicateDlr,
    extraKeys,
    severalStatuses,
    readBeforeDelivered,
  ];
}
