/**
 * The cases every provider's gateway must pass, written once and parameterised by a provider
 * descriptor: payload valid per schema, credentials accepted, unique ids, batch and size limits,
 * bounded concurrency, retries on 5xx and timeouts with backoff, no retry of a business failure,
 * backing off on 429, every callback acknowledged in time, repeats idempotent, no status moving
 * back, undocumented keys tolerated, and schema-generated callbacks all taken.
 */
import type { ProviderContractDescriptor } from '../src/contracts/provider-descriptor.js';
import type { ContractCase } from '../src/contracts/types.js';
import { commonCallbackCases } from './common-callback-cases.js';
import { commonDeliveryCases } from './common-delivery-cases.js';
import { commonRequestCases } from './common-request-cases.js';

/** The common cases for the provider `descriptor` describes; fields it leaves out drop the cases that need them. */
export function commonCases(descriptor: ProviderContractDescriptor): ContractCase[] {
  return [
    ...commonRequestCases(descriptor),
    ...commonDeliveryCases(descriptor),
    ...commonCallbackCases(descriptor),
  ];
}
