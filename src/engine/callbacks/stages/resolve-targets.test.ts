import { describe, expect, it } from 'vitest';
import { testProvider } from '../../../../test/support/test-provider.js';
import { callbackTestServices } from '../../../../test/support/callback-test-services.js';
import { statusFlow } from './flow-fixtures.js';
import { fillPlaceholders, resolveTargets } from './resolve-targets.js';

describe('resolve-targets stage', () => {
  it('fills {provider} and {kind} in the default callback URL', () => {
    const { services, provider } = callbackTestServices(testProvider, {
      callbackUrl: 'http://127.0.0.1:3000/callbacks/{provider}/{kind}',
    });
    const flow = statusFlow(provider);
    expect(resolveTargets.run(flow, services)).toBe(true);
    expect(flow.targets).toEqual(['http://127.0.0.1:3000/callbacks/test-provider/dlr']);
  });

  it("prefers the message's own target, then the provider's configured one, over the default", () => {
    const { services, provider } = callbackTestServices(testProvider, {
      callbackUrl: 'http://127.0.0.1/default',
      providers: {
        'test-provider': { callbacks: { dlr: 'http://127.0.0.1/{kind}-of-{provider}' } },
      },
    });
    const configured = statusFlow(provider);
    resolveTargets.run(configured, services);
    expect(configured.targets).toEqual(['http://127.0.0.1/dlr-of-test-provider']);
    const own = statusFlow(provider, {
      message: {
        id: 'm1',
        recipient: '+1',
        callbackTargets: { dlr: 'http://127.0.0.1/own/{kind}' },
      },
    });
    resolveTargets.run(own, services);
    expect(own.targets).toEqual(['http://127.0.0.1/own/dlr']);
  });

  it('journals a skip naming the settings and stops when no target is known', () => {
    const { services, provider, journal } = callbackTestServices(testProvider);
    expect(resolveTargets.run(statusFlow(provider), services)).toBe(false);
    expect(journal.subEvents).toEqual([
      [
        'req_1',
        expect.objectContaining({
          type: 'callback-skipped',
          offsetMs: 100,
          messageId: 'm1',
          reason: expect.stringMatching(
            /--callback-url or providers\.test-provider\.callbacks\.dlr/,
          ),
        }),
      ],
    ]);
  });

  it('leaves a URL without placeholders as it is', () => {
    expect(fillPlaceholders('http://h/{other}', 'p', 'k')).toBe('http://h/{other}');
    expect(fillPlaceholders('http://h/{provider}/{provider}', 'p', 'k')).toBe('http://h/p/p');
  });
});
