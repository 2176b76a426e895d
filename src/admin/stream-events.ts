import type { Request, Response } from 'express';
import type { AdminTarget } from './admin-target.js';

/** Seconds between keep-alive comments, so proxies and browsers keep the stream open. */
const HEARTBEAT_MS = 15_000;

/** Bytes a client may leave unread before it is dropped (it can reconnect with `Last-Event-ID`). */
export const DEFAULT_MAX_BUFFERED_BYTES = 4 * 1024 * 1024;

/** Limits of the event stream. */
export interface StreamEventsOptions {
  /** Unsent bytes held for one client before the stream is closed on it. */
  maxBufferedBytes?: number;
}

/** The sequence number a reconnecting client last saw, from `Last-Event-ID` (or `?lastEventId=`). */
function lastEventId(req: Request): number | undefined {
  const raw = req.headers['last-event-id'] ?? req.query.lastEventId;
  const text = Array.isArray(raw) ? raw[0] : raw;
  if (typeof text !== 'string' || !/^\d{1,15}$/.test(text.trim())) return undefined;
  return Number(text.trim());
}

/**
 * GET /__admin/events: server-sent events of every journal change — `entry` (a new request or
 * inbound message, the whole journal entry), `sub-event` (`{id, subEvent}`: a status reached, a
 * callback attempt) and `cleared`. Each event's id is the journal sequence number of the newest
 * entry at that moment. A client that leaves more than `maxBufferedBytes` unread is dropped; when
 * it reconnects with `Last-Event-ID`, every entry still held that was recorded after that id is
 * sent again in full (with its sub-events so far). Sub-events on older entries that happened while
 * it was away are not replayed: such a client reads `GET /__admin/journal` again, as the inbox does.
 */
export function streamEvents(target: AdminTarget, options: StreamEventsOptions = {}) {
  const maxBuffered = options.maxBufferedBytes ?? DEFAULT_MAX_BUFFERED_BYTES;
  return (req: Request, res: Response): void => {
    res.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache',
      connection: 'keep-alive',
    });
    const after = lastEventId(req);
    let newestSeq = after ?? target.journal.list({ limit: 1 })[0]?.seq ?? 0;
    let dropped = false;
    let unsubscribe = (): void => undefined;
    // Filled once subscribed; a client dropped during the replay never gets a heartbeat.
    const timers: { heartbeat?: NodeJS.Timeout } = {};
    const send = (text: string): void => {
      if (dropped || res.destroyed) return;
      res.write(text);
      // Writing never waits for the client; one that stops reading is cut off instead of
      // growing this process's memory without bound.
      if (res.writableLength > maxBuffered) {
        dropped = true;
        stop();
        res.destroy();
      }
    };
    const sendEntry = (type: string, seq: number, data: unknown): void => {
      newestSeq = Math.max(newestSeq, seq);
      send(`id: ${newestSeq}\nevent: ${type}\ndata: ${JSON.stringify(data)}\n\n`);
    };
    send('retry: 1000\n\n');
    if (after !== undefined) {
      for (const entry of target.journal.list({ after })) sendEntry('entry', entry.seq, entry);
    }
    if (dropped) return;
    unsubscribe = target.journal.subscribe((change) => {
      if (change.type === 'entry') sendEntry('entry', change.entry.seq, change.entry);
      else if (change.type === 'sub-event')
        sendEntry('sub-event', newestSeq, { id: change.id, subEvent: change.subEvent });
      else send('event: cleared\ndata: {}\n\n');
    });
    timers.heartbeat = setInterval(() => send(': keep-alive\n\n'), HEARTBEAT_MS);
    timers.heartbeat.unref();
    function stop(): void {
      clearInterval(timers.heartbeat);
      unsubscribe();
    }
    req.on('close', stop);
    res.on('close', stop);
  };
}
