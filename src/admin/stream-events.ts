import type { Request, Response } from 'express';
import type { AdminTarget } from './admin-target.js';

/** Seconds between keep-alive comments, so proxies and browsers keep the stream open. */
const HEARTBEAT_MS = 15_000;

/**
 * GET /__admin/events: server-sent events of every journal change — `entry` (a new request or
 * inbound message, the whole journal entry), `sub-event` (`{id, subEvent}`: a status reached, a
 * callback attempt) and `cleared`.
 */
export function streamEvents(target: AdminTarget) {
  return (req: Request, res: Response): void => {
    res.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache',
      connection: 'keep-alive',
    });
    res.write('retry: 1000\n\n');
    const unsubscribe = target.journal.subscribe((change) => {
      const data =
        change.type === 'sub-event'
          ? { id: change.id, subEvent: change.subEvent }
          : change.type === 'entry'
            ? change.entry
            : {};
      res.write(`event: ${change.type}\ndata: ${JSON.stringify(data)}\n\n`);
    });
    const heartbeat = setInterval(() => res.write(': keep-alive\n\n'), HEARTBEAT_MS);
    heartbeat.unref();
    req.on('close', () => {
      clearInterval(heartbeat);
      unsubscribe();
    });
  };
}
