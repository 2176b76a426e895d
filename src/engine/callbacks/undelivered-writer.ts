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

/**
 * Writes undelivered callbacks to `file` (appended, in one write) or, without one, to stderr. A
 * file that cannot be written falls back to stderr, naming the file.
 */
export function undeliveredWriter(
  file: string | undefined,
): (callbacks: UndeliveredCallback[]) => void {
  return (callbacks) => {
    const text = undeliveredLines(callbacks);
    if (file) {
      try {
        appendFileSync(file, text);
        return;
      } catch (error) {
        process.stderr.write(
          `could not write undelivered callbacks to ${file} (${(error as Error).message}); writing them here\n`,
        );
      }
    }
    process.stderr.write(text);
  };
}
