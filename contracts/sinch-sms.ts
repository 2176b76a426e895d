/**
 * Contract cases for gateways that send SMS through Sinch India the way CleverTap's "Other
 * (Generic)" SMS provider does, and take its DLRs in the CleverTap Generic SMS format.
 * @see https://docs.clevertap.com/docs/sinch-sms
 * @see https://docs.clevertap.com/docs/generic-sms
 */
import { ContractFailure, failuresFromDiagnostics } from '../src/contracts/contract-failure.js';
import { fireCheckedCallback } from '../src/contracts/fire-checked-callback.js';
import type { CallbackAnswer, CaseContext, ContractCase } from '../src/contracts/types.js';
import { WaitTimeoutError } from '../src/contracts/wait-for.js';
import type { ServeEvent } from '../src/index.js';

const PROVIDER = 'sinch-sms';
const SEND_ROUTE = 'send';
const SEND_SCHEMA = 'sinch-sms/send-request';
const DLT_SCHEMA = 'sinch-sms/dlt-domestic';
const DLR_SCHEMA = 'sinch-sms/dlr-callback';
/** Most recipients CleverTap puts in one batch. */
const MAX_RECIPIENTS = 1000;
/** The DLT template id of CleverTap's sample payload. */
const TEMPLATE_ID = '1107100000000000002';
/** Delivered under the simulator's default outcome rules. */
const DELIVERED_NUMBER = '919800000001';
/** Fails with 901 (DND) under the simulator's default outcome rules. */
const FAILED_NUMBER = '919800000901';
const FAILED_CODE = '901';
const FAILED_DESCRIPTION = 'DND failure';
const DELIVERED_DESCRIPTION = 'Delivered to handset';

/** The JSON body of a journaled request, when it is an object. */
function bodyOf(entry: ServeEvent): Record<string, unknown> | undefined {
  const body = entry.request.body;
  return body !== null && typeof body === 'object' && !Array.isArray(body)
    ? (body as Record<string, unknown>)
    : undefined;
}

/** The comma-separated recipients of a journaled send, as sent. */
function recipientsOf(entry: ServeEvent): string[] {
  const to = bodyOf(entry)?.to;
  return typeof to === 'string'
    ? to
        .split(',')
        .map((r) => r.trim())
        .filter((r) => r !== '')
    : [];
}

const subjectOf = (entry: ServeEvent): string =>
  `request ${entry.id} (${entry.request.method} ${entry.request.path})`;

/** Waits until the gateway made at least `count` requests to Sinch SMS since the case started. */
async function awaitRequests(ctx: CaseContext, count: number): Promise<ServeEvent[]> {
  try {
    return await ctx.waitFor(`${count} request(s) to ${PROVIDER}`, async () => {
      const found = await ctx.requests({ provider: PROVIDER });
      return found.length >= count ? found : undefined;
    });
  } catch (error) {
    if (!(error instanceof WaitTimeoutError)) throw error;
    const found = await ctx.requests({ provider: PROVIDER });
    throw new ContractFailure({
      message: `after the sends, the simulator recorded ${found.length} request(s) to ${PROVIDER}; expected at least ${count}`,
      pointer: '',
      value: found.length,
      subject: 'simulator journal',
    });
  }
}

/** A one-recipient message the gateway sent and the simulator accepted. */
interface SentMessage {
  /** The gateway's id of the message. */
  id: string;
  entry: ServeEvent;
  msgid: string;
}

/** Sends one message to `to` and finds the request it made; throws when a precondition fails. */
async function sendOne(ctx: CaseContext, to: string): Promise<SentMessage> {
  const seen = new Set((await ctx.requests({ provider: PROVIDER })).map((e) => e.id));
  const { ids } = await ctx.gateway.send({
    provider: PROVIDER,
    to: [to],
    text: 'Your OTP is 123456',
    templateId: TEMPLATE_ID,
  });
  if (ids.length !== 1) {
    throw new Error(
      `the gateway reported ${ids.length} messages for a one-recipient send; expected 1`,
    );
  }
  const entry = await ctx.waitFor(`the gateway's request to ${to}`, async () =>
    (await ctx.requests({ provider: PROVIDER })).find(
      (e) => !seen.has(e.id) && recipientsOf(e).includes(to),
    ),
  );
  if (entry.outcome !== 'accepted') {
    throw new Error(
      `precondition: the simulator refused ${subjectOf(entry)} with ${entry.response?.status ?? 'no answer'} (${JSON.stringify(entry.response?.body)}); this case needs an accepted send`,
    );
  }
  const msgid = bodyOf(entry)?.msgid;
  if (typeof msgid !== 'string' || msgid === '') {
    throw new Error(`precondition: ${subjectOf(entry)} has no msgid to report on`);
  }
  return { id: ids[0]!, entry, msgid };
}

