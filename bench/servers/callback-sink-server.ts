import http from 'node:http';
import { listenOnLoopback, reportReady } from './serve-over-ipc.js';

// Counts every callback it is sent and answers 200, as a gateway that keeps up would.
let received = 0;
const server = http.createServer((req, res) => {
  req.on('data', () => undefined);
  req.on('end', () => {
    received++;
    res.writeHead(200, { 'content-length': 2, 'content-type': 'application/json' });
    res.end('{}');
  });
});
server.keepAliveTimeout = 60_000;

reportReady(await listenOnLoopback(server), () => received);
