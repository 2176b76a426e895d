/**
 * Contract cases for gateways that send SMS through Sinch India the way CleverTap's "Other
 * (Generic)" SMS provider does, and take its DLRs in the CleverTap Generic SMS format: the common
 * cases through `sinchSmsDescriptor`, plus India DLT and grouped-DLR cases of its own.
 * @see https://docs.clevertap.com/docs/sinch-sms
 * @see https://docs.clevertap.com/docs/generic-sms
 */
import {
  expectAcknowledged,
  expectStatus,
  fireBuiltCallback,
} from '../src/contracts/callback-checks.js';
import { failuresFromDiagnostics } from '../src/contracts/contract-failure.js';
import { bodyOf, subjectOf } from '../src/contracts/journal-entry.js';
import type {
  ProviderContractDescriptor,
  SentMessage,
} from '../src/contracts/provider-descriptor.js';
import {
  quietCallbacks,
  requestsTo,
  sendTracked,
  watchRequestsTo,
} from '../src/contracts/sent-messages.js';
import type { ContractCase, GatewaySendInput } from '../src/contracts/types.js';
import type { ServeEvent } from '../src/index.js';
import { commonCases } from './common.js';

const PROVIDER = 'sinch-sms';
const SEND_SCHEMA = 'sinch-sms/send-request';
const DLT_SCHEMA = 'sinch-sms/dlt-domestic';
const DLR_SCHEMA = 'sinch-sms/dlr-callback';
/** The DLT template id of CleverTap's sample payload. */
const TEMPLATE_ID = '1107100000000000002';
const OTP_TEXT = 'Your OTP is 123456';
const FAILED_CODE = '901';

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

/** The request's msgid, which every DLR about it carries as `meta`. */
function msgidOf(entry: ServeEvent): string | undefined {
  const msgid = bodyOf(entry)?.msgid;
  return typeof msgid === 'string' ? msgid : undefined;
}

const domestic = (to: string[], text = OTP_TEXT): GatewaySendInput => ({
  provider: PROVIDER,
  to,
  text,
  templateId: TEMPLATE_ID,
});

/** Epoch seconds, as CleverTap's `ts`. */
const seconds = (atMs: number): number => Math.floor(atMs / 1000);

/** One Generic SMS callback with one group of one record about `message`. */
const groupFor = (
  event: string,
  message: SentMessage,
  atMs: number,
  fields: Record<string, unknown>,
): Record<string, unknown>[] => [
  { event, data: [{ ts: seconds(atMs), meta: message.reference, ...fields }] },
];

/**
 * Sinch SMS India for the common cases. Recipients `9197xxxxxx11` are delivered under the
 * simulator's default outcome rules (only numbers ending in 0900–0920 fail).
 */
export const sinchSmsDescriptor: ProviderContractDescriptor = {
  provider: PROVIDER,
  sendRoute: 'send',
  requestSchemas: () => [SEND_SCHEMA],
  redactedPointers: ['/pass'],
  credentials: 'appid, userId and pass in the body',
  recipient: (slot) => `9197${String(slot).padStart(6, '0')}11`,
  sendInput: (to, text) => domestic(to, text),
  sampleSends: (nextSlot) => {
    const to = (): string => `9197${String(nextSlot()).padStart(6, '0')}11`;
    return [
      domestic([to()]),
      domestic([to(), to(), to()]),
      {
        provider: PROVIDER,
        to: [`4477009${String(nextSlot()).padStart(5, '0')}`],
        text: OTP_TEXT,
        international: true,
      },
    ];
  },
  recipientsOf,
  requestId: { pointer: '/msgid', of: msgidOf },
  referenceOf: (entry) => msgidOf(entry),
  // CleverTap: "a single batch can have a maximum of 1,000 records"; the body limit is the simulator's.
  limits: { maxRecipients: 1000, maxBodyBytes: 1_048_576 },
  businessError: 'invalid_recipient',
  callbacks: [
    {
      name: 'delivered',
      type: 'status',
      kind: 'dlr',
      schema: DLR_SCHEMA,
      expectStatus: 'delivered',
      build: (m, at) => ({
        body: groupFor('delivered', m, at, { description: 'Delivered to handset' }),
      }),
    },
    {
      name: 'failed',
      type: 'status',
      kind: 'dlr',
      schema: DLR_SCHEMA,
      expectStatus: 'failed',
      build: (m, at) => ({
        body: groupFor('failed', m, at, { code: FAILED_CODE, description: 'DND failure' }),
      }),
    },
    {
      name: 'replied',
      type: 'inbound',
      kind: 'dlr',
      schema: DLR_SCHEMA,
      build: (m, at) => ({ body: groupFor('replied', m, at, { incomingText: 'STOP' }) }),
    },
    {
      name: 'clicked',
      type: 'event',
      kind: 'dlr',
      schema: DLR_SCHEMA,
      build: (m, at) => ({
        body: groupFor('clicked', m, at, { url: 'https://example.com/offer' }),
      }),
    },
  ],
  outOfOrder: [
    { sequence: ['failed', 'delivered'], expect: 'failed' },
    { sequence: ['delivered', 'failed'], expect: 'delivered' },
  ],
  generated: [
    {
      kind: 'dlr',
      schema: DLR_SCHEMA,
      bind(sample, message, at) {
        const groups = structuredClone(sample) as { data: Record<string, unknown>[] }[];
        for (const group of groups) {
          for (const record of group.data) {
            record.meta = message.reference;
            record.ts = seconds(at);
          }
        }
        return groups;
      },
    },
  ],
};

