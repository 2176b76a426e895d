import type http from 'node:http';
import type { AddressInfo } from 'node:net';
import { isParentMessage, type ChildMessage } from './ipc-protocol.js';

function send(message: ChildMessage): void {
  if (!process.send) throw new Error('server child must be started with an IPC channel');
  process.send(message);
}

/** Listens on an ephemeral loopback port and resolves to it. */
export function listenOnLoopback(server: http.Server): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

/**
 * Tells the benchmark the port, then answers its stats requests until told to stop; `count`
 * reports how many callbacks a sink has received.
 */
export function reportReady(port: number, count?: () => number): void {
  process.on('message', (message: unknown) => {
    if (!isParentMessage(message)) return;
    if (message.type === 'stop') {
      // A normal exit (not a signal) so that `--cpu-prof` writes its profile.
      process.exit(0);
    }
    const cpu = process.cpuUsage();
    // RSS as it stands, before any collection this request asks for.
    const rss = process.memoryUsage().rss;
    const gc = (globalThis as { gc?: () => void }).gc;
    let liveHeap: number | undefined;
    if (message.collect && gc) {
      gc();
      liveHeap = process.memoryUsage().heapUsed;
    }
    send({
      type: 'stats',
      id: message.id,
      rss,
      cpuMicros: cpu.user + cpu.system,
      ...(count && { received: count() }),
      ...(liveHeap !== undefined && { liveHeap }),
    });
  });
  // Without the benchmark (it crashed or was killed) nobody would ever stop this process.
  process.on('disconnect', () => process.exit(0));
  send({ type: 'ready', port });
}
