import type { ErrorKind, NativeError } from '../../src/engine/provider-api.js';

/** `/message/text_message/text` as the dotted field name google.rpc.BadRequest uses. */
export function fieldOf(pointer: string): string {
  return pointer
    .split('/')
    .slice(1)
    .map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((part) => (/^\d+$/.test(part) ? `[${part}]` : `.${part}`))
    .join('')
    .replace(/^\./, '');
}

/** Details of an error: the offending field for a request error, else the simulator's explanation. */
function detailsOf(detail: string, pointer: string | undefined): unknown[] {
  if (pointer !== undefined && pointer !== '' && !pointer.startsWith('/headers')) {
    return [
      {
        '@type': 'type.googleapis.com/google.rpc.BadRequest',
        field_violations: [{ field: fieldOf(pointer), description: detail }],
      },
    ];
  }
  return [{ '@type': 'type.googleapis.com/google.rpc.DebugInfo', stack_entries: [], detail }];
}

/**
 * The Conversation API error body: `{"error":{"code","message","status","details"}}`, with `code`
 * the HTTP status. `fixedMessage` is the documented message where there is one; otherwise the
 * detail is the message.
 * @see https://github.com/sinch/docs/blob/master/docs/conversation/conversation.md#errors
 */
function apiError(
  status: number,
  rpcStatus: string,
  fixedMessage?: string,
  headers?: Record<string, string>,
): NativeError {
  return {
    status,
    ...(headers && { headers }),
    body: (detail, pointer) => ({
      error: {
        code: status,
        message: fixedMessage ?? detail,
        status: rpcStatus,
        details: detailsOf(detail, pointer),
      },
    }),
  };
}

/** An OAuth 2.0 token-endpoint error (RFC 6749 section 5.2). */
function tokenError(status: number, error: string): NativeError {
  return { status, body: (detail) => ({ error, error_description: detail }) };
}

/**
 * What the SDK looks for before it refreshes a token: 401 with a `WWW-Authenticate` header that
 * contains `expired`.
 * @see https://github.com/sinch/sinch-sdk-node/blob/main/packages/sdk-client/src/client/api-fetch-client.ts
 */
export const EXPIRED_TOKEN_CHALLENGE =
  'Bearer realm="sinch", error="invalid_token", error_description="The access token expired"';

/**
 * The Conversation API error catalog, keyed by the shared error vocabulary plus this provider's
 * own kinds: `token_expired`, `app_not_found`, and the token route's RFC 6749 errors.
 * @see https://github.com/sinch/docs/blob/master/docs/conversation/conversation.md#errors
 */
export const SINCH_CONVERSATION_ERRORS: Record<ErrorKind, NativeError> = {
  unauthorized: apiError(401, 'UNAUTHENTICATED', 'Request had invalid credentials.'),
  token_expired: apiError(401, 'UNAUTHENTICATED', 'Request had invalid credentials.', {
    'www-authenticate': EXPIRED_TOKEN_CHALLENGE,
  }),
  forbidden: apiError(403, 'PERMISSION_DENIED'),
  invalid_request: apiError(400, 'INVALID_ARGUMENT'),
  invalid_recipient: apiError(400, 'INVALID_ARGUMENT'),
  malformed_body: apiError(400, 'INVALID_ARGUMENT'),
  unsupported_media_type: apiError(400, 'INVALID_ARGUMENT'),
  payload_too_large: apiError(413, 'INVALID_ARGUMENT'),
  not_found: apiError(404, 'NOT_FOUND'),
  app_not_found: apiError(404, 'NOT_FOUND'),
  method_not_allowed: apiError(405, 'UNIMPLEMENTED'),
  throttled: apiError(429, 'RESOURCE_EXHAUSTED'),
  server_error: apiError(500, 'INTERNAL'),
  unavailable: apiError(503, 'UNAVAILABLE'),
  token_invalid_client: tokenError(401, 'invalid_client'),
  token_invalid_request: tokenError(400, 'invalid_request'),
  token_unsupported_grant_type: tokenError(400, 'unsupported_grant_type'),
  // The token endpoint answers 429 without Retry-After (the SDK backs off on its own).
  token_throttled: tokenError(429, 'too_many_requests'),
};
