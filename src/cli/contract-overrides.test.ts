import { describe, expect, it } from 'vitest';
import type { ContractConfig } from '../contracts/config/contract-config.js';
import { placeContractRun, readPlacement } from './contract-overrides.js';

const config = (simulatorUrl?: string): ContractConfig => ({
  seed: 's',
  providers: ['sinch-sms'],
  cases: {},
  simulator: { ...(simulatorUrl && { url: simulatorUrl }), config: { port: 4010 } },
  gateway: {
    ready: { url: 'http://127.0.0.1:8080/health', timeoutMs: 1000 },
    trigger: { url: 'http://127.0.0.1:8080/send?x=1', body: {} },
    probe: { url: 'http://127.0.0.1:8080/messages/{{id}}' },
    callbacks: {
      'sinch-sms': { dlr: 'http://127.0.0.1:8080/callbacks/sinch-sms' },
      kaleyra: { dlr: 'https://gw.test/callbacks/kaleyra', inbound: '{{env.GW}}/inbound' },
    },
  },
  settings: {},
  timeouts: { settleMs: 1, graceMs: 1, caseMs: 1, totalMs: 1 },
  report: { targets: [] },
  baseDir: '.',
});

describe('contract placement', () => {
  it('moves every gateway URL to --gateway-url, keeping paths and queries', () => {
    const placed = placeContractRun(
      config(),
      readPlacement({ gatewayUrl: 'http://127.0.0.1:9191' }, {}),
    );
    expect(placed.gateway.ready?.url).toBe('http://127.0.0.1:9191/health');
    expect(placed.gateway.trigger).toMatchObject({ url: 'http://127.0.0.1:9191/send?x=1' });
    expect(placed.gateway.probe).toMatchObject({ url: 'http://127.0.0.1:9191/messages/{{id}}' });
    expect(placed.gateway.callbacks).toEqual({
      'sinch-sms': { dlr: 'http://127.0.0.1:9191/callbacks/sinch-sms' },
      kaleyra: { dlr: 'http://127.0.0.1:9191/callbacks/kaleyra', inbound: '{{env.GW}}/inbound' },
    });
  });

  it('starts the simulator on --port, else PROVIDER_SIM_PORT, else the file’s port', () => {
    const port = (flags: { port?: string }, env: Record<string, string>) =>
      placeContractRun(config(), readPlacement(flags, env)).simulator.config.port;
    expect(port({ port: '4011' }, { PROVIDER_SIM_PORT: '4012' })).toBe(4011);
    expect(port({}, { PROVIDER_SIM_PORT: '4012' })).toBe(4012);
    expect(port({}, {})).toBe(4010);
  });

  it('refuses bad values as given, and a --port for a run on a running simulator', () => {
    expect(() => readPlacement({ port: 'x' }, {})).toThrow(
      '--port must be a whole number from 0 to 65535; got "x"',
    );
    expect(() => readPlacement({}, { PROVIDER_SIM_PORT: '99999' })).toThrow(
      'PROVIDER_SIM_PORT must be a whole number from 0 to 65535; got "99999"',
    );
    expect(() => readPlacement({ gatewayUrl: 'http://127.0.0.1:8080/api' }, {})).toThrow(
      'got "http://127.0.0.1:8080/api"',
    );
    expect(() =>
      placeContractRun(config('http://127.0.0.1:4010'), readPlacement({ port: '4011' }, {})),
    ).toThrow('--port 4011 sets the port of the simulator the command starts');
    const running = placeContractRun(
      config('http://127.0.0.1:4010'),
      readPlacement({}, { PROVIDER_SIM_PORT: '4011' }),
    );
    expect(running.simulator.config.port).toBe(4010);
  });
});
