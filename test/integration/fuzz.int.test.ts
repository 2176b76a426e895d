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

/** What one kind's run actually sent and got back. */
interface KindTally {
  sent: number;
  /** Answers by status code. */
  statuses: Map<number, number>;
  /** Connections closed without an answer. */
  closed: number;
  hangs: number;
  /** `METHOD path` of every route aimed at. */
  routes: Set<string>;
}

/** Filled by each kind's run, checked as a whole at the end. */
const tallies = new Map<HostileKind, KindTally>();
const routeKey = (route: FuzzRoute): string => `${route.method} ${route.path}`;

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
      const tally: KindTally = {
        sent: 0,
        statuses: new Map(),
        closed: 0,
        hangs: 0,
        routes: new Set(),
      };
      tallies.set(kind, tally);
      const worker = async (): Promise<void> => {
        while (sent < PER_KIND) {
          sent++;
          const request = stream.next().value!;
          tally.sent++;
          tally.routes.add(routeKey(request.route));
          const outcome = await sendRaw(port, request.bytes, HANG_MS);
          if (outcome.type === 'answer') {
            tally.statuses.set(outcome.status, (tally.statuses.get(outcome.status) ?? 0) + 1);
          } else if (outcome.type === 'closed') tally.closed++;
          else tally.hangs++;
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

  it('sent a few thousand hostile requests in all, to every route, and had them answered', () => {
    expect([...tallies.keys()].sort()).toEqual([...HOSTILE_KINDS].sort());
    let total = 0;
    const aimedAt = new Set<string>();
    for (const [kind, tally] of tallies) {
      const answered = [...tally.statuses.values()].reduce((a, b) => a + b, 0);
      const refused = [...tally.statuses]
        .filter(([status]) => status >= 400 && status < 500)
        .reduce((sum, [, count]) => sum + count, 0);
      expect(tally.sent, kind).toBe(PER_KIND);
      // Every request came back: with a status line, or (rarely) a closed connection.
      expect(answered + tally.closed + tally.hangs, kind).toBe(tally.sent);
      expect(tally.hangs, kind).toBe(0);
      expect(answered, kind).toBeGreaterThanOrEqual(tally.sent * 0.95);
      expect(
        [...tally.statuses.keys()].filter((status) => status >= 500),
        kind,
      ).toEqual([]);
      // Hostile input is mostly refused (the rest: reads that ignore a body, and the
      // CleverTap-style providers' HTTP 200 business failures).
      expect(refused, kind).toBeGreaterThanOrEqual(answered * 0.6);
      total += tally.sent;
      for (const route of tally.routes) aimedAt.add(route);
    }
    expect(total).toBeGreaterThanOrEqual(5000);
    expect(routes.filter((route) => !aimedAt.has(routeKey(route)))).toEqual([]);
    expect(routes.length).toBeGreaterThanOrEqual(ADMIN_ROUTES.length + 5);
    // Each kind met the refusal meant for it.
    const count = (kind: HostileKind, status: number): number =>
      tallies.get(kind)!.statuses.get(status) ?? 0;
    expect(count('oversized-headers', 431)).toBeGreaterThan(0);
    expect(count('wrong-content-type', 415)).toBeGreaterThan(0);
    expect(count('odd-path', 404)).toBeGreaterThan(0);
    expect(count('deep-nesting', 400)).toBeGreaterThan(0);
    expect(count('truncated-body', 400)).toBeGreaterThan(0);
  });
});
