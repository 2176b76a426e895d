import { startServer } from '../server-process.js';
import {
  ADMIN_ROUTES,
  hostileRequests,
  type FuzzRoute,
  type HostileRequest,
} from './hostile-requests.js';
import { healthLatency, providerRoutes, sendRaw, type RawOutcome } from './send-raw.js';

const env = (name: string, fallback: number): number => {
  const value = Number(process.env[name] ?? fallback);
  if (!Number.isFinite(value) || value < 0) throw new Error(`${name} must be a number >= 0`);
  return value;
};

const settings = {
  requests: env('FUZZ_REQUESTS', 100_000),
  seed: process.env.FUZZ_SEED ?? 'fuzz',
  concurrency: env('FUZZ_CONCURRENCY', 8),
  hangMs: env('FUZZ_HANG_MS', 5000),
  stallMs: env('FUZZ_STALL_MS', 1000),
  scale: {
    maxDepth: env('FUZZ_MAX_DEPTH', 10_000),
    maxItems: env('FUZZ_MAX_ITEMS', 40_000),
    maxBytes: env('FUZZ_MAX_BYTES', 1_000_000),
  },
};

const log = (line: string): void => console.log(`[fuzz] ${line}`);
const mb = (bytes: number): string => (bytes / 1024 / 1024).toFixed(1);

/** A finding: a bad outcome for one kind of input on one route, with how often and one example. */
interface Finding {
  key: string;
  count: number;
  example: string;
}

const findings = new Map<string, Finding>();
function note(request: HostileRequest, effect: string): void {
  const key = `${request.route.method} ${request.route.path} | ${request.kind} | ${effect}`;
  const found = findings.get(key) ?? { key, count: 0, example: request.label };
  found.count++;
  findings.set(key, found);
}

const isBad = (outcome: RawOutcome): string | undefined =>
  outcome.type === 'hang'
    ? `hang (no answer within ${settings.hangMs} ms)`
    : outcome.type === 'answer' && outcome.status >= 500
      ? `${outcome.status}`
      : undefined;

async function main(): Promise<void> {
  const target = await startServer({
    name: 'fuzz-target',
    script: new URL('./fuzz-target-server.js', import.meta.url),
    launcher: { command: process.execPath, args: [] },
  });
  let crashed = false;
  const port = Number(new URL(target.url).port);
  const routes: FuzzRoute[] = [...(await providerRoutes(target.url)), ...ADMIN_ROUTES];
  log(
    `${settings.requests} requests over ${routes.length} routes, seed "${settings.seed}", ${settings.concurrency} at once`,
  );
  const rssStart = (await target.stats()).rss;
  let rssMax = rssStart;
  let worstHealthMs = 0;
  let stalls = 0;
  let sent = 0;
  const outcomes = { answered: 0, closed: 0, hang: 0, fiveXx: 0 };
  const startedAt = performance.now();

  const monitor = setInterval(() => {
    void healthLatency(target.url, settings.hangMs).then((ms) => {
      worstHealthMs = Math.max(worstHealthMs, ms);
      if (ms > settings.stallMs) stalls++;
    });
    void target.stats().then(
      (s) => (rssMax = Math.max(rssMax, s.rss)),
      () => (crashed = true),
    );
  }, 500);

  const stream = hostileRequests(settings.seed, routes, settings.scale);
  const worker = async (): Promise<void> => {
    while (sent < settings.requests && !crashed) {
      sent++;
      const request = stream.next().value as HostileRequest;
      const outcome = await sendRaw(port, request.bytes, settings.hangMs);
      if (outcome.type === 'answer') outcomes.answered++;
      else if (outcome.type === 'closed') outcomes.closed++;
      else outcomes.hang++;
      const bad = isBad(outcome);
      if (bad) {
        if (bad !== 'hang') outcomes.fiveXx++;
        note(request, bad);
      }
      if (sent % 10_000 === 0) log(`${sent} sent`);
    }
  };
  await Promise.all(Array.from({ length: settings.concurrency }, worker));
  clearInterval(monitor);

  // What was stored must still read back.
  const journal = await fetch(`${target.url}/__admin/journal`).then(
    (r) => r.status,
    () => 0,
  );
  const rssEnd = crashed ? 0 : (await target.stats().catch(() => ({ rss: 0 }))).rss;
  const seconds = (performance.now() - startedAt) / 1000;
  await target.stop();

  console.log('');
  console.log(`requests: ${sent} in ${seconds.toFixed(1)} s (${Math.round(sent / seconds)}/s)`);
  console.log(
    `outcomes: ${outcomes.answered} answered, ${outcomes.closed} closed without an answer, ${outcomes.hang} hangs, ${outcomes.fiveXx} 5xx`,
  );
  console.log(`crash: ${crashed ? 'YES (the simulator process died)' : 'no'}`);
  console.log(
    `event loop: worst health answer ${Number.isFinite(worstHealthMs) ? `${Math.round(worstHealthMs)} ms` : 'none (timed out)'}, ${stalls} checks over ${settings.stallMs} ms`,
  );
  console.log(`RSS: start ${mb(rssStart)} MB, max ${mb(rssMax)} MB, end ${mb(rssEnd)} MB`);
  console.log(`GET /__admin/journal after the run: ${journal}`);
  console.log(`findings (${findings.size}):`);
  for (const f of [...findings.values()].sort((a, b) => b.count - a.count)) {
    console.log(`  ${String(f.count).padStart(6)} x ${f.key} (e.g. ${f.example})`);
  }
  process.exitCode = 0;
}

await main();
