import type {
  CallbackEvent,
  CallbackKindDefinition,
  PreparedCallback,
  ProviderContext,
} from '../../src/engine/provider-api.js';
import { CLICKED } from './lifecycle.js';
import { shortCode } from './links.js';
import type { SinchSmsSettings } from './settings.js';

/** One record of a CleverTap Generic SMS callback group. */
interface EventRecord {
  ts: number;
  meta: string;
  code?: string;
  description?: string;
  toPhone?: string;
  incomingText?: string;
  url?: string;
  shortUrl?: string;
}

/**
 * Builds the CleverTap Generic SMS callback: a JSON array of `{event, data[]}` groups, one group per
 * event name in order of first appearance, `ts` in epoch seconds and `meta` the request's msgid.
 * A `clicked` record carries the original `url` and the `shortUrl` the customer followed.
 * @see https://docs.clevertap.com/docs/generic-sms
 */
export function buildEventCallback(
  events: readonly CallbackEvent[],
  context?: ProviderContext<SinchSmsSettings>,
): PreparedCallback {
  const groups = new Map<string, EventRecord[]>();
  for (const { step, message, at } of events) {
    const record: EventRecord = {
      ts: Math.floor(at / 1000),
      meta: message.reference ?? message.id,
    };
    if (step.code !== undefined) record.code = step.code;
    if (step.status === CLICKED) {
      const url = step.description ?? '';
      const base = context?.settings.clicks.shortUrlBase ?? 'https://sim.link/s/';
      record.url = url;
      record.shortUrl = `${base}${shortCode(`${record.meta} ${message.recipient} ${url}`)}`;
    } else if (step.description !== undefined) record.description = step.description;
    const data = message.data ?? {};
    if (typeof data.toPhone === 'string') record.toPhone = data.toPhone;
    if (typeof data.incomingText === 'string') record.incomingText = data.incomingText;
    const group = groups.get(step.status) ?? [];
    group.push(record);
    groups.set(step.status, group);
  }
  return { body: [...groups].map(([event, data]) => ({ event, data })) };
}

/** Sinch SMS callback kinds: delivery reports and replies, both in the Generic SMS event format. */
export const SINCH_SMS_CALLBACKS: Record<string, CallbackKindDefinition<SinchSmsSettings>> = {
  dlr: { build: buildEventCallback, schema: 'sinch-sms/dlr-callback' },
  inbound: { build: buildEventCallback, schema: 'sinch-sms/dlr-callback' },
};