/** One record of a DLR the simulator posted, with the gateway's answer to it. */
interface SimulatorReport {
  ts: number;
  meta: string;
  target: string;
  status: number | undefined;
}

/** The DLR records the simulator posted for `entry` (first attempts only), with the answers. */
function simulatorReports(entry: ServeEvent): SimulatorReport[] {
  const out: SimulatorReport[] = [];
  for (const sub of entry.subEvents) {
    if (sub.type !== 'callback-attempt' || sub.attempt !== 1 || !Array.isArray(sub.body)) continue;
    for (const group of sub.body as { data?: unknown }[]) {
      if (!Array.isArray(group.data)) continue;
      for (const record of group.data as { ts?: unknown; meta?: unknown }[]) {
        if (typeof record.ts !== 'number' || typeof record.meta !== 'string') continue;
        out.push({
          ts: record.ts,
          meta: record.meta,
          target: String(sub.target),
          status: typeof sub.status === 'number' ? sub.status : undefined,
        });
      }
    }
  }
  return out;
}

/**
 * Waits until the simulator's own DLRs for `sent` have been answered by the gateway (or skipped for
 * want of a callback URL), so the suite's DLRs arrive after them, never racing them.
 */
async function settle(ctx: CaseContext, sent: SentMessage): Promise<ServeEvent> {
  return ctx.waitFor(`the simulator's DLRs for ${subjectOf(sent.entry)}`, async () => {
    const entry = (await ctx.requests({ provider: PROVIDER })).find((e) => e.id === sent.entry.id);
    if (!entry) return undefined;
    const reported = simulatorReports(entry).filter((r) => r.meta === sent.msgid).length;
    const skipped = entry.subEvents.filter((s) => s.type === 'callback-skipped').length;
    return reported + skipped >= entry.messages.length ? entry : undefined;
  });
}

/** A `ts` later than every DLR the simulator sent for these entries, so a fired DLR is a new report, not a repeat. */
function freshTs(entries: readonly ServeEvent[]): number {
  const latest = Math.max(0, ...entries.flatMap((e) => simulatorReports(e).map((r) => r.ts)));
  return Math.max(Math.floor(Date.now() / 1000), latest + 1);
}

const deliveredGroup = (meta: string, ts: number): Record<string, unknown> => ({
  event: 'delivered',
  data: [{ ts, meta, description: DELIVERED_DESCRIPTION }],
});

const failedGroup = (meta: string, ts: number): Record<string, unknown> => ({
  event: 'failed',
  data: [{ ts, meta, code: FAILED_CODE, description: FAILED_DESCRIPTION }],
});

/** Fires a DLR body (validated against the DLR schema first) at the gateway. */
function fireDlr(ctx: CaseContext, body: unknown): Promise<CallbackAnswer> {
  return fireCheckedCallback(ctx, {
    schema: DLR_SCHEMA,
    url: ctx.gateway.callbackUrl(PROVIDER, 'dlr'),
    body,
  });
}

/** Records a failure unless the gateway acknowledged the DLR with 2xx. */
function expectAcknowledged(ctx: CaseContext, answer: CallbackAnswer, what: string): void {
  if (answer.status >= 200 && answer.status < 300) return;
  let body: unknown = answer.body.slice(0, 300);
  try {
    body = JSON.parse(answer.body);
  } catch {
    // Not JSON: keep the text.
  }
  ctx.fail({
    message: `the gateway answered ${answer.status} to ${what}; a DLR not acknowledged with 2xx is retried or lost`,
    pointer: '',
    value: { status: answer.status, body },
    subject: `DLR callback to ${ctx.gateway.callbackUrl(PROVIDER, 'dlr')}`,
  });
}

