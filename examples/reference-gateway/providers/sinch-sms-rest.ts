import { callProvider, retryAfterMs, type ProviderResponse } from '../provider-http.js';
import type {
  CallbackOutcome,
  DeliveryReport,
  GatewayProvider,
  ParsedCallback,
  PlannedRequest,
  ProviderAnswer,
  ProviderDeps,
} from './gateway-provider.js';
import type { SinchSmsRestDefects } from './sinch-sms-rest-defects.js';

/** How the gateway is set up for Sinch's SMS REST API; defaults are the simulator's sandbox plan. */
export interface SinchSmsRestGatewaySettings {
  servicePlanId: string;
  apiToken: string;
  /** `us`, `eu`, `br`, `ca` or `au`. */
  smsRegion: string;
  /** Originator of every batch. */
  from: string;
  /** Base URL ending before `/xms/v1`; by default the simulator's `/sinch-sms-rest/<smsRegion>`. */
  endpoint?: string;
  /** Most recipients in one batch (the API takes 1,000). */
  maxRecipientsPerRequest: number;
  /** Largest request body sent. */
  maxRequestBytes: number;
  defects: SinchSmsRestDefects;
}

/** Defaults: the simulator's sandbox plan and the API's limits. */
export const SINCH_SMS_REST_GATEWAY_DEFAULTS: SinchSmsRestGatewaySettings = {
  servicePlanId: 'sandbox-plan',
  apiToken: 'sandbox-token',
  smsRegion: 'us',
  from: '12345',
  maxRecipientsPerRequest: 1000,
  maxRequestBytes: 1_048_576,
  defects: {},
};

const FAILED_STATUSES = new Set(['Aborted', 'Rejected', 'Failed', 'Expired']);
const RECIPIENT_REPORT_KEYS = new Set([
  'type',
  'batch_id',
  'recipient',
  'code',
  'status',
  'at',
  'operator_status_at',
  'client_reference',
  'applied_originator',
  'encoding',
  'number_of_message_parts',
  'operator',
]);

const isObject = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === 'object' && !Array.isArray(value);

/** 201 is an accepted batch; anything else a refusal with the API's `{code, text}`. */
function readAnswer({ status, text, json, headers }: ProviderResponse): ProviderAnswer {
  if (status === 201 || status === 200) return { accepted: true };
  const wait = retryAfterMs(headers.get('retry-after'));
  return {
    accepted: false,
    status,
    code: isObject(json) && typeof json.code === 'string' ? json.code : String(status),
    description:
      isObject(json) && typeof json.text === 'string'
        ? json.text
        : `HTTP ${status}: ${text.slice(0, 200)}`,
    ...(wait !== undefined && { retryAfterMs: wait }),
  };
}

/**
 * Sinch's SMS REST API: one `POST /batches` per 1,000 recipients with a gateway-made
 * `client_reference` (echoed in every report, so reports find their message before the batch id
 * is known) and `delivery_report: per_recipient`; recipient reports, batch reports and MO texts back.
 * @see https://developers.sinch.com/docs/sms/api-reference/
 */
