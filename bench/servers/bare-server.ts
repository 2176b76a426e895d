import http from 'node:http';
import { listenOnLoopback, reportReady } from './serve-over-ipc.js';

const server = http.createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on('data', (chunk: Buffer) => chunks.push(chunk));
  req.on('end', () => {
    let payload: string;
    try {
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { msgid?: unknown };
      payload = JSON.stringify({ accepted: true, msgid: body.msgid });
      res.statusCode = 200;
    } catch {
      payload = JSON.stringify({ accepted: false });
      res.statusCode = 400;
    }
    res.setHeader('content-type', 'application/json; charset=utf-8');
    res.setHeader('content-length', Buffer.byteLength(payload));
    res.end(payload);
  });
});

reportReady(await listenOnLoopback(server));
