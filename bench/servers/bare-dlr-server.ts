import http from 'node:http';
import { listenOnLoopback, reportReady } from './serve-over-ipc.js';

// The floor with DLRs: answer, then post one delivery report per send to the sink, on kept-alive
// connections, with nothing else (no validation, journal or lifecycle).
const sink = new URL(process.env.BENCH_SINK_URL ?? 'http://127.0.0.1:9/');
const agent = new http.Agent({ keepAlive: true, maxSockets: 50 });

function postDlr(msgid: unknown): void {
  const payload = JSON.stringify([
    { event: 'delivered', data: [{ ts: Math.floor(Date.now() / 1000), meta: msgid }] },
  ]);
  const request = http.request(sink, {
    method: 'POST',
    agent,
    headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) },
  });
  request.on('response', (response) => response.resume());
  request.on('error', () => undefined);
  request.end(payload);
}

const server = http.createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on('data', (chunk: Buffer) => chunks.push(chunk));
  req.on('end', () => {
    let payload: string;
    let msgid: unknown;
    try {
      msgid = (JSON.parse(Buffer.concat(chunks).toString('utf8')) as { msgid?: unknown }).msgid;
      payload = JSON.stringify({ accepted: true, msgid });
      res.statusCode = 200;
    } catch {
      payload = JSON.stringify({ accepted: false });
      res.statusCode = 400;
    }
    res.setHeader('content-type', 'application/json; charset=utf-8');
    res.setHeader('content-length', Buffer.byteLength(payload));
    res.end(payload);
    if (res.statusCode === 200) postDlr(msgid);
  });
});

reportReady(await listenOnLoopback(server));
