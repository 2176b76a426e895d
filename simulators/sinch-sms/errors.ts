import type { ErrorKind, NativeError } from '../../src/engine/provider-api.js';

const nativeError = (status: number, code: number): NativeError => ({
  status,
  body: (detail, pointer) => ({
    accepted: false,
    error: { code, message: detail, ...(pointer ? { field: pointer } : {}) },
  }),
});

/**
 * The simulator's error catalog for Sinch SMS India. The real error bodies are unpublished, so every
 * error uses one body, `{"accepted":false,"error":{"code","message","field"?}}`, with a stable code.
 */
export const SINCH_SMS_ERRORS: Record<ErrorKind, NativeError> = {
  unauthorized: nativeError(401, 101),
  invalid_request: nativeError(400, 102),
  invalid_recipient: nativeError(400, 103),
  dlt_violation: nativeError(400, 104),
  too_many_recipients: nativeError(400, 105),
  malformed_body: nativeError(400, 106),
  unsupported_media_type: nativeError(415, 107),
  payload_too_large: nativeError(413, 108),
  not_found: nativeError(404, 109),
  method_not_allowed: nativeError(405, 110),
  throttled: nativeError(429, 111),
  server_error: nativeError(500, 112),
  unavailable: nativeError(503, 113),
  forbidden: nativeError(403, 114),
};
