/**
 * Contract cases for gateways that send WhatsApp through Sinch India the way CleverTap's "Generic
 * (Other)" WhatsApp provider does: the Generic WhatsApp payload with `user` and `password` headers,
 * and CleverTap's status and inbound callbacks back: the common cases through
 * `sinchWhatsappDescriptor`, plus the Generic WhatsApp cases of its own.
 * @see https://docs.clevertap.com/docs/sinch
 * @see https://docs.clevertap.com/docs/generic-whatsapp
 */
import type { ProviderContractDescriptor } from '../src/contracts/provider-descriptor.js';
import type { ContractCase } from '../src/contracts/types.js';
import { commonCases } from './common.js';
import {
  clevertapWhatsappCases,
  clevertapWhatsappDescriptor,
  type ClevertapWhatsappContractSpec,
} from './families/clevertap-whatsapp.js';

const SPEC: ClevertapWhatsappContractSpec = {
  provider: 'sinch-whatsapp',
  credentials: 'user and password headers',
  headersTitle:
    'authenticates every request with the user and password headers (sinch-whatsapp/request-headers)',
};

/** Sinch India WhatsApp for the common cases. */
export const sinchWhatsappDescriptor: ProviderContractDescriptor =
  clevertapWhatsappDescriptor(SPEC);

/** Every Sinch India WhatsApp contract case, in the order they run: the common ones, then its own. */
export const sinchWhatsappContract: ContractCase[] = [
  ...commonCases(sinchWhatsappDescriptor),
  ...clevertapWhatsappCases(SPEC),
];
