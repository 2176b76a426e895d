import { describe, expect, it } from 'vitest';
import { SimError } from '../engine/errors.js';
import { resolveSimulatorUrl } from './shared-options.js';

describe('resolveSimulatorUrl', () => {
  it('takes --url first, then PROVIDER_SIM_URL, then PROVIDER_SIM_HOST and PROVIDER_SIM_PORT', () => {
    const env = { PROVIDER_SIM_URL: 'http://sim.test:5000/', PROVIDER_SIM_PORT: '47110' };
    expect(resolveSimulatorUrl('http://127.0.0.1:1234/', env)).toBe('http://127.0.0.1:1234');
    expect(resolveSimulatorUrl(undefined, env)).toBe('http://sim.test:5000');
    expect(resolveSimulatorUrl(undefined, { PROVIDER_SIM_PORT: '47110' })).toBe(
      'http://127.0.0.1:47110',
    );
    expect(
      resolveSimulatorUrl(undefined, { PROVIDER_SIM_HOST: '10.1.2.3', PROVIDER_SIM_PORT: '5000' }),
    ).toBe('http://10.1.2.3:5000');
    expect(resolveSimulatorUrl(undefined, {})).toBe('http://127.0.0.1:4010');
  });

  it('reaches a simulator listening on every interface, or on IPv6, from this machine', () => {
    expect(resolveSimulatorUrl(undefined, { PROVIDER_SIM_HOST: '0.0.0.0' })).toBe(
      'http://127.0.0.1:4010',
    );
    expect(resolveSimulatorUrl(undefined, { PROVIDER_SIM_HOST: '::1' })).toBe('http://[::1]:4010');
  });

  it('refuses an unusable value with a usage error naming its source and the value as given', () => {
    const refusal = (flag: string | undefined, env: Record<string, string>): SimError => {
      try {
        resolveSimulatorUrl(flag, env);
      } catch (error) {
        return error as SimError;
      }
      throw new Error('no error');
    };
    expect(refusal(undefined, { PROVIDER_SIM_PORT: 'abc' })).toMatchObject({
      pointer: 'PROVIDER_SIM_PORT',
      message: 'PROVIDER_SIM_PORT must be a port from 1 to 65535; got "abc"',
    });
    expect(refusal(undefined, { PROVIDER_SIM_URL: 'localhost:4010' })).toMatchObject({
      pointer: 'PROVIDER_SIM_URL',
      message: expect.stringContaining('got "localhost:4010"') as string,
    });
    expect(refusal('ftp://x', {})).toBeInstanceOf(SimError);
    expect(refusal('ftp://x', {}).pointer).toBe('--url');
  });
});
