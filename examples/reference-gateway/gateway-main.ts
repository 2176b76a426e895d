/**
 * `npm run gateway`: the reference gateway on its own, sending to a simulator (default
 * `http://127.0.0.1:4010`, where `provider-sim contract` starts one) and logging one line per
 * message and status. Options: `--port` (or `PORT`, default 8080), `--host` (or `HOST`, default
 * 127.0.0.1), `--simulator-url` (or `SIMULATOR_URL`).
 */
import { createReferenceGateway } from './gateway.js';
import {
  formatMessageLine,
  readGatewayMainOptions,
  type GatewayMainOptions,
} from './gateway-options.js';
import { PROOF_GATEWAY } from './proof/reference-run.js';

async function main(): Promise<number> {
  let options: GatewayMainOptions;
  try {
    options = readGatewayMainOptions(process.argv.slice(2), process.env);
  } catch (error) {
    process.stderr.write(`gateway: ${(error as Error).message}\n`);
    return 2;
  }
  // One line per message and status: repeated reports of the same status stay quiet.
  const logged = new Map<string, string>();
  const gateway = createReferenceGateway({
    ...PROOF_GATEWAY,
    host: options.host,
    port: options.port,
    simulatorUrl: options.simulatorUrl,
    onMessageChange(message) {
      if (logged.get(message.id) === message.status) return;
      logged.set(message.id, message.status);
      process.stdout.write(`${formatMessageLine(message, new Date())}\n`);
    },
  });
  const url = await gateway.listen();
  process.stdout.write(
    `reference gateway at ${url} (health: ${url}/health), sending to ${options.simulatorUrl}\n`,
  );
  const stop = (): void => {
    void gateway.close().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  return 0;
}

process.exitCode = await main().catch((error: unknown) => {
  process.stderr.write(`gateway: ${(error as Error).message}\n`);
  return 1;
});
