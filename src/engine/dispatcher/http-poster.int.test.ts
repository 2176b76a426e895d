import http from 'node:http';
import { readFileSync } from 'node:fs';
import net from 'node:net';
import tls from 'node:tls';
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

  it('reuses one kept-alive connection for posts in sequence, and sends headers, URL credentials and the body', async () => {
    const seen: { headers: http.IncomingHttpHeaders; body: string; url: string | undefined }[] = [];
    const target = await listen(
      http.createServer((req, res) => {
        let body = '';
        req.on('data', (chunk: Buffer) => (body += chunk.toString()));
        req.on('end', () => {
          seen.push({ headers: req.headers, body, url: req.url });
          res.writeHead(201, { 'content-type': 'text/plain' }).end(`got ${body.length}`);
        });
      }),
    );
    const withCredentials = target.replace('http://', 'http://user%40x:p%3Ass@') + '?kind=dlr';
    const poster = new HttpPoster(10_000);
    for (let i = 0; i < 5; i++) {
      const result = await poster.post(withCredentials, `{"n":${i}}`, {
        'X-Signature': 'abc',
        'X-Name': 'café',
      });
      expect(result).toMatchObject({ status: 201, body: 'got 7' });
    }
    poster.close();
    expect(sockets).toHaveLength(1);
    expect(seen.map((s) => s.body)).toEqual([0, 1, 2, 3, 4].map((i) => `{"n":${i}}`));
    expect(seen[0]!.url).toBe('/dlr?kind=dlr');
    expect(seen[0]!.headers).toMatchObject({
      'content-type': 'application/json',
      'content-length': '7',
      'user-agent': 'provider-sim',
      'x-signature': 'abc',
      'x-name': 'café',
      authorization: `Basic ${Buffer.from('user@x:p:ss').toString('base64')}`,
    });
  });

  it('opens a new connection after an answer with Connection: close, and reports refusals, timeouts and bad headers as errors', async () => {
    const target = await listen(
      http.createServer((req, res) => {
        req.resume();
        req.on('end', () => {
          if (req.headers['x-hold'] === 'yes') return;
          res.writeHead(200, { connection: 'close', 'content-length': 2 }).end('ok');
        });
      }),
    );
    const poster = new HttpPoster(300);
    expect(await poster.post(target, '{}', {})).toMatchObject({ status: 200, body: 'ok' });
    expect(await poster.post(target, '{}', {})).toMatchObject({ status: 200, body: 'ok' });
    expect(sockets).toHaveLength(2);
    expect(await poster.post(target, '{}', { 'x-hold': 'yes' })).toMatchObject({
      error: 'no answer within 300 ms',
    });
    expect(await poster.post(target, '{}', { 'x-bad': 'a\r\nInjected: 1' })).toMatchObject({
      error: 'invalid value in callback header "x-bad"',
    });
    expect(await poster.post(target, '{}', { 'bad name': 'x' })).toMatchObject({
      error: 'invalid callback header name "bad name"',
    });
    expect((await poster.post('ftp://127.0.0.1/x', '{}', {})).error).toMatch(
      /invalid callback URL/,
    );
    const closed = net.createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as net.AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    expect((await poster.post(`http://127.0.0.1:${port}/`, '{}', {})).error).toMatch(
      /^ECONNREFUSED: /,
    );
    poster.close();
  });

  it('reads an answer that runs to the end of the connection, and reports one that is not HTTP, or cut mid-answer, as an error', async () => {
    const target = await listen(
      net.createServer((socket) => {
        socket.once('data', (data) => {
          if (data.toString().includes('"to-close"')) {
            socket.end('HTTP/1.1 202 Accepted\r\nContent-Type: text/plain\r\n\r\nuntil the end');
          } else if (data.toString().includes('"cut"')) {
            socket.end('HTTP/1.1 200 OK\r\nContent-Length: 50\r\n\r\npartial');
          } else socket.end('220 smtp.example ESMTP\r\n\r\n');
        });
      }),
    );
    const poster = new HttpPoster(5_000);
    expect((await poster.post(target, '{"x":1}', {})).error).toMatch(
      /^unreadable answer: not an HTTP/,
    );
    expect(await poster.post(target, '"to-close"', {})).toMatchObject({
      status: 202,
      body: 'until the end',
    });
    expect((await poster.post(target, '"cut"', {})).error).toBe(
      'connection closed before the answer',
    );
    poster.close();
  });

  it("closes an idle connection before the gateway's Keep-Alive hint runs out", async () => {
    let closedAt = 0;
    const target = await listen(
      net.createServer((socket) => {
        socket.on('data', () =>
          socket.write('HTTP/1.1 200 OK\r\nKeep-Alive: timeout=2\r\nContent-Length: 0\r\n\r\n'),
        );
        // This server never closes a connection itself: a close comes from the poster.
        socket.on('end', () => (closedAt = performance.now()));
      }),
    );
    const poster = new HttpPoster(10_000);
    expect((await poster.post(target, '{}', {})).status).toBe(200);
    const answeredAt = performance.now();
    await expect.poll(() => closedAt, { timeout: 3000, interval: 50 }).toBeGreaterThan(0);
    expect(closedAt - answeredAt).toBeLessThan(2000);
    expect(closedAt - answeredAt).toBeGreaterThanOrEqual(900);
    poster.close();
  });

  it('speaks TLS to https targets and refuses a certificate nobody trusts', async () => {
    const tlsFile = (name: string): Buffer =>
      readFileSync(new URL(`../../../test/support/tls/${name}`, import.meta.url));
    let handshakes = 0;
    const target = await listen(
      tls.createServer(
        { key: tlsFile('localhost-key.pem'), cert: tlsFile('localhost-cert.pem') },
        () => handshakes++,
      ),
    );
    const poster = new HttpPoster(5_000);
    const result = await poster.post(target.replace('http://', 'https://'), '{}', {});
    poster.close();
    expect(result.status).toBeUndefined();
    expect(result.error).toMatch(/^DEPTH_ZERO_SELF_SIGNED_CERT: /);
    expect(handshakes).toBe(0);
  });
});
