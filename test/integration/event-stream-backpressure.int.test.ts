import http from 'node:http';
import net from 'node:net';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { afterEach, describe, expect, it } from 'vitest';
import type { AdminTarget } from '../../src/admin/admin-target.js';
import { streamEvents } from '../../src/admin/stream-events.js';
import { RingJournal } from '../../src/engine/journal/ring-journal.js';
import type { ServeEvent } from '../../src/engine/journal/serve-event.js';

/** A journal entry carrying `size` bytes of message text. */
const entry = (id: string, size = 16): Omit<ServeEvent, 'seq'> => ({
  id,
  receivedAt: '2026-01-01T00:00:00.000Z',
  receivedAtMs: 0,
  provider: 'sinch-sms',
  route: 'send',
  request: { method: 'POST', path: '/', query: {}, headers: {}, body: { text: 'x'.repeat(size) } },
  recipients: [],
  diagnostics: [],
  faults: [],
  response: { status: 200, body: {} },
  outcome: 'accepted',
  messages: [],
  timing: { totalMs: 1 },
  subEvents: [],
});

let server: http.Server | undefined;

afterEach(async () => {
  server?.closeAllConnections();
  await new Promise((resolve) => server?.close(resolve));
});

/** Serves the event stream of `journal` with a small per-client buffer. */
async function serve(journal: RingJournal, maxBufferedBytes: number): Promise<number> {
  const app = express();
  app.get('/events', streamEvents({ journal } as unknown as AdminTarget, { maxBufferedBytes }));
  server = http.createServer(app);
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  return (server.address() as AddressInfo).port;
}

/** Opens the stream on a raw socket that reads nothing until told to. */
function openPaused(port: number, lastEventId?: string): Promise<net.Socket> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1', () => {
      socket.pause();
      socket.write(
        `GET /events HTTP/1.1\r\nHost: 127.0.0.1\r\n${
          lastEventId === undefined ? '' : `Last-Event-ID: ${lastEventId}\r\n`
        }\r\n`,
      );
      resolve(socket);
    });
    socket.on('error', reject);
  });
}

/**
 * Reads the socket to its end (or until `count` events came) and returns the ids and types of
 * the events it carried.
 */
function readToEnd(socket: net.Socket, count = Infinity): Promise<{ id: number; type: string }[]> {
  return new Promise((resolve) => {
    let text = '';
    const events = () =>
      [...text.matchAll(/id: (\d+)\nevent: ([a-z-]+)\n/g)].map((m) => ({
        id: Number(m[1]),
        type: m[2]!,
      }));
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => {
      text += chunk;
      if (events().length >= count) socket.destroy();
    });
    socket.on('close', () => resolve(events()));
    socket.resume();
  });
}

describe('event stream backpressure', () => {
  it('drops a client that stops reading once its unread events pass the buffer limit', async () => {
    const journal = new RingJournal(1000);
    const port = await serve(journal, 64 * 1024);
    const socket = await openPaused(port);
    // Wait until the server has subscribed this client (the response head arrives first).
    await new Promise<void>((resolve) => {
      socket.once('readable', () => resolve());
    });
    const total = 400;
    for (let i = 0; i < total; i++) journal.add(entry(`e-${i}`, 50_000));
    const events = await readToEnd(socket);
    // The stream ended (a reading client's stream never does) before every event went out.
    expect(events.length).toBeLessThan(total);
    expect(events.every((e, i) => i === 0 || e.id > events[i - 1]!.id)).toBe(true);
  });

  it('replays, on reconnection with Last-Event-ID, every entry recorded after that id', async () => {
    const journal = new RingJournal(1000);
    const port = await serve(journal, 64 * 1024);
    for (let i = 0; i < 10; i++) journal.add(entry(`e-${i}`));
    const socket = await openPaused(port, '6');
    await new Promise<void>((resolve) => {
      socket.once('readable', () => resolve());
    });
    journal.addSubEvent('e-9', { type: 'status', offsetMs: 5, status: 'delivered' });
    journal.add(entry('e-10'));
    const events = await readToEnd(socket, 6);
    expect(events).toEqual([
      { id: 7, type: 'entry' },
      { id: 8, type: 'entry' },
      { id: 9, type: 'entry' },
      { id: 10, type: 'entry' },
      { id: 10, type: 'sub-event' },
      { id: 11, type: 'entry' },
    ]);
  });

  it('keeps a client that reads connected, each event id the newest sequence number', async () => {
    const journal = new RingJournal(1000);
    journal.add(entry('before'));
    const port = await serve(journal, 64 * 1024);
    const ids = await new Promise<string[]>((resolve) => {
      http.get(`http://127.0.0.1:${port}/events`, (response) => {
        response.setEncoding('utf8');
        let text = '';
        response.on('data', (chunk: string) => {
          text += chunk;
          const found = [...text.matchAll(/id: (\d+)\n/g)].map((m) => m[1]!);
          if (found.length === 50) {
            response.destroy();
            resolve(found);
          }
        });
        // Less than the buffer limit in all, so the client is never dropped.
        for (let i = 0; i < 50; i++) journal.add(entry(`e-${i}`, 500));
      });
    });
    expect(ids[0]).toBe('2');
    expect(ids.at(-1)).toBe('51');
  });
});
