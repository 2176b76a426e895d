import http from 'node:http';
import { bareHandler, dlrPayload } from './bare-answer.js';
import { listenOnLoopback, reportReady } from './serve-over-ipc.js';

// Answer, then post one delivery report per send to the sink at once with node's own
// `http.request` on kept-alive connections, with nothing else (no validation, journal or lifecycle).
const sink = new URL(process.env.BENCH_SINK_URL ?? 'http://127.0.0.1:9/');
const agent = new http.Agent({ keepAlive: true, maxSockets: 50 });

function postDlr(msgid: unknown): void {
  const payload = dlrPayload(msgid);
  const request = http.request(sink, {
    method: 'POST',
    agent,
    headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) },
  });
  request.on('response', (response) => response.resume());
  request.on('error', () => undefined);
  request.end(payload);
}

const server = http.createServer(bareHandler(postDlr));

reportReady(await listenOnLoopback(server));
