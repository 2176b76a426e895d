/**
 * The contract runner: cases that check a gateway's traffic against a provider's contract, the
 * runner, gateway adapters and reporters. Published as `provider-sim/contracts`.
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
  ContractJournal,
  ContractReport,
  ContractSimulator,
  FailureRecord,
  GatewayAdapter,
  GatewaySendInput,
} from './types.js';
export { ContractFailure, failuresFromDiagnostics } from './contract-failure.js';
export { runContract, type ContractTarget, type RunContractOptions } from './runner.js';
export { fireCheckedCallback, type CheckedCallback } from './fire-checked-callback.js';
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
export { formatJsonReport, JSON_REPORT_FORMAT } from './reporters/json.js';
export { CONTRACT_REGISTRY, loadContract } from '../../contracts/registry.js';
export { sinchSmsContract } from '../../contracts/sinch-sms.js';
