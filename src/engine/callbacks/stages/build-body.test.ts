import { describe, expect, it } from 'vitest';
import { testProvider } from '../../../../test/support/test-provider.js';
import type { AnyProviderDefinition } from '../../types.js';
import { callbackTestServices } from '../../../../test/support/callback-test-services.js';
import { buildBody } from './build-body.js';
import { requestFlow } from './flow-fixtures.js';

describe('build-body stage', () => {
  it("builds the provider's body and keeps the exact bytes", () => {
    const { services, provider } = callbackTestServices(testProvider);
    const flow = requestFlow(provider, 'http://127.0.0.1/a');
    expect(buildBody.run(flow, services)).toBe(true);
    expect(flow.prepared!.body).toEqual([{ id: 'm1', status: 'delivered' }]);
    expect(flow.payload).toBe('[{"id":"m1","status":"delivered"}]');
  });

  it('logs a failing builder and stops', () => {
    const broken: AnyProviderDefinition = {
      ...testProvider,
      callbacks: {
        dlr: {
          ...testProvider.callbacks.dlr!,
          build: () => {
            throw new Error('no template');
          },
        },
      },
    };
    const { services, provider, logged } = callbackTestServices(broken);
    expect(buildBody.run(requestFlow(provider, 'http://127.0.0.1/a'), services)).toBe(false);
    expect(logged).toEqual([
      expect.objectContaining({
        level: 'error',
        message: 'callback builder failed',
        error: 'no template',
      }),
    ]);
  });
});
