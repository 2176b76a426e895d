/** One HTTP/1.1 answer, read off the wire. */
export interface ParsedResponse {
  status: number;
  /** The body's first bytes (at most the parser's `keepBodyBytes`), decoded as UTF-8. */
  body: string;
  /** Whether the connection may carry another request. */
  keepAlive: boolean;
  /** The server's `Keep-Alive: timeout=N` hint, in milliseconds, when it sent one. */
  keepAliveMs?: number;
}

/** Most bytes of a status line plus headers (node's own server limit is 16 KiB). */
const MAX_HEAD_BYTES = 64 * 1024;
/** Most bytes of a chunk-size line (hex digits plus extensions). */
const MAX_CHUNK_LINE_BYTES = 1024;

type Phase = 'head' | 'length' | 'chunk-size' | 'chunk-data' | 'chunk-end' | 'trailers' | 'eof';

const CRLF = Buffer.from('\r\n');
const HEAD_END = Buffer.from('\r\n\r\n');

/**
 * Reads HTTP/1.1 answers from a byte stream, one request at a time: status line and headers, then
 * a body delimited by `content-length`, chunked encoding or the end of the connection. Interim
 * `1xx` answers are skipped. Only the first `keepBodyBytes` of a body are kept; the rest is
 * counted and dropped, so a huge answer costs no memory.
 */
export class Http1ResponseParser {
  private pending: Buffer = Buffer.alloc(0);
  private phase: Phase = 'head';
  private status = 0;
  private keepAlive = true;
  private keepAliveMs: number | undefined;
  private remaining = 0;
  private readonly kept: Buffer[] = [];
  private keptBytes = 0;
  /** Whether the last step consumed bytes or moved on (else it waits for more). */
  private progressed = false;

  constructor(private readonly keepBodyBytes: number) {}

  /** Whether a read-until-close body is being read (the connection's end completes it). */
  get readsToEnd(): boolean {
    return this.phase === 'eof';
  }

  /** Whether any byte of the current answer arrived. */
  get started(): boolean {
    return this.pending.length > 0 || this.phase !== 'head' || this.status !== 0;
  }

  /**
   * Feeds bytes; returns the answer once complete, `undefined` while more are needed, or throws
   * on a malformed answer. Bytes after a complete answer are an error (nothing was asked).
   */
  push(data: Buffer): ParsedResponse | undefined {
    this.pending = this.pending.length === 0 ? data : Buffer.concat([this.pending, data]);
    for (;;) {
      this.progressed = false;
      const done = this.step();
      if (done) {
        if (this.pending.length > 0) throw new Error('the server sent bytes nobody asked for');
        return done;
      }
      if (!this.progressed) return undefined;
    }
  }

  /** Completes a read-until-close body when the connection ends; throws if the answer was cut. */
  end(): ParsedResponse {
    if (this.phase !== 'eof') throw new Error('the connection closed before the answer ended');
    return this.finish(false);
  }

  private step(): ParsedResponse | undefined {
    switch (this.phase) {
      case 'head':
        return this.readHead();
      case 'length':
        return this.readLength();
      case 'chunk-size':
        this.readChunkSize();
        return undefined;
      case 'chunk-data':
        this.readChunkData();
        return undefined;
      case 'chunk-end':
        this.readChunkEnd();
        return undefined;
      case 'trailers':
        return this.readTrailers();
      case 'eof':
        this.keep(this.pending);
        this.pending = Buffer.alloc(0);
        return undefined;
    }
  }