export function createSinchSmsRestProvider(
  overrides: Partial<SinchSmsRestGatewaySettings> | undefined,
  deps: ProviderDeps,
): GatewayProvider {
  const settings = { ...SINCH_SMS_REST_GATEWAY_DEFAULTS, ...overrides };
  const defects = settings.defects;
  let sequence = 0;
  let first: string | undefined;
  /** The reference of the latest batch to each number, so a reply finds the message it answers. */
  const latestTo = new Map<string, string>();

  const nextReference = (): string => {
    const reference = `gw-${deps.startTag}-${deps.now().toString(36)}-${(sequence++).toString(36)}`;
    first ??= reference;
    return defects.reuseClientReference ? first : reference;
  };

  const post = async (body: Record<string, unknown>): Promise<ProviderAnswer> => {
    let base: string;
    try {
      base = settings.endpoint ?? `${deps.baseUrl()}/sinch-sms-rest/${settings.smsRegion}`;
    } catch (error) {
      return { accepted: false, code: 'no-endpoint', description: (error as Error).message };
    }
    const token = defects.wrongToken ? `${settings.apiToken}-wrong` : settings.apiToken;
    return callProvider(
      {
        url: `${base}/xms/v1/${settings.servicePlanId}/batches`,
        headers: { authorization: `Bearer ${token}` },
        body,
        timeoutMs: deps.requestTimeoutMs,
      },
      readAnswer,
    );
  };

  const outcomeOf = (status: string): 'delivered' | 'failed' | undefined => {
    if (status === 'Delivered') return 'delivered';
    if (!FAILED_STATUSES.has(status)) return undefined;
    return defects.abortedAsDelivered && status !== 'Failed' ? 'delivered' : 'failed';
  };

  const report = (
    reference: string,
    status: string,
    code: unknown,
    key: unknown[],
    group: unknown,
  ): DeliveryReport => {
    const outcome = outcomeOf(status);
    return {
      reference,
      event: status.toLowerCase(),
      ...(outcome && { outcome }),
      ...(outcome === 'failed' && { code: String(code) }),
      key: JSON.stringify(key),
      group,
    };
  };

  const parseRecipientReport = (body: Record<string, unknown>): ParsedCallback => {
    if (body.type !== 'recipient_delivery_report_sms')
      return { ok: false, status: 400, error: '/type must be recipient_delivery_report_sms' };
    if (defects.rejectUnknownReportKeys) {
      const unknown = Object.keys(body).filter((k) => !RECIPIENT_REPORT_KEYS.has(k));
      if (unknown.length > 0)
        return { ok: false, status: 400, error: `undocumented key(s): ${unknown.join(', ')}` };
    }
    const { client_reference: reference, status, code, recipient, at } = body;
    if (typeof reference !== 'string' || reference === '')
      return {
        ok: true,
        reports: [],
        unprocessed: [{ code: 404, error: 'the report has no client_reference', record: body }],
      };
    if (typeof status !== 'string' || typeof code !== 'number')
      return { ok: false, status: 400, error: '/status (string) and /code (integer) are required' };
    return {
      ok: true,
      reports: [report(reference, status, code, [reference, recipient, status, code, at], body)],
      unprocessed: [],
    };
  };

  const parseBatchReport = (body: Record<string, unknown>): ParsedCallback => {
    const reference = body.client_reference;
    if (body.type !== 'delivery_report_sms' || !Array.isArray(body.statuses))
      return { ok: false, status: 400, error: '/type must be delivery_report_sms with /statuses' };
    if (typeof reference !== 'string')
      return {
        ok: true,
        reports: [],
        unprocessed: [{ code: 404, error: 'the report has no client_reference', record: body }],
      };
    // A batch report is about every recipient: the worst status decides the message's outcome.
    const statuses = (body.statuses as unknown[]).filter(isObject);
    const failed = statuses.find(
      (s) => typeof s.status === 'string' && FAILED_STATUSES.has(s.status),
    );
    const chosen = failed ?? statuses.find((s) => s.status === 'Delivered');
    if (!chosen) return { ok: true, reports: [], unprocessed: [] };
    return {
      ok: true,
      reports: [
        report(reference, chosen.status as string, chosen.code, [reference, body.statuses], body),
      ],
      unprocessed: [],
    };
  };

  const parseMo = (body: Record<string, unknown>): ParsedCallback => {
    if (body.type !== 'mo_text' || typeof body.from !== 'string')
      return { ok: false, status: 400, error: '/type must be mo_text with /from' };
    const reference = latestTo.get(body.from.replace(/^\+/, ''));
    if (reference === undefined)
      return {
        ok: true,
        reports: [],
        unprocessed: [{ code: 404, error: `no message was sent to ${body.from}`, record: body }],
      };
    return {
      ok: true,
      reports: [
        {
          reference,
          event: 'replied',
          inbound: true,
          key: JSON.stringify(['mo', body.id]),
          group: body,
        },
      ],
      unprocessed: [],
    };
  };

  return {
    id: 'sinch-sms-rest',
    title: 'Sinch SMS REST API (/xms/v1)',
    callbackKinds: ['recipient-dlr', 'batch-dlr', 'mo'],
    maxRequestBytes: settings.maxRequestBytes,

    checkSend: () => undefined,

    planRequests(input) {
      const size = defects.noBatchSplit ? Infinity : settings.maxRecipientsPerRequest;
      const batches: string[][] = [];
      for (let i = 0; i < input.to.length; i += size) batches.push(input.to.slice(i, i + size));
      return batches.map((to): PlannedRequest => {
        const reference = nextReference();
        for (const r of to) latestTo.set(r.replace(/^\+/, ''), reference);
        const body = {
          from: settings.from,
          to,
          body: input.text,
          delivery_report: defects.misspeltDeliveryReport ? 'perRecipient' : 'per_recipient',
          client_reference: reference,
        };
        return {
          to,
          reference,
          bodyBytes: Buffer.byteLength(JSON.stringify(body)),
          execute: () => post(body),
        };
      });
    },

    parseCallback(kind, body): ParsedCallback {
      if (!isObject(body)) return { ok: false, status: 400, error: 'body must be a JSON object' };
      if (kind === 'recipient-dlr') return parseRecipientReport(body);
      if (kind === 'batch-dlr') return parseBatchReport(body);
      if (kind === 'mo') return parseMo(body);
      return { ok: false, status: 404, error: `sinch-sms-rest posts no ${kind} callbacks` };
    },

    callbackAnswerBody({ processed, unprocessed, error }: CallbackOutcome) {
      return { processed, unprocessed, ...(error !== undefined && { error }) };
    },
  };
}
