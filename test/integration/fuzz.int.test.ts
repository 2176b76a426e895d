import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator, type Simulator } from '../../src/index.js';
import {
  ADMIN_ROUTES,
  HOSTILE_KINDS,
  hostileRequests,
  type FuzzRoute,
  type HostileKind,
} from '../../bench/fuzz/hostile-requests.js';
import { healthLatency, providerRoutes, sendRaw } from '../../bench/fuzz/send-raw.js';

/** Requests per kind of hostile input: 12 kinds x 450 = 5,400 in all. */
const PER_KIND = 450;
/** Small enough to stay quick here, large enough to reach the limits that matter. */
const SCALE = { maxDepth: 10_000, maxItems: 2_000, maxBytes: 64 * 1024 };
/** A request unanswered this long counts as a hang (generous: the machine is shared). */
const HANG_MS = 15_000;

/**
 * Kinds of input that break the simulator today (5xx answers, or a journal that no longer reads
 * back). Each is marked as failing; removing a kind from this list is part of fixing it.
 */
const KNOWN_FAILURES: ReadonlySet<HostileKind> = new Set<HostileKind>([]);

let sim: Simulator;
let port: number;
let routes: FuzzRoute[];

beforeAll(async () => {
  sim = await startSimulator({ port: 0, log: { level: 'silent' }, seed: 'fuzz-suite' });
  port = Number(new URL(sim.url!).port);
  routes = [...(await providerRoutes(sim.url!)), ...ADMIN_ROUTES];
});

afterAll(async () => {
  await sim.close({ drain: false });
});

describe('hostile requests over every provider and admin route', () => {
  for (const kind of HOSTILE_KINDS) {
    const test = KNOWN_FAILURES.has(kind) ? it.fails : it;
    test(`answers ${kind} input without a 5xx or a hang, and stays healthy`, async () => {
      const stream = hostileRequests(`fuzz-suite-${kind}`, routes, SCALE, [kind]);
      const bad: string[] = [];
      const concurrency = 4;
      let sent = 0;
      const worker = async (): Promise<void> => {
        while (sent < PER_KIND) {
          sent++;
          const request = stream.next().value!;
          const outcome = await sendRaw(port, request.bytes, HANG_MS);
          if (outcome.type === 'hang' || (outcome.type === 'answer' && outcome.status >= 500)) {
            bad.push(
              `${request.route.method} ${request.route.path}: ${request.label} -> ${
                outcome.type === 'hang' ? 'hang' : outcome.status
              }`,
            );
          }
        }
      };
      await Promise.all(Array.from({ length: concurrency }, worker));
      // The simulator is alive, answers health, and what it stored still reads back.
      expect(await healthLatency(sim.url!, HANG_MS)).toBeLessThan(Infinity);
      const journal = await fetch(`${sim.url}/__admin/journal?limit=50`);
      expect(journal.status).toBe(200);
      expect([...new Set(bad)].slice(0, 20)).toEqual([]);
    }, 180_000);
  }

  it('sends a few thousand hostile requests in all, from every route', () => {
    expect(PER_KIND * HOSTILE_KINDS.length).toBeGreaterThanOrEqual(5000);
    expect(routes.length).toBeGreaterThanOrEqual(ADMIN_ROUTES.length + 5);
  });
});