/** Waits for the gateway's status of `id` to become `expected`; records a failure if it does not. */
async function expectStatus(
  ctx: CaseContext,
  id: string,
  expected: string,
  why: string,
): Promise<void> {
  let last: string | undefined;
  try {
    await ctx.waitFor(`status ${expected} of message ${id}`, async () => {
      last = await ctx.gateway.status!(id);
      return last === expected ? last : undefined;
    });
  } catch (error) {
    if (!(error instanceof WaitTimeoutError)) throw error;
    ctx.fail({
      message: `message ${id} is ${JSON.stringify(last)} ${why}; expected "${expected}"`,
      pointer: '/status',
      value: last,
      subject: `gateway message ${id}`,
    });
  }
}

const pause = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** (a) Every request is a valid Sinch India send, with DLT ids on domestic sends. */
const sendRequestValid: ContractCase = {
  id: 'sinch-sms-send-request-valid',
  provider: PROVIDER,
  title:
    'sends requests that satisfy sinch-sms/send-request, with 19-digit DLT ids (dpi, dtm) on domestic sends',
  async run(ctx) {
    const text = 'Your OTP is 123456';
    await ctx.gateway.send({
      provider: PROVIDER,
      to: [DELIVERED_NUMBER],
      text,
      templateId: TEMPLATE_ID,
    });
    await ctx.gateway.send({
      provider: PROVIDER,
      to: ['919800000002', '919800000003', '919800000004'],
      text,
      templateId: TEMPLATE_ID,
    });
    await ctx.gateway.send({ provider: PROVIDER, to: ['447700900123'], text, international: true });
    for (const entry of await awaitRequests(ctx, 3)) {
      const subject = subjectOf(entry);
      if (entry.route !== SEND_ROUTE) {
        ctx.fail({
          message: `${entry.request.method} ${entry.request.path} is not the send route; Sinch SMS sends are POST /${PROVIDER}/v1/enterprises/messages.json`,
          pointer: '',
          value: entry.request.path,
          subject,
        });
        continue;
      }
      const body = entry.request.body;
      // The journal redacts `pass`. "[redacted]" meets the schema's non-empty string wherever a
      // pass was sent, so the simulator's own findings at /pass, made before redaction, stand in.
      const sendFailures = failuresFromDiagnostics(
        ctx.simulator.schemas.validate(SEND_SCHEMA, body),
        body,
        subject,
        SEND_SCHEMA,
      ).filter((f) => f.pointer !== '/pass');
      const passFindings = entry.diagnostics.filter(
        (d) => d.pointer === '/pass' || d.keyword === 'auth-missing',
      );
      for (const failure of [
        ...sendFailures,
        ...failuresFromDiagnostics(passFindings, body, subject, SEND_SCHEMA),
        ...failuresFromDiagnostics(
          ctx.simulator.schemas.validate(DLT_SCHEMA, body),
          body,
          subject,
          DLT_SCHEMA,
        ),
      ]) {
        ctx.fail(failure);
      }
    }
  },
};

/** (b) A send to more than 1,000 recipients is split into requests of at most 1,000. */
const batchLimit: ContractCase = {
  id: 'sinch-sms-batch-limit',
  provider: PROVIDER,
  title:
    'splits a send to 1,001 recipients into requests of at most 1,000, each recipient sent once',
  async run(ctx) {
    const wanted = Array.from(
      { length: MAX_RECIPIENTS + 1 },
      (_, i) => `91980010${String(i).padStart(4, '0')}`,
    );
    await ctx.gateway.send({
      provider: PROVIDER,
      to: wanted,
      text: 'Sale ends today',
      templateId: TEMPLATE_ID,
    });
    await awaitRequests(ctx, 1);
    let entries: ServeEvent[] = [];
    try {
      await ctx.waitFor(`all ${wanted.length} recipients in requests`, async () => {
        entries = await ctx.requests({ provider: PROVIDER });
        return entries.flatMap(recipientsOf).length >= wanted.length ? entries : undefined;
      });
    } catch (error) {
      if (!(error instanceof WaitTimeoutError)) throw error;
    }
    const counts = new Map<string, number>();
    for (const entry of entries) {
      const recipients = recipientsOf(entry);
      if (recipients.length > MAX_RECIPIENTS) {
        ctx.fail({
          message: `/to names ${recipients.length} recipients; at most ${MAX_RECIPIENTS.toLocaleString('en')} are allowed per request`,
          pointer: '/to',
          value: recipients.length,
          subject: subjectOf(entry),
        });
      }
      for (const r of recipients) counts.set(r, (counts.get(r) ?? 0) + 1);
    }
    const missing = wanted.filter((r) => !counts.has(r));
    if (missing.length > 0) {
      ctx.fail({
        message: `${missing.length} of ${wanted.length} recipients were in no request`,
        pointer: '/to',
        value: missing.slice(0, 5),
        subject: 'all requests of the send',
      });
    }
    const repeated = [...counts].filter(([, n]) => n > 1).map(([r]) => r);
    if (repeated.length > 0) {
      ctx.fail({
        message: `${repeated.length} recipients were sent more than once`,
        pointer: '/to',
        value: repeated.slice(0, 5),
        subject: 'all requests of the send',
      });
    }
  },
};