/** Domestic sends carry India DLT ids (dpi, dtm) of 19 digits; international ones need none. */
const dltIds: ContractCase = {
  id: 'sinch-sms-dlt-ids',
  provider: PROVIDER,
  title:
    'sends domestic messages with 19-digit India DLT ids (dpi entity, dtm template), per sinch-sms/dlt-domestic',
  async run(ctx) {
    const first = ctx.sequence(2);
    const to = [sinchSmsDescriptor.recipient(first), sinchSmsDescriptor.recipient(first + 1)];
    if (ctx.simulator.faults) await quietCallbacks(ctx, sinchSmsDescriptor, to);
    await ctx.gateway.send(domestic([to[0]!]));
    await ctx.gateway.send(domestic([to[1]!], 'Your order has shipped'));
    const entries =
      (await watchRequestsTo(ctx, sinchSmsDescriptor, to, (found) => found.length >= 2)) ??
      (await requestsTo(ctx, sinchSmsDescriptor, to));
    if (entries.length === 0) {
      throw new Error(`precondition: the gateway made no request for ${to.join(', ')}`);
    }
    for (const entry of entries) {
      const body = entry.request.body;
      for (const failure of failuresFromDiagnostics(
        ctx.simulator.schemas.validate(DLT_SCHEMA, body),
        body,
        subjectOf(entry),
        DLT_SCHEMA,
      ))
        ctx.fail(failure);
    }
  },
};

/** One callback reporting two messages in two event groups: each message gets its own outcome. */
const groupedDlrs: ContractCase = {
  id: 'sinch-sms-grouped-dlrs',
  provider: PROVIDER,
  title:
    'acknowledges one DLR callback holding a delivered group and a failed group for two messages (with a probe, each gets its own status)',
  requires: ['faults'],
  async run(ctx) {
    const delivered = await sendTracked(ctx, sinchSmsDescriptor);
    const failed = await sendTracked(ctx, sinchSmsDescriptor);
    const at = Date.now();
    const body = [
      ...groupFor('delivered', delivered, at, { description: 'Delivered to handset' }),
      ...groupFor('failed', failed, at, { code: FAILED_CODE, description: 'DND failure' }),
    ];
    const fired = await fireBuiltCallback(ctx, sinchSmsDescriptor, {
      kind: 'dlr',
      schema: DLR_SCHEMA,
      what: 'a DLR with a delivered and a failed group',
      body,
    });
    if (expectAcknowledged(ctx, fired) && ctx.gateway.status) {
      await expectStatus(ctx, delivered.id, 'delivered', 'after its delivered group');
      await expectStatus(ctx, failed.id, 'failed', `after its failed group (code ${FAILED_CODE})`);
    }
  },
};

/** Every Sinch SMS contract case, in the order they run: the common ones, then its own. */
export const sinchSmsContract: ContractCase[] = [
  ...commonCases(sinchSmsDescriptor),
  dltIds,
  groupedDlrs,
];
