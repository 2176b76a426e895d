import { callProvider, type ProviderResponse } from '../provider-http.js';
import { clevertapMessageId } from './clevertap-message-id.js';
import type {
  CallbackOutcome,
  DeliveryReport,
  GatewayProvider,
  ParsedCallback,
  PlannedRequest,
  ProviderAnswer,
  ProviderDeps,
  SendInput,
  UnprocessedRecord,
} from './gateway-provider.js';

/**
 * What CleverTap's "Other (Generic)" SMS provider is configured with for Sinch India. The defaults
 * are the simulator's sandbox account and the values of CleverTap's sample payload.
 * @see https://docs.clevertap.com/docs/sinch-sms
 */
export interface SinchSmsGatewaySettings {
  appid: string;
  userId: string;
  pass: string;
  /** Six-character sender id (DLT header). */
  from: string;
  /** DLT principal-entity id. */
  dpi: string;
  /** `"1"` transactional, `"0"` promotional. */
  alert: '0' | '1';
  /** As in CleverTap's sample. */
  selfid: 'true' | 'false';
  /** Second part of every msgid. */
  campaignId: string;
  /** Full send URL; by default the simulator's `/sinch-sms/v1/enterprises/messages.json`. */
  endpoint?: string;
  /** Most recipients in one request ("a single batch can have a maximum of 1,000 records"). */
  maxRecipientsPerRequest: number;
  /** Largest request body Sinch takes (the simulator's default body limit). */
  maxRequestBytes: number;
}

/** Defaults: the simulator's sandbox account (`clvrtap` / `clvrtap_18`) and CleverTap's sample values. */
export const SINCH_SMS_GATEWAY_DEFAULTS: SinchSmsGatewaySettings = {
  appid: 'clvrtap',
  userId: 'clvrtap',
  pass: 'clvrtap_18',
  from: 'ACLALT',
  dpi: '1701158123540939524',
  alert: '1',
  selfid: 'false',
  campaignId: '1200000000',
  maxRecipientsPerRequest: 1000,
  maxRequestBytes: 1_048_576,
};

/** The CleverTap Generic SMS callback events. */
const EVENTS = new Set(['delivered', 'failed', 'replied', 'clicked']);

/** Record keys CleverTap documents (`shortUrl` is spelt both ways in its page). */
const DOCUMENTED_RECORD_KEYS = new Set([
  'ts',
  'meta',
  'code',
  'description',
  'toPhone',
  'incomingText',
  'url',
  'shortUrl',
  'shorturl',
]);

const isObject = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === 'object' && !Array.isArray(value);

/** Epoch seconds as sent (a number, or digits in a string), or undefined. */
function epochSeconds(ts: unknown): number | undefined {
  const n = typeof ts === 'string' && /^\d+$/.test(ts) ? Number(ts) : ts;
  return typeof n === 'number' && Number.isInteger(n) && n > 0 ? n : undefined;
}

/** How Sinch India answered: 2xx without `accepted: false` is an acceptance. */
function readAnswer({ status, text, json: body }: ProviderResponse): ProviderAnswer {
  const error = isObject(body) && isObject(body.error) ? body.error : undefined;
  if (status >= 200 && status < 300 && !(isObject(body) && body.accepted === false))
    return { accepted: true };
  return {
    accepted: false,
    status,
    code:
      typeof error?.code === 'string' || typeof error?.code === 'number'
        ? String(error.code)
        : String(status),
    description:
      typeof error?.message === 'string' ? error.message : `HTTP ${status}: ${text.slice(0, 200)}`,
  };
}

/**
 * Sinch SMS India as CleverTap sends to it: one JSON request per batch of at most 1,000 recipients
 * (comma-joined `to`), each with its own msgid; DLRs in the CleverTap Generic SMS format.
 * @see https://docs.clevertap.com/docs/sinch-sms
 */
