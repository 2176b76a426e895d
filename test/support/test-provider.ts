import type {
  AnyProviderDefinition,
  ErrorKind,
  NativeError,
  RouteDefinition,
} from '../../src/engine/provider-api.js';
import { REQUIRED_ERROR_KINDS } from '../../src/engine/errors.js';

const plain = (status: number, kind: string): NativeError => ({
  status,
  body: (detail, pointer) => ({ kind, detail, pointer }),
  ...(kind === 'throttled' && { retryAfter: true }),
});

const STATUS: Record<string, number> = {
  unauthorized: 401,
  invalid_request: 400,
  invalid_recipient: 400,
  malformed_body: 400,
  unsupported_media_type: 415,
  payload_too_large: 413,
  not_found: 404,
  method_not_allowed: 405,
  throttled: 429,
  server_error: 500,
  unavailable: 503,
};

const send = (id: string, path: string): RouteDefinition => ({
  id,
  method: 'POST',
  path,
  recipients: (request) => [String((request.body as { to?: unknown }).to)],
  callbackTargets: (request): Record<string, string> => {
    const url = request.headers['x-callback-url'];
    return typeof url === 'string' ? { '/headers/x-callback-url': url } : {};
  },
  accept: (request, context) => {
    const url = request.headers['x-callback-url'];
    const to = String((request.body as { to?: unknown }).to);
    return {
      response: { status: 200, body: { ok: true } },
      messages: [
        {
          id: context.ids.next(),
          recipient: to,
          ...(typeof url === 'string' && { callbackTargets: { dlr: url } }),
        },
      ],
    };
  },
});

/**
 * A minimal provider for engine tests: `POST /test-provider/send {to}` (and
 * `/test-provider/regions/{region}/send`) accepts one message that goes `sent` after 10 ms and
 * `delivered` after 20 ms (or the forced outcome), each reported to the `x-callback-url` header's
 * URL when given. Callbacks are "signed" with headers that show any requested tampering.
 */
export const testProvider: AnyProviderDefinition = {
  id: 'test-provider',
  title: 'Test provider',
  routes: [send('send', '/send'), send('regional-send', '/regions/{region}/send')],
  errors: Object.fromEntries(
    REQUIRED_ERROR_KINDS.map((kind) => [kind, plain(STATUS[kind] ?? 500, kind)]),
  ) as Record<ErrorKind, NativeError>,
  settings: { defaults: {}, schema: { type: 'object' } },
  lifecycle: (_message, _context, forced) => [
    { status: 'sent', afterMs: 10, callback: 'dlr' },
    {
      status: forced?.status ?? 'delivered',
      afterMs: forced?.afterMs ?? 20,
      callback: 'dlr',
      ...(forced?.code !== undefined && { code: forced.code }),
    },
  ],
  callbacks: {
    dlr: {
      build: (events) => ({
        body: events.map((e) => ({ id: e.message.id, status: e.step.status, code: e.step.code })),
      }),
      sign: (payload, _context, _target, tamper) => ({
        'x-test-signature': tamper?.badSignature ? 'spoiled' : `len-${payload.length}`,
        'x-test-nonce': tamper?.replayNonce ? 'replayed' : 'fresh',
        'x-test-skew': String(tamper?.skewSeconds ?? 0),
      }),
      schema: 'none',
    },
  },
};
