import {
  oauth2Bearer,
  type AuthScheme,
  type ProviderContext,
  type SimRequest,
} from '../../src/engine/provider-api.js';
import type { SinchSmsRestSettings } from './settings.js';

/**
 * Service-plan mode: `Authorization: Bearer <API token>` of the service plan named in the path.
 * @see https://developers.sinch.com/docs/sms/api-reference/authentication
 */
export const apiTokenAuth: AuthScheme<SinchSmsRestSettings> = {
  type: 'sinch-sms-api-token',
  secretFields: ['authorization'],
  verify(request: SimRequest, context: ProviderContext<SinchSmsRestSettings>) {
    const header = request.headers.authorization;
    const token = header ? /^Bearer\s+(\S+)\s*$/i.exec(header)?.[1] : undefined;
    if (token === undefined) {
      return {
        ok: false,
        reason: 'missing',
        detail: 'missing or malformed Authorization header; expected Bearer <API token>',
      };
    }
    const planId = request.params.service_plan_id ?? '';
    const plan = context.settings.servicePlans.find((p) => p.servicePlanId === planId);
    if (!plan) {
      return { ok: false, reason: 'invalid', detail: `unknown service plan "${planId}"` };
    }
    if (plan.apiToken !== token) {
      return {
        ok: false,
        reason: 'invalid',
        detail: `the API token is not the token of service plan "${planId}"`,
      };
    }
    return { ok: true, principal: planId };
  },
  describe: (settings) =>
    settings.servicePlans
      .map((p) => `service plan ${p.servicePlanId}, Authorization: Bearer ${p.apiToken}`)
      .join(' | '),
};

/**
 * Project mode (`zt.` hosts): an OAuth2 access token from the simulator's token route, whose
 * `project_id` claim must be the project in the path.
 */
export const oauthAuth: AuthScheme<SinchSmsRestSettings> = oauth2Bearer<SinchSmsRestSettings>({
  signingKey: (settings) => settings.tokenSigningKey,
  expiredErrorKind: 'token_expired',
  authorize(principal, claims, request, context) {
    const projectId = request.params.project_id ?? '';
    if (!context.settings.projects.includes(projectId)) {
      return { ok: false, reason: 'invalid', detail: `unknown project "${projectId}"` };
    }
    if (claims?.project_id !== projectId) {
      return {
        ok: false,
        reason: 'invalid',
        detail: `the access token of key "${principal}" is for project "${String(claims?.project_id ?? '')}", not "${projectId}"`,
      };
    }
    return undefined;
  },
  describe: (settings) =>
    `projects ${settings.projects.join(', ')}: Bearer <access token from /sinch/auth/oauth2/token>`,
});
