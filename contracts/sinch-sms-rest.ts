/**
 * Contract cases for gateways that send SMS through Sinch's global SMS REST API (`/xms/v1`) with a
 * service plan and API token, asking for per-recipient delivery reports and matching them by
 * `client_reference`: the common cases through `sinchSmsRestDescriptor`, plus cases of its own
 * (a batch report, and every report status that means a failure).
 * @see https://developers.sinch.com/docs/sms/api-reference/
 */
import {
  expectAcknowledged,
  expectStatus,
  fireBuiltCallback,
} from '../src/contracts/callback-checks.js';
import { bodyOf } from '../src/contracts/journal-entry.js';
import type {
  ProviderContractDescriptor,
  SentMessage,
} from '../src/contracts/provider-descriptor.js';
import { sendTracked } from '../src/contracts/sent-messages.js';
import type { ContractCase } from '../src/contracts/types.js';
import type { ServeEvent } from '../src/index.js';
import { commonCases } from './common.js';

const PROVIDER = 'sinch-sms-rest';
const RECIPIENT_REPORT = 'sinch-sms-rest/recipient-delivery-report';
const BATCH_REPORT = 'sinch-sms-rest/delivery-report';
const MO_TEXT = 'sinch-sms-rest/mo-text';

/** The batch's recipients, as sent. */
function recipientsOf(entry: ServeEvent): string[] {
  const to = bodyOf(entry)?.to;
  return Array.isArray(to) ? to.filter((r): r is string => typeof r === 'string') : [];
}

/** The batch's `client_reference`, which every report about it carries. */
function clientReferenceOf(entry: ServeEvent): string | undefined {
  const reference = bodyOf(entry)?.client_reference;
  return typeof reference === 'string' ? reference : undefined;
}

const iso = (atMs: number): string => new Date(atMs).toISOString();

/** A per-recipient report about `message`'s first recipient. */
const recipientReport = (message: SentMessage, at: number, code: number, status: string) => ({
  type: 'recipient_delivery_report_sms',
  batch_id: message.entry.id
    .replace(/[^0-9A-Z]/gi, '')
    .padEnd(26, '0')
    .slice(0, 26),
  recipient: message.to[0]!.replace(/^\+/, ''),
  code,
  status,
  at: iso(at),
  client_reference: message.reference,
});

/**
 * Sinch SMS REST for the common cases. Recipients `4670xxxxxx01` are delivered under the
 * simulator's default outcome rules (only numbers ending in 0402-0412 fail).
 */
export const sinchSmsRestDescriptor: ProviderContractDescriptor = {
  provider: PROVIDER,
  sendRoute: 'send',
  requestSchemas: () => ['sinch-sms-rest/send-batch-request'],
  redactedPointers: [],
  credentials: 'the service plan in the path and Authorization: Bearer <API token>',
  recipient: (slot) => `4670${String(slot).padStart(6, '0')}01`,
  sendInput: (to, text) => ({ provider: PROVIDER, to, text: text ?? 'Your code is 123456' }),
  recipientsOf,
  requestId: { pointer: '/client_reference', of: clientReferenceOf },
  referenceOf: (entry) => clientReferenceOf(entry),
  limits: { maxRecipients: 1000, maxBodyBytes: 1_048_576 },
  businessError: 'invalid_recipient',
  callbacks: [
    {
      name: 'delivered',
      type: 'status',
      kind: 'recipient-dlr',
      schema: RECIPIENT_REPORT,
      expectStatus: 'delivered',
      build: (m, at) => ({ body: recipientReport(m, at, 0, 'Delivered') }),
    },
    {
      name: 'failed',
      type: 'status',
      kind: 'recipient-dlr',
      schema: RECIPIENT_REPORT,
      expectStatus: 'failed',
      build: (m, at) => ({ body: recipientReport(m, at, 405, 'Failed') }),
    },
    {
      name: 'replied',
      type: 'inbound',
      kind: 'mo',
      schema: MO_TEXT,
      build: (m, at) => ({
        body: {
          type: 'mo_text',
          id: `01MO${String(at).padStart(22, '0')}`.slice(0, 26),
          from: m.to[0]!.replace(/^\+/, ''),
          to: '12345',
          body: 'STOP',
          received_at: iso(at),
        },
      }),
    },
  ],
  outOfOrder: [
    { sequence: ['failed', 'delivered'], expect: 'failed' },
    { sequence: ['delivered', 'failed'], expect: 'delivered' },
  ],
  generated: [
    {
      kind: 'recipient-dlr',
      schema: RECIPIENT_REPORT,
      bind(sample, message, at) {
        return {
          ...(sample as Record<string, unknown>),
          recipient: message.to[0]!.replace(/^\+/, ''),
          client_reference: message.reference,
          at: iso(at),
        };
      },
    },
  ],
};

/** A batch report (`summary`) naming the message's client_reference: acknowledged, and it sets the outcome. */
const batchReport: ContractCase = {
  id: 'sinch-sms-rest-batch-report',
  provider: PROVIDER,
  title:
    'acknowledges a delivery_report_sms batch report matched by client_reference (with a probe, a failure in it marks the message failed)',
  requires: ['faults'],
  async run(ctx) {
    const message = await sendTracked(ctx, sinchSmsRestDescriptor);
    const fired = await fireBuiltCallback(ctx, sinchSmsRestDescriptor, {
      kind: 'batch-dlr',
      schema: BATCH_REPORT,
      what: 'a summary batch report with one Aborted (402) recipient',
      body: {
        type: 'delivery_report_sms',
        batch_id: '01HBATCHBATCHBATCHBATCHBAT',
        total_message_count: 1,
        client_reference: message.reference,
        statuses: [{ code: 402, status: 'Aborted', count: 1 }],
      },
    });
    if (expectAcknowledged(ctx, fired) && ctx.gateway.status) {
      await expectStatus(
        ctx,
        message.id,
        'failed',
        'after a batch report with an Aborted recipient',
      );
    }
  },
};

/** Aborted, Rejected and Expired are failures as much as Failed is. */
const failureStatuses: ContractCase = {
  id: 'sinch-sms-rest-failure-statuses',
  provider: PROVIDER,
  title:
    'reads Aborted (402), Rejected (408) and Expired (406) recipient reports as failures, not deliveries',
  requires: ['faults', 'status-probe'],
  async run(ctx) {
    for (const [code, status] of [
      [402, 'Aborted'],
      [408, 'Rejected'],
      [406, 'Expired'],
    ] as const) {
      const message = await sendTracked(ctx, sinchSmsRestDescriptor);
      const fired = await fireBuiltCallback(ctx, sinchSmsRestDescriptor, {
        kind: 'recipient-dlr',
        schema: RECIPIENT_REPORT,
        what: `a ${status} (${code}) recipient report`,
        body: recipientReport(message, Date.now(), code, status),
      });
      if (expectAcknowledged(ctx, fired)) {
        await expectStatus(ctx, message.id, 'failed', `after a ${status} (${code}) report`);
      }
    }
  },
};

/** Every Sinch SMS REST contract case, in the order they run: the common ones, then its own. */
export const sinchSmsRestContract: ContractCase[] = [
  ...commonCases(sinchSmsRestDescriptor),
  batchReport,
  failureStatuses,
];
