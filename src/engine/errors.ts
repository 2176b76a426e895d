/**
 * The shared error vocabulary. Each provider maps these names to its own native status and body;
 * providers may add names of their own (e.g. `dlt_violation`).
 */
export type ErrorKind =
  | 'unauthorized'
  | 'forbidden'
  | 'invalid_request'
  | 'invalid_recipient'
  | 'malformed_body'
  | 'unsupported_media_type'
  | 'payload_too_large'
  | 'not_found'
  | 'method_not_allowed'
  | 'throttled'
  | 'server_error'
  | 'unavailable'
  | (string & {});

/** The error kinds every provider catalog must render. */
export const REQUIRED_ERROR_KINDS: readonly ErrorKind[] = [
  'unauthorized',
  'invalid_request',
  'invalid_recipient',
  'malformed_body',
  'unsupported_media_type',
  'payload_too_large',
  'not_found',
  'method_not_allowed',
  'throttled',
  'server_error',
  'unavailable',
];

/** One of our own errors (config, CLI, admin API): it names the field, what was expected and what came. */
export class SimError extends Error {
  /** A stable, kebab-case code such as `invalid-config`. */
  readonly code: string;
  /** JSON pointer (or dotted flag name) of the offending field. */
  readonly pointer: string;
  /** What was expected there. */
  readonly expected: string | undefined;
  /** What was found there. */
  readonly actual: unknown;

  constructor(
    code: string,
    pointer: string,
    message: string,
    details: { expected?: string; actual?: unknown } = {},
  ) {
    super(message);
    this.name = 'SimError';
    this.code = code;
    this.pointer = pointer;
    this.expected = details.expected;
    this.actual = details.actual;
  }
}
