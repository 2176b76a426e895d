import http from 'node:http';
import { SINCH_SMS_BODY, SINCH_SMS_HEADERS, SINCH_SMS_PATH } from './sinch-request.js';

const PROBE_TIMEOUT_MS = 5_000;

/** Sends the benchmark request once; resolves to the status and body of the answer. */
function sendOnce(baseUrl: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      new URL(SINCH_SMS_PATH, baseUrl),
      {
        method: 'POST',
        // No pooled socket left behind to keep this process alive.
        agent: false,
        headers: { ...SINCH_SMS_HEADERS, connection: 'close' },
        timeout: PROBE_TIMEOUT_MS,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }),
        );
        res.on('error', reject);
      },
    );
    req.on('timeout', () => req.destroy(new Error(`no answer within ${PROBE_TIMEOUT_MS} ms`)));
    req.on('error', reject);
    req.end(SINCH_SMS_BODY);
  });
}

/** Fails unless the server answers the benchmark request with 200: error answers are not worth timing. */
export async function expectOk(name: string, baseUrl: string): Promise<void> {
  // Twice, so a server that accepts a msgid only once is caught here rather than mid-run.
  for (let i = 0; i < 2; i++) {
    const { status, body } = await sendOnce(baseUrl);
    if (status !== 200) {
      throw new Error(
        `${name} answered ${status} instead of 200 to POST ${SINCH_SMS_PATH}: ${body.slice(0, 500)}`,
      );
    }
  }
}
