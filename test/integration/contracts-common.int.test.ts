import { describe, expect, it } from 'vitest';
import { loadContract } from '../../contracts/registry.js';
import { sinchSmsContract, sinchSmsDescriptor } from '../../contracts/sinch-sms.js';
import { runAgainstReferenceGateway } from '../../examples/reference-gateway/proof/reference-run.js';
import { startReferenceStack } from '../../examples/reference-gateway/start-stack.js';
import {
  connectSimulator,
  createHttpGatewayAdapter,
  formatCaseResult,
  formatConsoleReport,
  postJson,
  runContractCase,
  type CallbackFirer,
} from '../../src/contracts/index.js';

const ROBUST = 'sinch-sms-robust-callbacks';

/** A generated callback with the parts that depend on the run (message references, times) blanked. */
function shapeOf(body: unknown): unknown {
  return (body as { event: string; data: Record<string, unknown>[] }[]).map((group) => ({
    ...group,
    data: group.data.map((record) => ({ ...record, meta: '', ts: 0 })),
  }));
}

/** Runs the robustness case with `seed` and returns the shapes of the callbacks it fired. */
async function robustCallbacks(seed: string): Promise<unknown[]> {
  const fired: unknown[] = [];
  const fireCallback: CallbackFirer = (url, body, headers) => {
    fired.push(shapeOf(body));
    return postJson(url, body, headers);
  };
  const report = await runAgainstReferenceGateway(sinchSmsContract, {
    only: [ROBUST],
    settings: { seed },
    fireCallback,
  });
  expect(report.summary.passed, formatConsoleReport(report)).toBe(1);
  return fired;
}

describe('common cases against the reference gateway', () => {
  it('skips every case that injects faults when the simulator offers no fault rules', async () => {
    const report = await runAgainstReferenceGateway(sinchSmsContract, {
      simulator: ({ url, journal, schemas }) => ({ url, journal, schemas }),
    });
    const needsFaults = sinchSmsContract.filter((c) => c.requires?.includes('faults'));
    expect(needsFaults.length).toBeGreaterThan(5);
    for (const c of needsFaults) {
      expect(report.results.find((r) => r.id === c.id)?.reason).toBe(
        'needs fault rules (ContractSimulator.faults), which this simulator lacks',
      );
    }
    expect(report.summary.failed + report.summary.errored, formatConsoleReport(report)).toBe(0);
  }, 60_000);

  it('reports each finding with its JSON pointer, the offending value and the rule it broke', async () => {
    const report = await runAgainstReferenceGateway(sinchSmsContract, {
      gateway: { defects: { numericFlags: true } },
      only: ['sinch-sms-payload-valid'],
    });
    const failures = report.results[0]!.failures;
    expect(failures).toContainEqual(
      expect.objectContaining({
        pointer: '/contenttype',
        value: 1,
        rule: 'sinch-sms/send-request: const',
        subject: expect.stringMatching(
          /^request req_\w+ \(POST \/sinch-sms\/v1\/enterprises\/messages\.json\)$/,
        ),
      }),
    );
    expect(failures).toContainEqual(
      expect.objectContaining({
        pointer: '/intflag',
        value: false,
        rule: 'sinch-sms/send-request: enum',
      }),
    );
  });

  it('names the overlapping requests when the gateway exceeds its concurrency', async () => {
    const report = await runAgainstReferenceGateway(sinchSmsContract, {
      gateway: { defects: { noConcurrencyLimit: true } },
      only: ['sinch-sms-concurrency-limit'],
    });
    const [failure] = report.results[0]!.failures;
    expect(failure?.message).toMatch(
      /^\d+ requests to sinch-sms were in flight at once; the gateway's limit is 3$/,
    );
    expect((failure?.value as string[]).length).toBeGreaterThan(3);
  });

  it('fires the same generated callbacks for the same seed, and others for another seed', async () => {
    const first = await robustCallbacks('seed-one');
    expect(first).toHaveLength(8);
    expect(await robustCallbacks('seed-one')).toEqual(first);
    expect(await robustCallbacks('seed-two')).not.toEqual(first);
  }, 60_000);

  it('runs cases against a simulator reached over its admin API as against one in-process', async () => {
    const stack = await startReferenceStack({
      gateway: { requestTimeoutMs: 1000, retry: { initialDelayMs: 100 } },
      simulator: { log: { level: 'silent' } },
    });
    try {
      const simulator = connectSimulator(stack.simulator.url!);
      const gateway = createHttpGatewayAdapter({
        baseUrl: stack.gateway.url!,
        callbackUrl: (provider, kind) => stack.gateway.callbackUrl(provider, kind),
      });
      const cases = await loadContract('sinch-sms');
      for (const id of [
        'sinch-sms-payload-valid',
        'sinch-sms-retry-on-server-error',
        'sinch-sms-duplicate-callback',
      ]) {
        const result = await runContractCase(
          cases.find((c) => c.id === id)!,
          { simulator, gateway },
          {
            settings: { retryWindowMs: 1000 },
            timeouts: { settleMs: 3000 },
          },
        );
        expect(result.status, formatCaseResult(result)).toBe('passed');
      }
      expect(stack.simulator.faults.list().filter((r) => r.source === 'admin')).toEqual([]);
    } finally {
      await stack.close();
    }
  }, 30_000);

  it('describes Sinch SMS recipients the simulator delivers by default, each slot its own', () => {
    const numbers = [1, 2, 999_999].map((slot) => sinchSmsDescriptor.recipient(slot));
    expect(numbers).toEqual(['919700000111', '919700000211', '919799999911']);
    for (const n of numbers) expect(n).not.toMatch(/0(90[0-9]|91[02-9]|920)$/);
  });
});
