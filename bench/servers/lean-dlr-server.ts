import http from 'node:http';
import { HttpPoster } from '../../src/engine/dispatcher/http-poster.js';
import { bareHandler, dlrPayload } from './bare-answer.js';
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
  void poster.post(sink, dlrPayload(msgid), HEADERS);
}

const server = http.createServer(bareHandler((msgid) => setTimeout(postDlr, DLR_DELAY_MS, msgid)));

reportReady(await listenOnLoopback(server));
