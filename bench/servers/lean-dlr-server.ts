import http from 'node:http';
import { HttpPoster } from '../../src/engine/dispatcher/http-poster.js';
import { listenOnLoopback, reportReady } from './serve-over-ipc.js';

// The floor of provider-sim's own design: node:http answers as `bare` does, and one DLR per send
// leaves through the simulator's own callback client after a delay, as the simulator's DLR steps
// do. Nothing else runs (no faults, auth, validation, journal, lifecycle or metrics), so no
// server built this way, on one core, can serve more than this one.
const sink = process.env.BENCH_SINK_URL ?? 'http://127.0.0.1:9/';
const poster = new HttpPoster(10_000);
const HEADERS = { 'content-type': 'application/json' };
/** The middle of the Sinch SMS simulator's default DLR delay (200-800 ms). */
const DLR_DELAY_MS = 500;

function postDlr(msgid: unknown): void {
  const payload = JSON.stringify([
    { event: 'delivered', data: [{ ts: Math.floor(Date.now() / 1000), meta: msgid }] },
  ]);
  void poster.post(sink, payload, HEADERS);
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
    if (res.statusCode === 200) setTimeout(postDlr, DLR_DELAY_MS, msgid);
  });
});

reportReady(await listenOnLoopback(server));
