/**
 * Everything a provider definition may use from the engine: its types and the reusable auth
 * schemes. Providers import this module and nothing else under `src/` (an architecture test checks).
 */
export type {
  AcceptResult,
  AcceptedMessage,
  AuthOutcome,
  AuthScheme,
  CallbackEvent,
  CallbackKindDefinition,
  Diagnostic,
  InboundDefinition,
  InboundMessage,
  Json,
  LifecycleStep,
  NativeError,
  PreparedCallback,
  ProviderContext,
  ProviderDefinition,
  AnyProviderDefinition,
  ProviderSettingsDefinition,
  RouteDefinition,
  SimRequest,
  SimResponse,
  SignatureTamper,
} from './types.js';
export type { ErrorKind } from './errors.js';
export { bodyCredentials } from './auth-schemes/body-credentials.js';
export { headerCredentials } from './auth-schemes/header-credentials.js';
export { basicAuth, parseBasicAuthorization } from './auth-schemes/basic-auth.js';
export { renderTemplate } from './render-template.js';
