import { describe, expect, it } from 'vitest';
import { testProvider } from '../../../../test/support/test-provider.js';
import { callbackTestServices } from '../../../../test/support/callback-test-services.js';
import { buildBody } from './build-body.js';
import { dispatch } from './dispatch.js';
import { requestFlow } from './flow-fixtures.js';

describe('dispatch stage', () => {
  it('never sends to a host the allowlist refuses: the refusal is journaled and logged at warn', () => {
    const { services, provider, journal, logged } = callbackTestServices(testProvider);
    const flow = requestFlow(provider, 'http://10.0.0.5/dlr');
    buildBody.run(flow, services);
    expect(dispatch.run(flow, services)).toBe(false);
    expect(services.dispatcher.stats()).toEqual({
      pending: 0,
      delivered: 0,
      givenUp: 0,
      refused: 1,
    });
    expect(journal.subEvents).toEqual([
      [
        'req_1',
        expect.objectContaining({
          type: 'callback-refused',
          target: 'http://10.0.0.5/dlr',
          messageIds: ['m1'],
          reason: expect.stringMatching(/callbacks\.allowedHosts/),
        }),
      ],
    ]);
    expect(logged).toEqual([
      expect.objectContaining({
        level: 'warn',
        message: 'callback target refused',
        provider: 'test-provider',
      }),
    ]);
  });

  it("hands an allowed target to the dispatcher with the provider's retry policy", () => {
    const { services, provider } = callbackTestServices(testProvider);
    const flow = requestFlow(provider, 'http://127.0.0.1:9/dlr');
    buildBody.run(flow, services);
    expect(dispatch.run(flow, services)).toBe(true);
    expect(flow.job).toMatchObject({
      provider: 'test-provider',
      kind: 'dlr',
      serveEventIds: ['req_1'],
      messageIds: ['m1'],
      retryPolicy: provider.retryPolicy,
    });
    expect(services.dispatcher.stats().pending).toBe(1);
    services.dispatcher.close();
  });
});
