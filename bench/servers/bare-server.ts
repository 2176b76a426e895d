import http from 'node:http';
import { bareHandler } from './bare-answer.js';
import { listenOnLoopback, reportReady } from './serve-over-ipc.js';

// The physical limit: node:http parses the JSON and answers.
const server = http.createServer(bareHandler());

reportReady(await listenOnLoopback(server));
