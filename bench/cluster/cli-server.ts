import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { waitForExit } from '../server-process.js';
import { freePort } from './ports.js';
import { childrenOf, sampleProcess, type ProcSample } from './proc-stats.js';

/** `provider-sim start` running in its own process (group), reachable on loopback. */
export interface CliServer {
  readonly name: string;
  readonly url: string;
  /** The process that serves: the CLI itself, or each cluster worker of its primary. */
  servingPids(): number[];
  /** CPU and RSS of the CLI and every worker it forked, undefined for a process gone. */
  sample(): (ProcSample | undefined)[];
  /** SIGTERM (workers drain their callbacks), then SIGKILL to the group if it lingers. */
  stop(): Promise<void>;
}

/** How to start the CLI. */
export interface CliLaunch {
  name: string;
  workers: number;
  redisUrl: string;
  callbackUrl: string;
  /** JSON config file (the bench's fault rule). */
  configFile: string;
}

const CLI = new URL('../../src/cli/index.js', import.meta.url);
const READY_TIMEOUT_MS = 20_000;
const STOP_TIMEOUT_MS = 15_000;

/** Kills the CLI's whole process group: a primary's workers go with it. */
function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    // Already gone.
  }
}

/** Starts the CLI and resolves once it printed "listening on". */
export async function startCliServer(launch: CliLaunch): Promise<CliServer> {
  const port = await freePort();
  const args = [
    fileURLToPath(CLI),
    'start',
    '--port',
    String(port),
    '--host',
    '127.0.0.1',
    '--redis',
    launch.redisUrl,
    '--callback-url',
    launch.callbackUrl,
    '--config',
    launch.configFile,
    '--workers',
    String(launch.workers),
    '--log-level',
    'silent',
  ];
  // Its own group, so that stopping it (or a crash of this process) takes the workers too.
  const child = spawn(process.execPath, args, {
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  const killOnExit = (): void => killGroup(child, 'SIGKILL');
  process.once('exit', killOnExit);
  let stdout = '';
  let stderr = '';
  // Read both pipes to the end: a full pipe would block the server.
  child.stdout?.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));

  let onEarlyExit = (): void => undefined;
  await new Promise<void>((resolve, reject) => {
    const fail = (reason: string): void => {
      child.off('exit', onEarlyExit);
      clearTimeout(timer);
      clearInterval(poll);
      killGroup(child, 'SIGKILL');
      reject(new Error(`${launch.name}: ${reason}${stderr ? `\n${stderr.trim()}` : ''}`));
    };
    const timer = setTimeout(
      () => fail(`no "listening on" within ${READY_TIMEOUT_MS} ms`),
      READY_TIMEOUT_MS,
    );
    const poll = setInterval(() => {
      if (!stdout.includes('listening on')) return;
      clearTimeout(timer);
      clearInterval(poll);
      resolve();
    }, 20);
    child.once('error', (error) => fail(`could not start: ${error.message}`));
    onEarlyExit = () =>
      fail(`exited before it was ready (${child.signalCode ?? `code ${String(child.exitCode)}`})`);
    child.once('exit', onEarlyExit);
  });
  child.off('exit', onEarlyExit);

  const primary = child.pid ?? 0;
  const servingPids = (): number[] => (launch.workers > 1 ? childrenOf(primary) : [primary]);
  return {
    name: launch.name,
    url: `http://127.0.0.1:${port}`,
    servingPids,
    sample: () => {
      const pids = launch.workers > 1 ? [primary, ...servingPids()] : [primary];
      return pids.map(sampleProcess);
    },
    async stop() {
      killGroup(child, 'SIGTERM');
      if (!(await waitForExit(child, STOP_TIMEOUT_MS))) killGroup(child, 'SIGKILL');
      await waitForExit(child, STOP_TIMEOUT_MS);
      // Workers that outlived their primary.
      killGroup(child, 'SIGKILL');
      process.off('exit', killOnExit);
    },
  };
}
