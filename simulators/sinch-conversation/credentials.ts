import {
  basicAuth,
  oauth2Bearer,
  type AuthScheme,
  type AuthOutcome,
} from '../../src/engine/provider-api.js';
import { findAccessKey } from './apps.js';
import type { SinchConversationSettings } from './settings.js';

const keyAccounts = (settings: SinchConversationSettings) =>
  settings.projects.flatMap((p) =>
    p.accessKeys.map((k) => ({ username: k.keyId, password: k.keySecret })),
  );

const basicKeys = basicAuth<SinchConversationSettings>({ accounts: keyAccounts });

/**
 * The token route's client authentication: HTTP Basic with an access key's id and secret, refused
 * in the OAuth 2.0 error format (`invalid_client`).
 * @see https://github.com/sinch/sinch-sdk-node/blob/main/packages/sdk-client/src/plugins/oauth2/oauth2-api.ts
 */
export const accessKeyBasic: AuthScheme<SinchConversationSettings> = {
  type: 'basic',
  secretFields: ['authorization', 'client_secret'],
  verify(request, context): AuthOutcome {
    const outcome = basicKeys.verify(request, context);
    return outcome.ok ? outcome : { ...outcome, errorKind: 'token_invalid_client' };
  },
  describe: (settings) =>
    keyAccounts(settings)
      .map((a) => `Basic ${a.username}:${a.password}`)
      .join(' | '),
};

/**
 * Conversation API calls: `Authorization: Bearer <token from the token route>`, or Basic with the
 * key id and secret (documented, at lower throughput). The key must belong to the project in the
 * path, else 403 PERMISSION_DENIED; an expired token answers 401 with `WWW-Authenticate: ...expired...`.
 * @see https://github.com/sinch/docs/blob/master/docs/conversation/conversation.md#authentication
 */
export const conversationAuth: AuthScheme<SinchConversationSettings> =
  oauth2Bearer<SinchConversationSettings>({
    signingKey: (settings) => settings.tokens.signingKey,
    basicAccounts: keyAccounts,
    expiredErrorKind: 'token_expired',
    authorize(principal, _claims, request, context): AuthOutcome | undefined {
      const projectId = request.params.project_id;
      if (projectId === undefined) return undefined;
      const owner = findAccessKey(context.settings, principal)?.project.projectId;
      if (owner === projectId) return undefined;
      return {
        ok: false,
        reason: 'invalid',
        detail:
          owner === undefined
            ? `access key "${principal}" no longer exists`
            : `access key "${principal}" belongs to project "${owner}", not to project "${projectId}" named in the path`,
        errorKind: owner === undefined ? 'unauthorized' : 'forbidden',
      };
    },
    describe: (settings) =>
      `Bearer <access_token from POST /sinch/auth/oauth2/token>, or ${keyAccounts(settings)
        .map((a) => `Basic ${a.username}:${a.password}`)
        .join(' | ')}`,
  });
