/**
 * Contract cases for gateways that send WhatsApp through MSG91 the way CleverTap's "Generic (Other)"
 * WhatsApp provider does: the Generic WhatsApp payload to `/api/v5/whatsapp//outbound/clevertap/`
 * with Basic authentication, `Authkey` and JSON `Content-type` / `Accept`, and CleverTap's status and
 * inbound callbacks back: the common cases through `msg91Descriptor`, plus the Generic WhatsApp
 * cases of its own.
 * @see https://docs.clevertap.com/docs/msg91-whatsapp
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
  provider: 'msg91',
  credentials: 'Basic authentication and the Authkey header',
  headersTitle:
    'authenticates every request with Basic authentication and Authkey, and sends JSON Content-type and Accept (msg91/request-headers)',
};

/** MSG91 WhatsApp for the common cases. */
export const msg91Descriptor: ProviderContractDescriptor = clevertapWhatsappDescriptor(SPEC);

/** Every MSG91 WhatsApp contract case, in the order they run: the common ones, then its own. */
export const msg91Contract: ContractCase[] = [
  ...commonCases(msg91Descriptor),
  ...clevertapWhatsappCases(SPEC),
];