/** (c) Every request carries its own msgid. */
const uniqueMsgid: ContractCase = {
  id: 'sinch-sms-unique-msgid',
  provider: PROVIDER,
  title: 'gives every request a msgid of its own, even for one recipient twice in a second',
  async run(ctx) {
    const text = 'Your OTP is 123456';
    for (let i = 0; i < 3; i++) {
      await ctx.gateway.send({
        provider: PROVIDER,
        to: [DELIVERED_NUMBER],
        text,
        templateId: TEMPLATE_ID,
      });
    }
    await ctx.gateway.send({
      provider: PROVIDER,
      to: ['919800000002', '919800000003'],
      text,
      templateId: TEMPLATE_ID,
    });
    const firstUse = new Map<string, ServeEvent>();
    for (const entry of await awaitRequests(ctx, 4)) {
      const msgid = bodyOf(entry)?.msgid;
      if (typeof msgid !== 'string' || msgid === '') {
        ctx.fail({
          message: '/msgid must be a non-empty string: the DLR echoes it as meta',
          pointer: '/msgid',
          value: msgid,
          subject: subjectOf(entry),
        });
        continue;
      }
      const first = firstUse.get(msgid);
      if (first) {
        ctx.fail({
          message: `/msgid is also used by ${subjectOf(first)}; their DLRs cannot be told apart`,
          pointer: '/msgid',
          value: msgid,
          subject: subjectOf(entry),
        });
      } else {
        firstUse.set(msgid, entry);
      }
    }
  },
};

/** (d) Delivered and failed DLRs are acknowledged, and their outcome recorded. */
const dlrAcknowledged: ContractCase = {
  id: 'sinch-sms-dlr-acknowledged',
  provider: PROVIDER,
  title:
    'acknowledges delivered and failed DLRs with 2xx (and, with a probe, records their outcome)',
  async run(ctx) {
    const delivered = await sendOne(ctx, DELIVERED_NUMBER);
    const failed = await sendOne(ctx, FAILED_NUMBER);
    const entries = [await settle(ctx, delivered), await settle(ctx, failed)];
    const callbackUrl = ctx.gateway.callbackUrl(PROVIDER, 'dlr');
    for (const entry of entries) {
      for (const report of simulatorReports(entry)) {
        if (
          report.target !== callbackUrl ||
          (report.status !== undefined && report.status < 300 && report.status >= 200)
        )
          continue;
        ctx.fail({
          message: `the gateway answered ${report.status ?? 'nothing'} to the simulator's DLR for ${report.meta}; expected 2xx`,
          pointer: '',
          value: report.status,
          subject: `simulator DLR for ${subjectOf(entry)}`,
        });
      }
    }
    const ts = freshTs(entries);
    expectAcknowledged(
      ctx,
      await fireDlr(ctx, [deliveredGroup(delivered.msgid, ts)]),
      'a delivered DLR',
    );
    expectAcknowledged(
      ctx,
      await fireDlr(ctx, [failedGroup(failed.msgid, ts)]),
      `a failed DLR (code ${FAILED_CODE})`,
    );
    expectAcknowledged(
      ctx,
      await fireDlr(ctx, [
        deliveredGroup(delivered.msgid, ts + 1),
        failedGroup(failed.msgid, ts + 1),
      ]),
      'a DLR with a delivered and a failed group',
    );
    if (ctx.gateway.status) {
      await expectStatus(ctx, delivered.id, 'delivered', 'after a delivered DLR');
      await expectStatus(ctx, failed.id, 'failed', `after a failed DLR (code ${FAILED_CODE})`);
    }
  },
};

