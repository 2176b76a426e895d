import { describe, expect, it } from 'vitest';
import { formatMessageLine, readGatewayMainOptions } from './gateway-options.js';
import type { GatewayMessage } from './message-store.js';

describe('readGatewayMainOptions', () => {
  it('listens on 127.0.0.1:8080 and sends to the simulator on 4010 by default', () => {
    expect(readGatewayMainOptions([], {})).toEqual({
      host: '127.0.0.1',
      port: 8080,
      simulatorUrl: 'http://127.0.0.1:4010',
    });
  });

  it('takes PORT from the environment and --port over it', () => {
    expect(readGatewayMainOptions([], { PORT: '9000' }).port).toBe(9000);
    expect(readGatewayMainOptions(['--port', '9100'], { PORT: '9000' }).port).toBe(9100);
  });

  it('names the flag or variable and shows the value as given when the port is not a number', () => {
    expect(() => readGatewayMainOptions(['--port', 'abc'], {})).toThrow(
      '--port must be a port number (0-65535); got "abc"',
    );
    expect(() => readGatewayMainOptions([], { PORT: '80x' })).toThrow('PORT must be a port number');
  });

  it('refuses an unknown flag', () => {
    expect(() => readGatewayMainOptions(['--bogus'], {})).toThrow(/bogus/);
  });
});

describe('formatMessageLine', () => {
  it('shows time, provider, id, recipients, status and the provider code', () => {
    const message = {
      id: 'msg_1',
      provider: 'msg91',
      to: ['919700000111', '919700000211'],
      status: 'failed',
      code: '131026',
      description: 'undeliverable',
    } as GatewayMessage;
    expect(formatMessageLine(message, new Date('2026-01-01T00:00:00Z'))).toBe(
      '2026-01-01T00:00:00.000Z msg91 msg_1 to=919700000111,919700000211 failed code=131026 (undeliverable)',
    );
  });
});
