import type {
  AnyProviderDefinition,
  ErrorKind,
  NativeError,
} from '../../src/engine/provider-api.js';
import { REQUIRED_ERROR_KINDS } from '../../src/engine/errors.js';

const plain = (status: number, kind: string): NativeError => ({
  status,
  body: (detail, pointer) => ({ kind, detail, pointer }),
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

/**
 * A minimal provider for engine tests: `POST /test-provider/send {to}` accepts one message whose
 * DLR goes to the URL in the `x-callback-url` header when given, after 10 ms.
 */
export const testProvider: AnyProviderDefinition = {
  id: 'test-provider',
  title: 'Test provider',
  routes: [
    {
      id: 'send',
      method: 'POST',
      path: '/send',
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
    },
  ],
  errors: Object.fromEntries(
    REQUIRED_ERROR_KINDS.map((kind) => [kind, plain(STATUS[kind] ?? 500, kind)]),
  ) as Record<ErrorKind, NativeError>,
  settings: { defaults: {}, schema: { type: 'object' } },
  lifecycle: () => [{ status: 'delivered', afterMs: 10, callback: 'dlr' }],
  callbacks: {
    dlr: {
      build: (events) => ({
        body: events.map((e) => ({ id: e.message.id, status: e.step.status })),
      }),
      schema: 'none',
    },
  },
};
