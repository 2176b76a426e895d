import type { HttpAnswer, SimHarness } from './sim-harness.js';
import { SINCH_SMS_SEND_PATH } from './sinch-sms-fixtures.js';

/** The status and parsed body of an answer: what the provider tests compare. */
export interface SendAnswer {
  status: number;

  body: any;
}

const statusAndBody = ({ status, body }: HttpAnswer): SendAnswer => ({
  status,
  body: body as unknown,
});

/** POSTs a Sinch SMS send (JSON unless `body` is already text). */
export async function sendSinchSms(
  h: SimHarness,
  body: unknown,
  headers: Record<string, string | undefined> = {},
): Promise<SendAnswer> {
  return statusAndBody(await h.post(SINCH_SMS_SEND_PATH, body, headers));
}

/**
 * POSTs a CleverTap Generic WhatsApp send (Sinch India WhatsApp, Kaleyra, MSG91) to `path` with
 * exactly `headers` (no content type is added: CleverTap may send none).
 */
export async function sendClevertapWhatsapp(
  h: SimHarness,
  path: string,
  headers: Record<string, string | undefined>,
  body: unknown,
  method = 'POST',
): Promise<SendAnswer> {
  return statusAndBody(
    await h.request(path, {
      method,
      headers,
      json: false,
      ...(method === 'POST' && {
        body: new Blob([typeof body === 'string' ? body : JSON.stringify(body)]),
      }),
    }),
  );
}

/** Calls the Sinch Conversation API at `/sinch{path}` with a JSON body when one is given. */
export function callSinchConversation(
  h: SimHarness,
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<HttpAnswer> {
  return h.request(`/sinch${path}`, { method, body, headers });
}
