import { describe, expect, it } from 'vitest';
import { testProvider } from '../../../../test/support/test-provider.js';
import { callbackTestServices } from '../../../../test/support/callback-test-services.js';
import { buildBody } from './build-body.js';
import { requestFlow } from './flow-fixtures.js';
import { sign } from './sign.js';

describe('sign stage', () => {
  it('signs the exact bytes, applying a requested tamper', () => {
    const { services, provider } = callbackTestServices(testProvider);
    const flow = requestFlow(provider, 'http://127.0.0.1/a');
    flow.items[0]!.tamper = { badSignature: true };
    buildBody.run(flow, services);
    expect(sign.run(flow, services)).toBe(true);
    expect(flow.signature).toEqual({
      'x-test-signature': 'spoiled',
      'x-test-nonce': 'fresh',
      'x-test-skew': '0',
    });
  });

  it('sends unsigned, with an error logged, when the signer fails', () => {
    const { services, provider, logged } = callbackTestServices({
      ...testProvider,
      callbacks: {
        dlr: {
          ...testProvider.callbacks.dlr!,
          sign: () => {
            throw new Error('no key');
          },
        },
      },
    });
    const flow = requestFlow(provider, 'http://127.0.0.1/a');
    buildBody.run(flow, services);
    expect(sign.run(flow, services)).toBe(true);
    expect(flow.signature).toEqual({});
    expect(logged[0]).toMatchObject({ level: 'error', message: 'callback signing failed' });
  });
});
