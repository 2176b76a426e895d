import { describe, expect, it } from 'vitest';
import type { JournalQuery } from '../engine/journal/query.js';
import type { ServeEvent } from '../engine/journal/serve-event.js';
import { ContractFailure } from './contract-failure.js';
import { runContract, runContractCase, type ContractTarget } from './runner.js';
import type { CaseResult, ContractCase, GatewayAdapter } from './types.js';

/** An in-memory journal holding entries for one provider; it ignores `after` in queries. */
class ListJournal {
  entries: ServeEvent[] = [];
  /** Every query asked of `list`. */
  queries: JournalQuery[] = [];
  private next = 0;
  add(provider = 'sinch-sms'): ServeEvent {
    const seq = ++this.next;
    const entry = { id: `req_${seq}`, seq, receivedAtMs: Date.now(), provider } as ServeEvent;
    this.entries.push(entry);
    return entry;
  }
  list(query: JournalQuery = {}): ServeEvent[] {
    this.queries.push(query);
    return this.entries.filter(
      (e) => query.provider === undefined || e.provider === query.provider,
    );
  }
  clear(): void {
    this.entries = [];
  }
}

const gateway: GatewayAdapter = {
  send: () => Promise.resolve({ ids: [] }),
  callbackUrl: (provider) => `http://gateway.invalid/callbacks/${provider}`,
};

function target(journal = new ListJournal(), adapter: GatewayAdapter = gateway): ContractTarget {
  return {
    simulator: { url: 'http://sim.invalid', journal, schemas: { validate: () => [] } },
    gateway: adapter,
  };
}

const contractCase = (
  id: string,
  run: ContractCase['run'],
  extra: Partial<ContractCase> = {},
): ContractCase => ({
  id,
  provider: 'sinch-sms',
  title: `behaves as ${id}`,
  run,
  ...extra,
});

