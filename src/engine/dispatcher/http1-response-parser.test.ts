import { describe, expect, it } from 'vitest';
import { Http1ResponseParser } from './http1-response-parser.js';

const feed = (parser: Http1ResponseParser, ...parts: string[]) =>
  parts.map((part) => parser.push(Buffer.from(part, 'latin1')));

describe('Http1ResponseParser', () => {
  it('reads a content-length answer split at every byte', () => {
    const wire =
      'HTTP/1.1 202 Accepted\r\nContent-Length: 11\r\nKeep-Alive: timeout=5\r\n\r\nhello world';
    for (let cut = 1; cut < wire.length; cut++) {
      const parser = new Http1ResponseParser(2048);
      const [first, second] = feed(parser, wire.slice(0, cut), wire.slice(cut));
      expect(first).toBeUndefined();
      expect(second).toEqual({
        status: 202,
        body: 'hello world',
        keepAlive: true,
        keepAliveMs: 5000,
      });
    }
  });

  it('reads chunked answers with extensions and trailers, and is reusable after each', () => {
    const parser = new Http1ResponseParser(2048);
    const chunked =
      'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n2;x=1\r\nok\r\n3\r\n!!!\r\n0\r\n\r\n';
    expect(feed(parser, chunked)[0]).toEqual({ status: 200, body: 'ok!!!', keepAlive: true });
    const trailers =
      'HTTP/1.1 500 Oops\r\ntransfer-encoding: chunked\r\n\r\n1\r\nx\r\n0\r\nX-Sum: 1\r\n\r\n';
    const bytes = [...trailers].map((c) => parser.push(Buffer.from(c, 'latin1')));
    expect(bytes.at(-1)).toEqual({ status: 500, body: 'x', keepAlive: true });
    expect(bytes.slice(0, -1).every((r) => r === undefined)).toBe(true);
  });

  it('skips interim answers, keeps only the first bytes of a long body, and honours Connection: close', () => {
    const parser = new Http1ResponseParser(4);
    const [answer] = feed(
      parser,
      'HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: 10\r\n\r\n0123456789',
    );
    expect(answer).toEqual({ status: 200, body: '0123', keepAlive: false });
  });

  it('answers 204 without a body, and reads a body without length until the connection ends', () => {
    expect(feed(new Http1ResponseParser(64), 'HTTP/1.1 204 No Content\r\n\r\n')[0]).toEqual({
      status: 204,
      body: '',
      keepAlive: true,
    });
    const parser = new Http1ResponseParser(64);
    expect(feed(parser, 'HTTP/1.0 200 OK\r\n\r\npart one, ', 'part two')).toEqual([
      undefined,
      undefined,
    ]);
    expect(parser.readsToEnd).toBe(true);
    expect(parser.end()).toEqual({ status: 200, body: 'part one, part two', keepAlive: false });
  });

  it('throws on malformed answers instead of guessing', () => {
    const bad = [
      'SMTP ready\r\n\r\n',
      'HTTP/1.1 200 OK\r\nContent-Length: abc\r\n\r\n',
      'HTTP/1.1 200 OK\r\nno colon here\r\n\r\n',
      'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n',
      'HTTP/1.1 200 OK\r\nContent-Length: 1\r\n\r\nab',
    ];
    for (const wire of bad) expect(() => feed(new Http1ResponseParser(64), wire)).toThrow();
    const cut = new Http1ResponseParser(64);
    feed(cut, 'HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nab');
    expect(() => cut.end()).toThrow('closed before the answer ended');
    expect(() => new Http1ResponseParser(64).push(Buffer.alloc(70 * 1024, 'a'))).toThrow(
      'too large',
    );
  });
});
