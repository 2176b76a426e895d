import http from 'node:http';
import net from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { HttpPoster } from './http-poster.js';

let server: net.Server | undefined;
const sockets: net.Socket[] = [];

afterEach(async () => {
  for (const socket of sockets.splice(0)) socket.destroy();
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  server = undefined;
});

async function listen(created: net.Server): Promise<string> {
  server = created;
  created.on('connection', (socket: net.Socket) => void sockets.push(socket));
  await new Promise<void>((resolve) => created.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(created.address() as net.AddressInfo).port}/dlr`;
}

describe('HttpPoster', () => {
  it('opens at most 64 connections to a host that never answers, and answers the rest as not sent on close', async () => {
    const target = await listen(net.createServer());
    const poster = new HttpPoster(600_000);
    const results = Array.from({ length: 500 }, (_, i) => poster.post(target, `{"n":${i}}`, {}));
    await expect.poll(() => sockets.length).toBe(64);
    // More connections never come, however long the others wait.
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(sockets).toHaveLength(64);
    poster.close();
    const settled = await Promise.all(results);
    expect(settled.filter((r) => r.error === 'not sent: shutting down')).toHaveLength(500 - 64);
    expect(settled.every((r) => r.status === undefined && r.error !== undefined)).toBe(true);
  });

  it('sends every post in turn once connections free up', async () => {
    const bodies: string[] = [];
    const target = await listen(
      http.createServer((req, res) => {
        let body = '';
        req.on('data', (chunk: Buffer) => (body += chunk.toString()));
        req.on('end', () => {
          bodies.push(body);
          res.end('ok');
        });
      }),
    );
    const poster = new HttpPoster(10_000);
    const results = await Promise.all(
      Array.from({ length: 300 }, (_, i) => poster.post(target, `{"n":${i}}`, {})),
    );
    poster.close();
    expect(results.every((r) => r.status === 200 && r.body === 'ok')).toBe(true);
    expect(bodies).toHaveLength(300);
    expect(new Set(bodies).size).toBe(300);
  });
});