/** (e) A DLR repeated byte for byte is acknowledged and changes nothing. */
const duplicateDlr: ContractCase = {
  id: 'sinch-sms-duplicate-dlr',
  provider: PROVIDER,
  title: 'acknowledges a repeated DLR with 2xx both times (and, with a probe, keeps the status)',
  async run(ctx) {
    const sent = await sendOne(ctx, DELIVERED_NUMBER);
    const entry = await settle(ctx, sent);
    const body = [deliveredGroup(sent.msgid, freshTs([entry]))];
    expectAcknowledged(ctx, await fireDlr(ctx, body), 'a delivered DLR');
    const before = await ctx.gateway.status?.(sent.id);
    expectAcknowledged(ctx, await fireDlr(ctx, body), 'the same delivered DLR again');
    if (ctx.gateway.status) {
      await pause(ctx.timeouts.graceMs);
      const after = await ctx.gateway.status(sent.id);
      if (after !== before) {
        ctx.fail({
          message: `a repeated DLR changed message ${sent.id} from ${JSON.stringify(before)} to ${JSON.stringify(after)}`,
          pointer: '/status',
          value: after,
          subject: `gateway message ${sent.id}`,
        });
      }
    }
  },
};

/** (f) Undocumented keys in DLR records are ignored, as CleverTap ignores them. */
const dlrExtraKeys: ContractCase = {
  id: 'sinch-sms-dlr-extra-keys',
  provider: PROVIDER,
  title: 'acknowledges DLRs whose groups and records carry undocumented keys with 2xx',
  async run(ctx) {
    const sent = await sendOne(ctx, DELIVERED_NUMBER);
    const entry = await settle(ctx, sent);
    // INMSID is what MSG91's CleverTap-format SMS webhook adds; extra keys are allowed by the format.
    const body = [
      {
        event: 'delivered',
        operator: 'ACL',
        data: [
          {
            ts: freshTs([entry]),
            meta: sent.msgid,
            description: DELIVERED_DESCRIPTION,
            INMSID: '0',
            toPhone: DELIVERED_NUMBER,
            circle: 'Mumbai',
          },
        ],
      },
    ];
    expectAcknowledged(
      ctx,
      await fireDlr(ctx, body),
      'a delivered DLR with extra keys (INMSID, circle, operator)',
    );
  },
};

/** (g) A final status stays final when a contradicting DLR arrives late. */
const finalStatusKept: ContractCase = {
  id: 'sinch-sms-final-status-kept',
  provider: PROVIDER,
  title:
    'keeps a failed message failed when a later delivered DLR for it arrives, and acknowledges that DLR',
  requires: ['status-probe'],
  async run(ctx) {
    const sent = await sendOne(ctx, FAILED_NUMBER);
    const entry = await settle(ctx, sent);
    const ts = freshTs([entry]);
    expectAcknowledged(
      ctx,
      await fireDlr(ctx, [failedGroup(sent.msgid, ts)]),
      `a failed DLR (code ${FAILED_CODE})`,
    );
    await expectStatus(ctx, sent.id, 'failed', `after a failed DLR (code ${FAILED_CODE})`);
    expectAcknowledged(
      ctx,
      await fireDlr(ctx, [deliveredGroup(sent.msgid, ts + 1)]),
      'a late delivered DLR',
    );
    await pause(ctx.timeouts.graceMs);
    const after = await ctx.gateway.status!(sent.id);
    if (after !== 'failed') {
      ctx.fail({
        message: `a delivered DLR after a failed one moved message ${sent.id} to ${JSON.stringify(after)}; failed is final`,
        pointer: '/status',
        value: after,
        subject: `gateway message ${sent.id}`,
      });
    }
  },
};

/** Every Sinch SMS contract case, in the order they run. */
export const sinchSmsContract: ContractCase[] = [
  sendRequestValid,
  batchLimit,
  uniqueMsgid,
  dlrAcknowledged,
  duplicateDlr,
  dlrExtraKeys,
  finalStatusKept,
];