  private readHead(): ParsedResponse | undefined {
    const end = this.pending.indexOf(HEAD_END);
    if (end < 0) {
      if (this.pending.length > MAX_HEAD_BYTES) throw new Error('answer headers too large');
      return undefined;
    }
    if (end > MAX_HEAD_BYTES) throw new Error('answer headers too large');
    const head = this.pending.toString('latin1', 0, end);
    this.pending = this.pending.subarray(end + 4);
    this.progressed = true;
    const lines = head.split('\r\n');
    const statusLine = /^HTTP\/1\.([01]) (\d{3})(?: .*)?$/.exec(lines[0] ?? '');
    if (!statusLine) throw new Error(`not an HTTP/1.x answer: "${(lines[0] ?? '').slice(0, 60)}"`);
    const status = Number(statusLine[2]);
    const http10 = statusLine[1] === '0';
    let length: number | undefined;
    let chunked = false;
    let connection = '';
    let keepAliveHint: number | undefined;
    for (let i = 1; i < lines.length; i++) {
      const line = lines[i]!;
      const colon = line.indexOf(':');
      if (colon <= 0) throw new Error(`malformed answer header "${line.slice(0, 60)}"`);
      const name = line.slice(0, colon).trim().toLowerCase();
      const value = line.slice(colon + 1).trim();
      if (name === 'content-length') {
        if (!/^\d+$/.test(value) || (length !== undefined && Number(value) !== length)) {
          throw new Error(`invalid content-length "${value.slice(0, 30)}"`);
        }
        length = Number(value);
      } else if (name === 'transfer-encoding') {
        chunked = value.toLowerCase().split(',').at(-1)?.trim() === 'chunked';
      } else if (name === 'connection') {
        connection = value.toLowerCase();
      } else if (name === 'keep-alive') {
        const timeout = /(?:^|,)\s*timeout=(\d+)/i.exec(value);
        if (timeout) keepAliveHint = Number(timeout[1]) * 1000;
      }
    }
    // Interim answers (100 Continue, 103 Early Hints) precede the real one on the same request.
    if (status >= 100 && status < 200 && status !== 101) return undefined;
    this.status = status;
    this.keepAlive = http10 ? connection.includes('keep-alive') : !connection.includes('close');
    this.keepAliveMs = keepAliveHint;
    if (status === 204 || status === 304) return this.finish(this.keepAlive);
    if (chunked) {
      this.phase = 'chunk-size';
      return undefined;
    }
    if (length !== undefined) {
      this.remaining = length;
      this.phase = 'length';
      return length === 0 ? this.finish(this.keepAlive) : undefined;
    }
    // No length and not chunked: the body runs to the end of the connection.
    this.keepAlive = false;
    this.phase = 'eof';
    return undefined;
  }

  private readLength(): ParsedResponse | undefined {
    const take = Math.min(this.remaining, this.pending.length);
    this.keep(this.pending.subarray(0, take));
    this.pending = this.pending.subarray(take);
    this.remaining -= take;
    return this.remaining === 0 ? this.finish(this.keepAlive) : undefined;
  }

  private readChunkSize(): void {
    const end = this.pending.indexOf(CRLF);
    if (end < 0) {
      if (this.pending.length > MAX_CHUNK_LINE_BYTES) throw new Error('chunk size line too long');
      return;
    }
    const line = this.pending.toString('latin1', 0, end);
    const size = /^([0-9a-fA-F]{1,8})(?:;.*)?$/.exec(line.trim());
    if (!size) throw new Error(`invalid chunk size "${line.slice(0, 30)}"`);
    this.pending = this.pending.subarray(end + 2);
    this.progressed = true;
    this.remaining = parseInt(size[1]!, 16);
    this.phase = this.remaining === 0 ? 'trailers' : 'chunk-data';
  }

  private readChunkData(): void {
    const take = Math.min(this.remaining, this.pending.length);
    this.keep(this.pending.subarray(0, take));
    this.pending = this.pending.subarray(take);
    this.remaining -= take;
    if (this.remaining === 0) {
      this.phase = 'chunk-end';
      this.progressed = true;
    }
  }

  private readChunkEnd(): void {
    if (this.pending.length < 2) return;
    if (this.pending[0] !== 0x0d || this.pending[1] !== 0x0a) {
      throw new Error('chunk not followed by CRLF');
    }
    this.pending = this.pending.subarray(2);
    this.progressed = true;
    this.phase = 'chunk-size';
  }

  private readTrailers(): ParsedResponse | undefined {
    // No trailers: a bare CRLF. Otherwise trailer lines up to an empty line.
    if (this.pending.length >= 2 && this.pending[0] === 0x0d && this.pending[1] === 0x0a) {
      this.pending = this.pending.subarray(2);
      return this.finish(this.keepAlive);
    }
    const end = this.pending.indexOf(HEAD_END);
    if (end < 0) {
      if (this.pending.length > MAX_HEAD_BYTES) throw new Error('answer trailers too large');
      return undefined;
    }
    this.pending = this.pending.subarray(end + 4);
    return this.finish(this.keepAlive);
  }

  private keep(bytes: Buffer): void {
    if (bytes.length === 0) return;
    if (this.keptBytes < this.keepBodyBytes) {
      const part = bytes.subarray(0, this.keepBodyBytes - this.keptBytes);
      // A copy: the socket's buffer is not ours to hold on to.
      this.kept.push(Buffer.from(part));
      this.keptBytes += part.length;
    }
    this.progressed = true;
  }

  private finish(keepAlive: boolean): ParsedResponse {
    const response: ParsedResponse = {
      status: this.status,
      body: this.keptBytes === 0 ? '' : Buffer.concat(this.kept).toString('utf8'),
      keepAlive,
      ...(this.keepAliveMs !== undefined && { keepAliveMs: this.keepAliveMs }),
    };
    this.phase = 'head';
    this.status = 0;
    this.keepAliveMs = undefined;
    this.kept.length = 0;
    this.keptBytes = 0;
    this.progressed = true;
    return response;
  }
}
