import net from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { startSimulator, type Simulator } from '../../src/index.js';

let sim: Simulator | undefined;
const sockets: net.Socket[] = [];

afterEach(async () => {
  for (const socket of sockets.splice(0)) socket.destroy();
  await sim?.close({ drain: false });
  sim = undefined;
});

/** A raw keep-alive connection that sends a request at a time and reads each answer's status. */
interface Connection {
  socket: net.Socket;
  /** Sends `GET path` and resolves with the status, or with `closed` when the server hangs up. */
  get(path: string): Promise<number | 'closed'>;
  closed: Promise<void>;
}

async function connect(port: number): Promise<Connection> {
  const socket = net.connect(port, '127.0.0.1');
  sockets.push(socket);
  socket.setEncoding('latin1');
  let received = '';
  let waiting: ((status: number | 'closed') => void) | undefined;
  const closed = new Promise<void>((resolve) => {
    socket.on('close', () => {
      waiting?.('closed');
      resolve();
    });
  });
  socket.on('error', () => undefined);
  socket.on('data', (chunk: string) => {
    received += chunk;
    // One whole answer: its head and the body its Content-Length announces.
    const head = /^HTTP\/1\.1 (\d{3})[^]*?\r\ncontent-length: (\d+)\r\n[^]*?\r\n\r\n/i.exec(
      received,
    );
    if (!head || received.length < head[0].length + Number(head[2])) return;
    received = received.slice(head[0].length + Number(head[2]));
    const resolve = waiting;
    waiting = undefined;
    resolve?.(Number(head[1]));
  });
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', resolve);
    socket.once('error', reject);
  });
  return {
    socket,
    closed,
    get: (path) =>
      new Promise((resolve) => {
        if (socket.destroyed) {
          resolve('closed');
          return;
        }
        waiting = resolve;
        socket.write(`GET ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n`);
      }),
  };
}

describe('server.maxConnections', () => {
  it('closes connections past the cap at once and keeps serving the others, and new ones once below it', async () => {
    const cap = 5;
    sim = await startSimulator({
      port: 0,
      log: { level: 'silent' },
      server: { maxConnections: cap },
    });
    const port = Number(new URL(sim.url!).port);
    // Each connection answered once: the server holds all of them.
    const open: Connection[] = [];
    for (let i = 0; i < cap; i++) {
      const connection = await connect(port);
      expect(await connection.get('/__admin/health')).toBe(200);
      open.push(connection);
    }

    // Past the cap: accepted by the kernel, then closed by the server without an answer.
    const extra = await Promise.all(Array.from({ length: 3 }, () => connect(port)));
    const answers = await Promise.all(extra.map((c) => c.get('/__admin/health')));
    expect(answers).toEqual(['closed', 'closed', 'closed']);
    await Promise.all(extra.map((c) => c.closed));

    // The connections within the cap still serve, provider routes included.
    for (const connection of open) {
      expect(await connection.get('/__admin/health')).toBe(200);
    }
    expect(await open[0]!.get('/sinch-sms/v1/enterprises/messages.json')).toBe(405);

    // One closes: a new connection is served again.
    open.pop()!.socket.destroy();
    await expect
      .poll(async () => {
        const connection = await connect(port);
        const status = await connection.get('/__admin/health');
        connection.socket.destroy();
        return status;
      })
      .toBe(200);
  });

  it('serves any number of connections when the cap is 0', async () => {
    sim = await startSimulator({
      port: 0,
      log: { level: 'silent' },
      server: { maxConnections: 0 },
    });
    const port = Number(new URL(sim.url!).port);
    const connections = await Promise.all(Array.from({ length: 40 }, () => connect(port)));
    const statuses = await Promise.all(connections.map((c) => c.get('/__admin/health')));
    expect(statuses.every((status) => status === 200)).toBe(true);
  });
});
