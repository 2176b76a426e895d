/**
 * The contract runner: cases that check a gateway's traffic against a provider's contract, the
 * common cases every provider opts into with a descriptor, the runner, gateway adapters, the
 * passive journal check and reporters. Published as `provider-sim/contracts`.
 */
export type {
  CallbackAnswer,
  CallbackFirer,
  CaseContext,
  CaseRequirement,
  CaseResult,
  CaseStatus,
  CaseTimeouts,
  ContractCase,
  ContractFaults,
  ContractJournal,
  ContractReport,
  ContractSettings,
  ContractSimulator,
  FailureRecord,
  GatewayAdapter,
  GatewaySendInput,
} from './types.js';
export type {
  BuiltCallback,
  CallbackVariant,
  GeneratedCallback,
  ProviderContractDescriptor,
  ProviderLimits,
  SentMessage,
} from './provider-descriptor.js';
export { DEFAULT_CONTRACT_SETTINGS } from './contract-settings.js';
export { ContractFailure, failuresFromDiagnostics } from './contract-failure.js';
export {
  runContract,
  runContractCase,
  type ContractTarget,
  type RunContractOptions,
} from './runner.js';
export { fireCheckedCallback, type CheckedCallback } from './fire-checked-callback.js';
export {
  expectAcknowledged,
  expectStatus,
  expectStatusStays,
  fireBuiltCallback,
  type FiredCallback,
} from './callback-checks.js';
export {
  faultsFor,
  quietCallbacks,
  recipientPattern,
  requestsTo,
  sendTracked,
  triggerSend,
  watchRequestsTo,
  type TrackedSendOptions,
} from './sent-messages.js';
export { attemptsOf, peakOverlap, waitsBetween, type Attempt } from './attempt-timeline.js';
export { bodyBytesOf, bodyOf, subjectOf } from './journal-entry.js';
export {
  CallbackSampler,
  SAMPLE_VARIANTS,
  type SampleVariant,
  type SchemaSource,
} from './callback-samples.js';
export { EXTRA_KEYS, withExtraKeys } from './extra-keys.js';
export { valueAtPointer } from './json-pointer.js';
export { postJson } from './post-json.js';
export { waitFor, WaitTimeoutError } from './wait-for.js';
export {
  createHttpGatewayAdapter,
  type HttpGatewayAdapterOptions,
} from './gateway-adapters/http-gateway-adapter.js';
export {
  formatCaseResult,
  formatConsoleReport,
  type ConsoleReportOptions,
} from './reporters/console.js';
export { formatProgress, formatSummaryLine } from './reporters/console.js';
export { formatJsonReport, JSON_REPORT_FORMAT } from './reporters/json.js';
export { formatJunitReport } from './reporters/junit.js';
export { renderReport } from './reporters/render-report.js';
export { routeSchemasOf, verifyJournal, type VerifyOptions } from './verify-journal.js';
export {
  connectSimulator,
  type RemoteSimulator,
  type SimulatorHealth,
} from './remote-simulator.js';
export type {
  ContractConfig,
  ContractConfigInput,
  HookContext,
  HttpProbe,
  HttpTrigger,
  ModuleHook,
  ReporterName,
  SendHook,
  StatusHook,
} from './config/contract-config.js';
export {
  loadContractConfig,
  resolveContractConfig,
  type ContractConfigOverrides,
} from './config/load-contract-config.js';
export { createConfiguredGatewayAdapter } from './gateway-adapters/configured-gateway-adapter.js';
export { runConfiguredContract, type ConfiguredRunEvents } from './run-configured-contract.js';
export { CONTRACT_REGISTRY, loadContract } from '../../contracts/registry.js';
export { commonCases } from '../../contracts/common.js';
export { sinchSmsContract, sinchSmsDescriptor } from '../../contracts/sinch-sms.js';
