/**
 * Everything a provider definition may use from the engine: its types and the reusable auth
 * schemes. Providers import this module and nothing else under `src/` (an architecture test checks).
 */
export type {
  AcceptResult,
  AcceptedMessage,
  AuthOutcome,
  AuthScheme,
  CatalogFailureCode,
  CatalogStatus,
  InboundForm,
  InboundFormField,
  ProviderCatalog,
  CallbackEvent,
  CallbackKindDefinition,
  Diagnostic,
  ForcedOutcome,
  MagicNumber,
  InboundDefinition,
  InboundMessage,
  Json,
  LifecycleStep,
  NativeError,
  PhonePreview,
  PreviewButton,
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
export { CLEVERTAP_RETRY_POLICY, SINCH_RETRY_POLICY } from './dispatcher/retry-policy.js';
export { bodyCredentials } from './auth-schemes/body-credentials.js';
export { headerCredentials } from './auth-schemes/header-credentials.js';
export { basicAuth, parseBasicAuthorization } from './auth-schemes/basic-auth.js';
export {
  oauth2Bearer,
  readAccessToken,
  signAccessToken,
  type AccessTokenClaims,
  type OAuth2BearerOptions,
} from './auth-schemes/oauth2-bearer.js';
export { renderTemplate } from './render-template.js';
export { asFields, asList, asScalar, asText, type JsonFields } from './json-read.js';