describe('runContract', () => {
  it('passes a case that records nothing, fails one that records failures, and keeps each failure', async () => {
    const report = await runContract(
      [
        contractCase('quiet', () => Promise.resolve()),
        contractCase('noisy', (ctx) => {
          ctx.fail({
            message: '/to names 1001 recipients',
            pointer: '/to',
            value: 1001,
            subject: 'request req_1',
          });
          ctx.fail({ message: '/msgid is missing', pointer: '/msgid' });
          return Promise.resolve();
        }),
      ],
      target(),
    );
    expect(report.results.map((r) => r.status)).toEqual(['passed', 'failed']);
    expect(report.results[1]!.failures).toEqual([
      {
        message: '/to names 1001 recipients',
        pointer: '/to',
        value: 1001,
        subject: 'request req_1',
      },
      { message: '/msgid is missing', pointer: '/msgid' },
    ]);
    expect(report.summary).toEqual({ total: 2, passed: 1, failed: 1, errored: 0, skipped: 0 });
  });

  it('fails a case that throws a ContractFailure, and errors one that throws anything else', async () => {
    const report = await runContract(
      [
        contractCase('throws-failure', () => {
          throw new ContractFailure({ message: 'no requests', pointer: '', value: 0 });
        }),
        contractCase('throws-error', () => Promise.reject(new Error('gateway unreachable'))),
      ],
      target(),
    );
    expect(report.results[0]).toMatchObject({
      status: 'failed',
      failures: [{ message: 'no requests', pointer: '', value: 0 }],
    });
    expect(report.results[1]).toMatchObject({
      status: 'errored',
      reason: 'gateway unreachable',
      failures: [],
    });
  });

  it('skips a case that needs a status probe when the adapter has none, and runs it when it has one', async () => {
    const needsProbe = contractCase('needs-probe', () => Promise.resolve(), {
      requires: ['status-probe'],
    });
    const without = await runContract([needsProbe], target());
    expect(without.results[0]).toMatchObject({ status: 'skipped' });
    expect(without.results[0]!.reason).toMatch(/status probe/);
    const withProbe = await runContract(
      [needsProbe],
      target(new ListJournal(), { ...gateway, status: () => Promise.resolve('sent') }),
    );
    expect(withProbe.results[0]!.status).toBe('passed');
  });

  it('shows each case only the journal entries recorded after it started', async () => {
    const journal = new ListJournal();
    journal.add();
    const seen: string[][] = [];
    const recordsOne = (id: string): ContractCase =>
      contractCase(id, async (ctx) => {
        journal.add();
        journal.add('other');
        seen.push((await ctx.requests({ provider: 'sinch-sms' })).map((e) => e.id));
      });
    await runContract([recordsOne('first'), recordsOne('second')], target(journal));
    expect(seen).toEqual([['req_2'], ['req_4']]);
    expect(journal.entries).toHaveLength(5);
    // The case's own queries ask only for entries newer than it (the journal above ignores that
    // and shows everything, which is why the case still saw only its own).
    const scoped = journal.queries.filter((q) => q.provider === 'sinch-sms');
    expect(scoped).toEqual([
      { provider: 'sinch-sms', after: 1 },
      { provider: 'sinch-sms', after: 3 },
    ]);
  });

  it('empties the journal before each case with journal "clear"', async () => {
    const journal = new ListJournal();
    journal.add();
    let before = -1;
    await runContract(
      [contractCase('counts', () => Promise.resolve(void (before = journal.entries.length)))],
      target(journal),
      { journal: 'clear' },
    );
    expect(before).toBe(0);
  });

  it('errors a case that runs longer than caseTimeoutMs and goes on with the next', async () => {
    const report = await runContract(
      [
        contractCase('hangs', () => new Promise<void>(() => undefined)),
        contractCase('after', () => Promise.resolve()),
      ],
      target(),
      { caseTimeoutMs: 50 },
    );
    expect(report.results[0]).toMatchObject({
      status: 'errored',
      reason: 'did not finish within 50 ms',
    });
    expect(report.results[1]!.status).toBe('passed');
  });

  it('gives waitFor the settle timeout and names what it waited for', async () => {
    const report = await runContract(
      [
        contractCase('waits', (ctx) =>
          ctx.waitFor('a request that never comes', () => undefined).then(() => undefined),
        ),
      ],
      target(),
      { timeouts: { settleMs: 30 } },
    );
    expect(report.results[0]).toMatchObject({
      status: 'errored',
      reason: 'timed out after 30 ms waiting for a request that never comes',
    });
  });

  it('refuses case ids that are not kebab-case or are used twice', async () => {
    const ok = (): Promise<void> => Promise.resolve();
    await expect(runContract([contractCase('Not_Kebab', ok)], target())).rejects.toThrow(
      'contract case id "Not_Kebab" must be kebab-case',
    );
    await expect(
      runContract([contractCase('twice', ok), contractCase('twice', ok)], target()),
    ).rejects.toThrow('contract case id "twice" is used twice');
  });

  it('runs only the cases named in only, reports each as it ends, and refuses unknown ids', async () => {
    const ran: string[] = [];
    const streamed: CaseResult[] = [];
    const cases = ['one', 'two', 'three'].map((id) =>
      contractCase(id, () => Promise.resolve(void ran.push(id))),
    );
    await runContract(cases, target(), {
      only: ['three', 'one'],
      onResult: (r) => streamed.push(r),
    });
    expect(ran).toEqual(['one', 'three']);
    expect(streamed.map((r) => r.id)).toEqual(['one', 'three']);
    await expect(runContract(cases, target(), { only: ['four'] })).rejects.toThrow(
      'runContract: only names no case with id "four"; known: one, two, three',
    );
  });

  it('skips cases that need fault rules or a concurrency limit when the target has neither', async () => {
    const report = await runContract(
      [
        contractCase('faulty', () => Promise.resolve(), { requires: ['faults'] }),
        contractCase('bounded', () => Promise.resolve(), { requires: ['concurrency-limit'] }),
      ],
      target(),
    );
    expect(report.results.map((r) => [r.status, r.reason])).toEqual([
      ['skipped', 'needs fault rules (ContractSimulator.faults), which this simulator lacks'],
      [
        'skipped',
        "needs the gateway's concurrency limit (settings.concurrency, gateway.concurrency in the config)",
      ],
    ]);
  });

  it('hands each case the settings over the defaults and run-unique sequence numbers', async () => {
    const seen: {
      seed: string;
      deadline: number;
      concurrency?: number;
      first: number;
      next: number;
    }[] = [];
    const record = (id: string): ContractCase =>
      contractCase(id, (ctx) => {
        const first = ctx.sequence(10);
        seen.push({
          seed: ctx.settings.seed,
          deadline: ctx.settings.callbackDeadlineMs,
          ...(ctx.settings.concurrency !== undefined && { concurrency: ctx.settings.concurrency }),
          first,
          next: ctx.sequence(),
        });
        return Promise.resolve();
      });
    await runContract([record('a'), record('b')], target(), {
      settings: { seed: 'fixed', concurrency: 2, callbackDeadlineMs: undefined },
    });
    expect(seen).toEqual([
      { seed: 'fixed', deadline: 2000, concurrency: 2, first: 1, next: 11 },
      { seed: 'fixed', deadline: 2000, concurrency: 2, first: 12, next: 22 },
    ]);
  });

  it('removes the fault rules a case added when it ends, even when it fails', async () => {
    const added: unknown[] = [];
    const removed: string[] = [];
    const faults = {
      addRules: (rules: unknown) => void added.push(...(rules as unknown[])),
      remove: (id: string) => (removed.push(id), true),
    };
    const simulator = { ...target().simulator, faults };
    const report = await runContract(
      [
        contractCase('adds-two', async (ctx) => {
          await ctx.addFaults([{ then: { error: 'server_error' } }, { then: { reset: true } }]);
          throw new ContractFailure({ message: 'gave up', pointer: '' });
        }),
      ],
      { simulator, gateway },
    );
    expect(report.results[0]!.status).toBe('failed');
    const ids = (added as { id: string }[]).map((r) => r.id);
    expect(ids).toHaveLength(2);
    expect(ids.every((id) => /^contract-[a-z0-9]+-adds-two-[12]$/.test(id))).toBe(true);
    expect(removed).toEqual(ids);
  });

  it('leaves out the cases named in skip, announces each case before it starts, and refuses unknown skips', async () => {
    const started: string[] = [];
    const cases = ['one', 'two', 'three'].map((id) => contractCase(id, () => Promise.resolve()));
    const report = await runContract(cases, target(), {
      skip: ['two'],
      onCaseStart: (c, index, total) => started.push(`${c.id} ${index + 1}/${total}`),
    });
    expect(report.results.map((r) => r.id)).toEqual(['one', 'three']);
    expect(started).toEqual(['one 1/2', 'three 2/2']);
    await expect(runContract(cases, target(), { skip: ['nine'] })).rejects.toThrow(
      'runContract: skip names no case with id "nine"',
    );
  });

  it('continues the sequence across runs against the same target, so a case at a time never reuses a recipient', async () => {
    const firsts: number[] = [];
    const take = contractCase('takes', (ctx) => Promise.resolve(void firsts.push(ctx.sequence(5))));
    const shared = target();
    await runContractCase(take, shared);
    await runContractCase(take, shared);
    await runContractCase(take, target());
    expect(firsts).toEqual([1, 6, 1]);
  });
});
