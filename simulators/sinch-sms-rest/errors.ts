import type { ErrorKind, NativeError } from '../../src/engine/provider-api.js';

const apiError = (status: number, code: string, headers?: Record<string, string>): NativeError => ({
  status,
  ...(headers && { headers }),
  body: (detail) => ({ code, text: detail }),
});

/**
 * The Sinch SMS REST error catalog: every error is `{"code","text"}`. The 400 and 403 codes are the
 * documented ones; 401, 404, 405, 413, 415, 429 and 5xx bodies are not documented, so they use the
 * same shape with a descriptive code. An expired OAuth2 token says so in `WWW-Authenticate`, which
 * is what the Sinch SDK looks for before it fetches a new token.
 * @see https://developers.sinch.com/docs/sms/api-reference/status-codes
 */
export const SINCH_SMS_REST_ERRORS: Record<ErrorKind, NativeError> = {
  unauthorized: apiError(401, 'unauthorized'),
  token_expired: apiError(401, 'unauthorized', {
    'www-authenticate': 'Bearer error="invalid_token", error_description="Jwt expired"',
  }),
  forbidden: apiError(403, 'forbidden'),
  invalid_request: apiError(400, 'syntax_constraint_violation'),
  invalid_parameter_format: apiError(400, 'syntax_invalid_parameter_format'),
  invalid_recipient: apiError(400, 'syntax_invalid_parameter_format'),
  too_many_recipients: apiError(400, 'syntax_constraint_violation'),
  malformed_body: apiError(400, 'syntax_invalid_json'),
  unknown_group: apiError(403, 'unknown_group'),
  missing_callback_url: apiError(403, 'missing_callback_url'),
  unsupported_media_type: apiError(415, 'unsupported_media_type'),
  payload_too_large: apiError(413, 'payload_too_large'),
  not_found: apiError(404, 'not_found'),
  method_not_allowed: apiError(405, 'method_not_allowed'),
  throttled: { ...apiError(429, 'too_many_requests'), retryAfter: true },
  server_error: apiError(500, 'internal_error'),
  unavailable: apiError(503, 'service_unavailable'),
};
