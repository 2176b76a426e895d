/**
 * Contract cases for gateways that send WhatsApp through MSG91 the way CleverTap's "Generic (Other)"
 * WhatsApp provider does: the Generic WhatsApp payload to `/api/v5/whatsapp//outbound/clevertap/`
 * with Basic authentication, `Authkey` and JSON `Content-type` / `Accept`, and CleverTap's status and
 * inbound callbacks back.
 * @see https://docs.clevertap.com/docs/msg91-whatsapp
 * @see https://docs.clevertap.com/docs/generic-whatsapp
 */
import type { ContractCase } from '../src/contracts/types.js';
import { clevertapWhatsappCases } from './families/clevertap-whatsapp.js';

/** Every MSG91 WhatsApp contract case, in the order they run. */
export const msg91Contract: ContractCase[] = clevertapWhatsappCases({
  provider: 'msg91',
  headersTitle:
    'authenticates every request with Basic authentication and Authkey, and sends JSON Content-type and Accept (msg91/request-headers)',
});