export function createSinchSmsProvider(
  overrides: Partial<SinchSmsGatewaySettings> | undefined,
  deps: ProviderDeps,
): GatewayProvider {
  const settings = { ...SINCH_SMS_GATEWAY_DEFAULTS, ...overrides };
  const { defects } = deps;
  let sequence = 0;
  let firstMsgid: string | undefined;

  const nextMsgid = (recipient: string): string => {
    const msgid = clevertapMessageId(
      recipient,
      settings.campaignId,
      deps.now(),
      sequence++,
      deps.startTag,
    );
    firstMsgid ??= msgid;
    return defects.reuseMsgid ? firstMsgid : msgid;
  };

  const bodyFor = (input: SendInput, to: string[], msgid: string): Record<string, unknown> => {
    const body: Record<string, unknown> = {
      appid: settings.appid,
      userId: settings.userId,
      pass: defects.wrongCredentials ? `${settings.pass}-wrong` : settings.pass,
      contenttype: '1',
      from: settings.from,
      to: to.join(','),
      selfid: settings.selfid,
      msgid,
      intflag: input.international ? 'true' : 'false',
      alert: settings.alert,
      text: input.text,
      dpi: settings.dpi,
    };
    if (input.templateId !== undefined && !defects.dropDtm) body.dtm = input.templateId;
    if (defects.numericFlags) {
      body.contenttype = 1;
      body.alert = Number(settings.alert);
      body.intflag = input.international;
    }
    return body;
  };

  const post = async (body: Record<string, unknown>): Promise<ProviderAnswer> => {
    let url: string;
    try {
      url = settings.endpoint ?? `${deps.baseUrl()}/sinch-sms/v1/enterprises/messages.json`;
    } catch (error) {
      return { accepted: false, code: 'no-endpoint', description: (error as Error).message };
    }
    return callProvider({ url, body, timeoutMs: deps.requestTimeoutMs }, readAnswer);
  };

  const readRecord = (
    event: string,
    record: unknown,
    pointer: string,
  ): DeliveryReport | { error: string; refuseCallback?: boolean } => {
    if (!isObject(record)) return { error: `${pointer} must be an object with ts and meta` };
    if (defects.rejectUnknownDlrKeys) {
      const unknown = Object.keys(record).filter((k) => !DOCUMENTED_RECORD_KEYS.has(k));
      if (unknown.length > 0) {
        return {
          error: `${pointer} has undocumented key(s): ${unknown.join(', ')}`,
          refuseCallback: true,
        };
      }
    }
    const { meta, code, description } = record;
    if (typeof meta !== 'string' || meta === '')
      return {
        error: `${pointer}/meta must be the msgid as a non-empty string; got ${JSON.stringify(meta)}`,
      };
    const ts = epochSeconds(record.ts);
    if (ts === undefined)
      return { error: `${pointer}/ts must be epoch seconds; got ${JSON.stringify(record.ts)}` };
    if (event === 'failed' && typeof code !== 'string' && typeof code !== 'number')
      return { error: `${pointer}/code is required for a failed event` };
    return {
      reference: meta,
      event,
      ...(event === 'delivered' || event === 'failed' ? { outcome: event } : {}),
      ...(event === 'replied' && { inbound: true }),
      ...((typeof code === 'string' || typeof code === 'number') && { code: String(code) }),
      ...(typeof description === 'string' && { description }),
      key: JSON.stringify([meta, event, ts, code ?? null, description ?? null]),
      group: { event, data: [record] },
    };
  };

  return {
    id: 'sinch-sms',
    title: 'Sinch SMS India via CleverTap "Other (Generic)" SMS',
    callbackKinds: ['dlr'],
    maxRequestBytes: settings.maxRequestBytes,

    checkSend(input) {
      if (!input.international && input.templateId === undefined) {
        return {
          pointer: '/templateId',
          message:
            '/templateId is required for a domestic Sinch SMS send (India DLT template id, the dtm field)',
        };
      }
      return undefined;
    },

    planRequests(input) {
      const size = defects.noBatchSplit ? Infinity : settings.maxRecipientsPerRequest;
      const batches: string[][] = [];
      for (let i = 0; i < input.to.length; i += size) batches.push(input.to.slice(i, i + size));
      return batches.map((to): PlannedRequest => {
        const reference = nextMsgid(to[0]!);
        const body = bodyFor(input, to, reference);
        const bodyBytes = Buffer.byteLength(JSON.stringify(body));
        return { to, reference, bodyBytes, execute: () => post(body) };
      });
    },

    parseCallback(kind, body): ParsedCallback {
      if (kind !== 'dlr')
        return { ok: false, status: 404, error: `sinch-sms posts no ${kind} callbacks` };
      if (!Array.isArray(body)) {
        return {
          ok: false,
          status: 400,
          error: 'body must be a JSON array of {event, data[]} groups',
        };
      }
      if (body.length === 0) {
        return {
          ok: false,
          status: 400,
          error: 'body must hold at least one {event, data[]} group',
        };
      }
      const reports: DeliveryReport[] = [];
      const unprocessed: UnprocessedRecord[] = [];
      for (const [i, group] of body.entries()) {
        const event = isObject(group) ? group.event : undefined;
        const data = isObject(group) ? group.data : undefined;
        const invalid = !isObject(group)
          ? `/${i} must be an object with event and data`
          : typeof event !== 'string' || !EVENTS.has(event)
            ? `/${i}/event must be one of ${[...EVENTS].join(', ')}; got ${JSON.stringify(event)}`
            : !Array.isArray(data) || data.length === 0
              ? `/${i}/data must be a non-empty array of records`
              : undefined;
        if (invalid !== undefined) {
          unprocessed.push({ code: 400, error: invalid, record: group });
          continue;
        }
        for (const [j, record] of (data as unknown[]).entries()) {
          const read = readRecord(event as string, record, `/${i}/data/${j}`);
          if ('error' in read) {
            if (read.refuseCallback) return { ok: false, status: 400, error: read.error };
            unprocessed.push({ code: 400, error: read.error, record: { event, data: [record] } });
          } else {
            reports.push(read);
          }
        }
      }
      return { ok: true, reports, unprocessed };
    },

    callbackAnswerBody({ processed, unprocessed, error }: CallbackOutcome) {
      // CleverTap's own answer to SMS callbacks.
      const status =
        error !== undefined || processed === 0
          ? 'fail'
          : unprocessed.length > 0
            ? 'partial'
            : 'success';
      return {
        status,
        processed,
        unprocessed: unprocessed.map((u) => ({ status: 'fail', ...u })),
        ...(error !== undefined && { error }),
      };
    },
  };
}
