import { bodyCredentials, type RouteDefinition } from '../../src/engine/provider-api.js';
import { acceptSend } from './accept.js';
import { splitRecipients } from './recipients.js';
import { sendRules } from './rules.js';
import type { SinchSmsSettings } from './settings.js';

/** Credentials travel in the JSON body. @see https://docs.clevertap.com/docs/sinch-sms */
const credentials = bodyCredentials<SinchSmsSettings>({
  fields: ['appid', 'userId', 'pass'],
  secretFields: ['pass'],
  accounts: (settings) => settings.accounts.map((a) => ({ ...a })),
});

/** Sinch SMS India routes (paths below `/sinch-sms`, as the real API spells them). */
export const SINCH_SMS_ROUTES: RouteDefinition<SinchSmsSettings>[] = [
  {
    id: 'send',
    method: 'POST',
    path: '/v1/enterprises/messages.json',
    body: 'json',
    allowMissingContentType: false,
    auth: credentials,
    requestSchema: 'sinch-sms/send-request',
    validate: sendRules,
    recipients: (request) => {
      const to = (request.body as { to?: unknown } | undefined)?.to;
      return typeof to === 'string' ? splitRecipients(to) : [];
    },
    accept: acceptSend,
  },
];
