import { parseArgs } from 'node:util';
import type { GatewayMessage } from './message-store.js';

/** Where and how the gateway runs, from flags over environment over defaults. */
export interface GatewayMainOptions {
  host: string;
  port: number;
  simulatorUrl: string;
}

/** Reads the options; throws a message naming the flag (or variable) and the value as given. */
export function readGatewayMainOptions(
  argv: readonly string[],
  env: Readonly<Record<string, string | undefined>>,
): GatewayMainOptions {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      port: { type: 'string' },
      host: { type: 'string' },
      'simulator-url': { type: 'string' },
    },
    strict: true,
  });
  const [portSource, portText] =
    values.port !== undefined ? ['--port', values.port] : ['PORT', env.PORT ?? '8080'];
  const port = Number(portText);
  if (!/^\d+$/.test(portText) || port > 65535) {
    throw new Error(`${portSource} must be a port number (0-65535); got "${portText}"`);
  }
  const simulatorUrl = values['simulator-url'] ?? env.SIMULATOR_URL ?? 'http://127.0.0.1:4010';
  if (!URL.canParse(simulatorUrl)) {
    throw new Error(`--simulator-url must be a URL; got "${simulatorUrl}"`);
  }
  return { host: values.host ?? env.HOST ?? '127.0.0.1', port, simulatorUrl };
}

/** One log line: time, provider, gateway id, recipient, status (and the provider's code). */
export function formatMessageLine(message: GatewayMessage, at: Date): string {
  const code = message.code === undefined ? '' : ` code=${message.code}`;
  const why = message.description === undefined ? '' : ` (${message.description})`;
  return `${at.toISOString()} ${message.provider} ${message.id} to=${message.to.join(',')} ${message.status}${code}${why}`;
}
