import { appendFileSync } from 'node:fs';
import type { UndeliveredCallback } from '../dispatcher/callback-dispatcher.js';

/** One JSON line per callback: message id(s), provider, kind, target and body, so none is lost without a word. */
export function undeliveredLines(callbacks: readonly UndeliveredCallback[]): string {
  return callbacks
    .map((c) =>
      JSON.stringify({
        undelivered: c.reason,
        messageId: c.messageIds.length === 1 ? c.messageIds[0] : c.messageIds,
        provider: c.provider,
        kind: c.kind,
        target: c.target,
        attempts: c.attempts,
        ...(c.last !== undefined && { last: c.last }),
        body: c.body,
      }),
    )
    .map((line) => `${line}\n`)
    .join('');
}

/** Longest wait for stderr to take the lines: a reader that stops reading must not hold up the exit. */
const STDERR_FLUSH_MS = 1500;

/**
 * Writes `text` to stderr and resolves once it was handed to the OS (or after `STDERR_FLUSH_MS`).
 * When stderr is a pipe or socket, what it cannot take at once is queued in this process, and an
 * exit right after the write would drop it.
 */
function writeStderr(text: string): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, STDERR_FLUSH_MS);
    timer.unref();
    process.stderr.write(text, () => {
      clearTimeout(timer);
      resolve();
    });
  });
}

/**
 * Writes undelivered callbacks to `file` (appended, in one write) or, without one, to stderr; the
 * promise settles once they are written. A file that cannot be written falls back to stderr,
 * naming the file.
 */
export function undeliveredWriter(
  file: string | undefined,
): (callbacks: UndeliveredCallback[]) => Promise<void> {
  return (callbacks) => {
    const text = undeliveredLines(callbacks);
    if (file) {
      try {
        appendFileSync(file, text);
        return Promise.resolve();
      } catch (error) {
        return writeStderr(
          `could not write undelivered callbacks to ${file} (${(error as Error).message}); writing them here\n${text}`,
        );
      }
    }
    return writeStderr(text);
  };
}
