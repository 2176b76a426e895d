/**
 * Contract cases for gateways that send WhatsApp through Sinch India the way CleverTap's "Generic
 * (Other)" WhatsApp provider does: the Generic WhatsApp payload with `user` and `password` headers,
 * and CleverTap's status and inbound callbacks back.
 * @see https://docs.clevertap.com/docs/sinch
 * @see https://docs.clevertap.com/docs/generic-whatsapp
 */
import type { ContractCase } from '../src/contracts/types.js';
import { clevertapWhatsappCases } from './families/clevertap-whatsapp.js';

/** Every Sinch India WhatsApp contract case, in the order they run. */
export const sinchWhatsappContract: ContractCase[] = clevertapWhatsappCases({
  provider: 'sinch-whatsapp',
  headersTitle:
    'authenticates every request with the user and password headers (sinch-whatsapp/request-headers)',
});
