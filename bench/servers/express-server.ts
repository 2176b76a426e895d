import http from 'node:http';
import express from 'express';
import { SINCH_SMS_PATH } from '../sinch-request.js';
import { listenOnLoopback, reportReady } from './serve-over-ipc.js';

const app = express();
// The simulator switches both off, so the floor should not pay for them either.
app.disable('x-powered-by');
app.set('etag', false);
app.use(express.json());
app.post(SINCH_SMS_PATH, (req, res) => {
  const body = req.body as { msgid?: unknown } | undefined;
  res.json({ accepted: true, msgid: body?.msgid });
});

reportReady(await listenOnLoopback(http.createServer(app)));
