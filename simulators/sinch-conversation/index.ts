import { SINCH_RETRY_POLICY, type ProviderDefinition } from '../../src/engine/provider-api.js';
import { SINCH_CONVERSATION_CATALOG } from './catalog.js';
import { SINCH_CONVERSATION_CALLBACKS } from './callbacks.js';
import { describeSinchConversation } from './describe.js';
import { SINCH_CONVERSATION_ERRORS } from './errors.js';
import { SINCH_CONVERSATION_INBOUND } from './inbound.js';
import { deliveryLifecycle } from './lifecycle.js';
import { sinchConversationMagicNumbers } from './magic-numbers.js';
import { SINCH_CONVERSATION_ROUTES } from './routes.js';
import {
  SINCH_CONVERSATION_DEFAULTS,
  SINCH_CONVERSATION_REPLACE_WHOLE,
  SINCH_CONVERSATION_SETTINGS_SCHEMA,
  type SinchConversationSettings,
} from './settings.js';
import { callbackTargetsOf } from './webhook-registry.js';
import { previewConversationMessage } from './preview.js';

/**
 * Sinch Mobile Messaging in Bloomreach: the Sinch Conversation API (OAuth2, `messages:send`,
 * webhooks, signed MESSAGE_DELIVERY and MESSAGE_INBOUND callbacks) for WhatsApp and RCS.
 * @see https://documentation.bloomreach.com/engagement/docs/sinch-mobile-messaging
 * @see https://developers.sinch.com/docs/conversation/
 */
export const sinchConversation: ProviderDefinition<SinchConversationSettings> = {
  id: 'sinch-conversation',
  basePath: '/sinch',
  title: 'Sinch Conversation API (Sinch Mobile Messaging in Bloomreach)',
  routes: SINCH_CONVERSATION_ROUTES,
  errors: SINCH_CONVERSATION_ERRORS,
  settings: {
    defaults: SINCH_CONVERSATION_DEFAULTS,
    schema: SINCH_CONVERSATION_SETTINGS_SCHEMA,
    replaceWhole: SINCH_CONVERSATION_REPLACE_WHOLE,
  },
  lifecycle: deliveryLifecycle,
  preview: previewConversationMessage,
  magicNumbers: sinchConversationMagicNumbers,
  callbacks: SINCH_CONVERSATION_CALLBACKS,
  callbackRetry: SINCH_RETRY_POLICY,
  callbackTargets: callbackTargetsOf,
  catalog: SINCH_CONVERSATION_CATALOG,
  inbound: SINCH_CONVERSATION_INBOUND,
  describe: describeSinchConversation,
};
