import type {
  CallbackEvent,
  CallbackKindDefinition,
  PreparedCallback,
} from '../../src/engine/provider-api.js';
import type { SinchSmsSettings } from './settings.js';

/** One record of a CleverTap Generic SMS callback group. */
interface DlrRecord {
  ts: number;
  meta: string;
  code?: string;
  description?: string;
}

/**
 * Builds the CleverTap Generic SMS callback: a JSON array of `{event, data[]}` groups, one group per
 * event name in order of first appearance, `ts` in epoch seconds and `meta` the request's msgid.
 * @see https://docs.clevertap.com/docs/generic-sms
 */
export function buildDlrCallback(events: readonly CallbackEvent[]): PreparedCallback {
  const groups = new Map<string, DlrRecord[]>();
  for (const { step, message, at } of events) {
    const record: DlrRecord = { ts: Math.floor(at / 1000), meta: message.reference ?? message.id };
    if (step.code !== undefined) record.code = step.code;
    if (step.description !== undefined) record.description = step.description;
    const group = groups.get(step.status) ?? [];
    group.push(record);
    groups.set(step.status, group);
  }
  return { body: [...groups].map(([event, data]) => ({ event, data })) };
}

/** Sinch SMS callback kinds: delivery reports. */
export const SINCH_SMS_CALLBACKS: Record<string, CallbackKindDefinition<SinchSmsSettings>> = {
  dlr: { build: buildDlrCallback, schema: 'sinch-sms/dlr-callback' },
};
