import type { ErrorKind, NativeError } from '../../../src/engine/provider-api.js';

/** HTTP 200 with `{"status":"failure","error":{code,message}}`: how CleverTap wants business failures. */
const businessFailure = (code: number, status = 200): NativeError => ({
  status,
  body: (detail) => ({ status: 'failure', error: { code, message: detail } }),
});

/** A non-200 answer in the documented 500 shape, with the detail as its message. */
const failureStatus = (status: number): NativeError => ({
  status,
  body: (detail) => ({ status: 'failure', error: { message: detail } }),
});

/** A fixed documented body: CleverTap does not read bodies of non-200 answers. */
const fixed = (status: number, body: unknown): NativeError => ({ status, body: () => body });

/**
 * The error catalog of the CleverTap Generic WhatsApp providers. Every business failure is HTTP 200
 * with a 2000-2004 code (2004 "Other" for anything CleverTap's list does not name, such as a schema
 * violation); 429, 500 and 403 use the documented bodies. How the adapters answer bad credentials is
 * not documented: `unauthorized` is the 2000 answer, and `settings.badCredentials` can pick
 * `unauthorized_http` (401) or `forbidden` (403) instead (see `auth.ts`).
 * @see https://docs.clevertap.com/docs/generic-whatsapp
 */
export const CLEVERTAP_WHATSAPP_ERRORS: Record<ErrorKind, NativeError> = {
  unauthorized: businessFailure(2000),
  unauthorized_http: businessFailure(2000, 401),
  forbidden: fixed(403, { message: 'Bad Request' }),
  template_rejected: businessFailure(2001),
  invalid_recipient: businessFailure(2002),
  not_subscribed: businessFailure(2003),
  send_failed: businessFailure(2004),
  invalid_request: businessFailure(2004),
  malformed_body: businessFailure(2004),
  unsupported_media_type: businessFailure(2004),
  payload_too_large: businessFailure(2004),
  not_found: failureStatus(404),
  method_not_allowed: failureStatus(405),
  throttled: fixed(429, { message: 'Too many requests to process' }),
  server_error: fixed(500, {
    status: 'failure',
    error: { message: 'Unable to process the request' },
  }),
  unavailable: failureStatus(503),
};
