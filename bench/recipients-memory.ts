import autocannon from 'autocannon';
import type { RecipientsMemory } from './bench-result.js';
import type { Pinning } from './cpu-pinning.js';
import { SINCH_SMS_BODY, SINCH_SMS_HEADERS, SINCH_SMS_PATH } from './sinch-request.js';
import { startServer } from './server-process.js';

const BASE = JSON.parse(SINCH_SMS_BODY) as Record<string, unknown>;

/** Sends `count` requests, each to a recipient never used before (numbers from `start`). */
async function sendDistinct(url: string, start: number, count: number): Promise<void> {
  let next = start;
  await autocannon({
    url: new URL(SINCH_SMS_PATH, url).href,
    method: 'POST',
    headers: SINCH_SMS_HEADERS,
    connections: 20,
    amount: count,
    requests: [
      {
        setupRequest: (request) => ({
          ...request,
          body: JSON.stringify({ ...BASE, to: `91${String(7_000_000_000 + next++)}` }),
        }),
      },
    ],
  });
}

/** RSS of provider-sim after `first`, then `second` distinct recipients (callbacks not sent). */
export async function measureRecipientsMemory(
  pinning: Pinning,
  first: number,
  second: number,
): Promise<RecipientsMemory> {
  const server = await startServer({
    name: 'provider-sim (recipients)',
    script: new URL('./servers/provider-sim-server.js', import.meta.url),
    launcher: pinning.launcher,
  });
  try {
    await sendDistinct(server.url, 0, first);
    const rssAtFirst = (await server.stats()).rss;
    await sendDistinct(server.url, first, second - first);
    const rssAtSecond = (await server.stats()).rss;
    return { first, second, rssAtFirst, rssAtSecond };
  } finally {
    await server.stop();
  }
}
